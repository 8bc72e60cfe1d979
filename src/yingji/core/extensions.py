"""Extension points: how one app contributes to another without importing it (DESIGN §4.9).

An app that wants to show something on another app's page, or to take part in a platform-wide job, adds
an entry to one of the named registries below from its `AppConfig.ready()`. The host reads the registry
and renders (or runs) whatever is there; neither side imports the other. Each registry holds one entry
type, a frozen dataclass, and keeps its entries by key, so adding the same key again replaces the entry
(a `ready()` that runs twice changes nothing). Entries come out sorted by `order`, then in the order
they were added.

How to add one: define the dataclass here, create `NAME = ExtensionPoint("name", Entry)`, read it in the
host, and describe it in docs/architecture.md ("Extension points").
"""

import json
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from django.urls import NoReverseMatch, reverse
from django.utils.module_loading import import_string

Entry = TypeVar("Entry")


class ExtensionPoint(Generic[Entry]):
    def __init__(self, name: str, entry_type: type[Entry]):
        self.name, self.entry_type = name, entry_type
        self._entries: dict[str, Entry] = {}
        self._added_by: dict[str, str] = {}
        # (key, first module, second module): two modules adding the same key (the later silently wins, so two
        # apps providing one indicator would each think theirs counts); tests/core/test_extensions.py keeps it empty.
        self.contested: list[tuple[str, str, str]] = []

    def add(self, entry: Entry) -> Entry:
        if not isinstance(entry, self.entry_type):
            raise TypeError(f"{self.name} takes {self.entry_type.__name__} entries, not {type(entry).__name__}")
        module = sys._getframe(1).f_globals.get("__name__", "")
        first = self._added_by.setdefault(entry.key, module)
        if first != module:
            self.contested.append((entry.key, first, module))
        self._entries[entry.key] = entry
        return entry

    def get(self, key: str) -> Entry | None:
        return self._entries.get(key)

    def remove(self, key: str) -> None:
        self._entries.pop(key, None)
        self._added_by.pop(key, None)

    def __iter__(self) -> Iterator[Entry]:
        return iter(sorted(self._entries.values(), key=lambda entry: getattr(entry, "order", 100)))

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, key: str) -> bool:
        return key in self._entries


# ---- navigation -------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class NavItem:
    """A menu entry under `group`; shown when the user holds `permission` (none: everyone signed in)."""

    group: str
    title: str
    url_name: str
    permission: str = ""
    kwargs: tuple = ()  # (name, value) pairs for reverse()
    order: int = 100

    @property
    def key(self) -> str:
        return f"{self.group}:{self.url_name}:{self.kwargs}"

    @property
    def url(self) -> str:
        return reverse(self.url_name, kwargs=dict(self.kwargs) or None)

    def resolves(self) -> bool:
        try:
            self.url  # noqa: B018
        except NoReverseMatch:
            return False
        return True


NAVIGATION: ExtensionPoint[NavItem] = ExtensionPoint("navigation", NavItem)


# ---- panels on other apps' pages --------------------------------------------------------------------------
@dataclass(frozen=True)
class IncidentPanel:
    """A panel on the incident page. `context(user, incident)` returns the template's context (`incident`
    is added), or None to leave the panel out (nothing to show, or not for this user).
    `links(user, incident)` gives header buttons as (label, url, html_id) triples."""

    key: str
    template: str
    context: Callable[[Any, Any], dict | None]
    links: Callable[[Any, Any], list[tuple[str, str, str]]] = lambda user, incident: []
    order: int = 100


INCIDENT_PANELS: ExtensionPoint[IncidentPanel] = ExtensionPoint("incident_panels", IncidentPanel)


@dataclass(frozen=True)
class RecordPanel:
    """A panel on the detail page of a registry record (core/registry_views.py) of model `model`
    ("app_label.model_name"). `context(user, record)` returns the template's context (`record` is added), or None
    to leave the panel out; `links(user, record)` gives header buttons as (label, url, html_id) triples. Another
    app may add panels to a model it does not own (e.g. enforcement's inspections on prevention's enterprise)."""

    key: str
    model: str
    template: str
    context: Callable[[Any, Any], dict | None]
    links: Callable[[Any, Any], list[tuple[str, str, str]]] = lambda user, record: []
    order: int = 100


RECORD_PANELS: ExtensionPoint[RecordPanel] = ExtensionPoint("record_panels", RecordPanel)


def panels_for(model) -> list[RecordPanel]:
    label = model._meta.label_lower
    return [panel for panel in RECORD_PANELS if panel.model == label]


@dataclass(frozen=True)
class BoardPanel:
    """A section of the command board's JSON feed: `data(user, active_incidents, now)` is placed under
    `key` in the feed, and the board's script draws it."""

    key: str
    data: Callable[[Any, Any, Any], Any]
    order: int = 100


BOARD_PANELS: ExtensionPoint[BoardPanel] = ExtensionPoint("board_panels", BoardPanel)


@dataclass(frozen=True)
class ReviewSection:
    """A section of an incident's review (应急评估): `context(incident)` feeds `template` on the review page
    (`incident` is added; None leaves the section out), and `docx_blocks(incident)` gives its blocks in the
    DOCX report (paragraph texts and core.documents tables)."""

    key: str
    template: str
    context: Callable[[Any], dict | None]
    docx_blocks: Callable[[Any], list] = lambda incident: []
    order: int = 100


REVIEW_SECTIONS: ExtensionPoint[ReviewSection] = ExtensionPoint("review_sections", ReviewSection)


@dataclass(frozen=True)
class TimelineKind:
    """A kind of entry on an incident's timeline: its stored code, label, and Bootstrap icon name."""

    code: str
    label: Any  # a lazy translation
    icon: str = "dot"
    postable: bool = False  # may a participant post it by hand?
    order: int = 100

    @property
    def key(self) -> str:
        return self.code


TIMELINE_KINDS: ExtensionPoint[TimelineKind] = ExtensionPoint("timeline_kinds", TimelineKind)


def render_contributions(entries, request, incident, context_of, *, subject: str = "incident") -> list[str]:
    """The HTML of each panel or section whose `context_of(entry)` is not None, in order; the record they are
    about (`incident`) is in their template's context under `subject`."""
    from django.template.loader import render_to_string

    html = []
    for entry in entries:
        context = context_of(entry)
        if context is not None:
            html.append(render_to_string(entry.template, {subject: incident, **context}, request=request))
    return html


def timeline_kind_choices() -> list[tuple[str, Any]]:
    """The choices of TimelineEntry.kind (a callable, so apps registered later still count)."""
    return [(kind.code, kind.label) for kind in TIMELINE_KINDS]


# ---- the personal to-do inbox and the plan's indicators ---------------------------------------------------
@dataclass(frozen=True)
class TodoItem:
    title: str
    url: str
    kind: str  # what sort of work: 签发报告, 接收任务, …
    due_at: Any = None
    waiting_since: Any = None


@dataclass(frozen=True)
class TodoNotice:
    """An item that has just appeared in the inboxes of `users` (the people who can act on it)."""

    item: TodoItem
    users: tuple = ()


@dataclass(frozen=True)
class TodoProvider:
    """Work waiting for a user: `items(user)` lists what this user may act on now; `count(user)` answers the
    navbar's badge cheaply (one query; default: the number of items). After an outbox event whose kind is in
    `notify_on`, `notice(event)` names the item that appeared and who can act on it (a TodoNotice, or None),
    and the web app tells them through the message channels (web/todo.py)."""

    key: str
    title: Any
    items: Callable[[Any], list[TodoItem]]
    order: int = 100
    count: Callable[[Any], int] | None = None
    notify_on: tuple[str, ...] = ()
    notice: Callable[[Any], TodoNotice | None] | None = None

    def count_for(self, user) -> int:
        return self.count(user) if self.count is not None else len(self.items(user))


TODO_PROVIDERS: ExtensionPoint[TodoProvider] = ExtensionPoint("todo_providers", TodoProvider)


def waiting_order(item: TodoItem):
    """Sort key: the longest waiting first, items without a time last."""
    return (item.waiting_since is None, item.waiting_since or 0)


def todo_items(user) -> list[tuple[TodoProvider, list[TodoItem]]]:
    """Every provider's items for this user, oldest first; providers with nothing left out."""
    result = []
    for provider in TODO_PROVIDERS:
        items = provider.items(user)
        if items:
            result.append((provider, sorted(items, key=waiting_order)))
    return result


def todo_count(user) -> int:
    """How many items wait for the user, across providers (the navbar's badge)."""
    return sum(provider.count_for(user) for provider in TODO_PROVIDERS)


@dataclass(frozen=True)
class Indicator:
    """One of the plan's indicators (Tables 1–3): `compute(user)` returns {"value", "unit", "meets", "url"}
    for the figures the platform holds; an indicator without `compute` is entered with evidence."""

    code: str  # e.g. "2.4": table and row
    name: Any
    target: str
    unit: str
    attribute: str  # 约束性 or 预期性
    formula: Any
    compute: Callable[[Any], dict] | None = None
    order: int = 100

    @property
    def key(self) -> str:
        return self.code


INDICATORS: ExtensionPoint[Indicator] = ExtensionPoint("indicators", Indicator)


@dataclass(frozen=True)
class DisasterYears:
    """Natural-disaster figures of past years that no incident record holds (the census's register of historical
    disasters, entered or imported from before the platform): `years(user)` returns {year: {"dead": n, "affected": n}}
    for the years before this one in the user's reach. The incidents app's 2.1 and 2.2 fold them into their 年均."""

    key: str
    years: Callable[[Any], dict[int, dict]]
    order: int = 100


DISASTER_YEARS: ExtensionPoint[DisasterYears] = ExtensionPoint("disaster_years", DisasterYears)


# ---- the one-map ------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class MapLayer:
    """A layer of the one-map: `features(user, bbox | None, params)` returns the GeoJSON features the user
    may see in the box. The onemap app serves and draws every registered layer."""

    slug: str
    title: Any
    group: Any
    features: Callable
    color: str = "#0d6efd"
    geometry: str = "point"  # or "polygon"
    permission: str = ""
    order: int = 100
    legend: tuple[tuple[str, Any], ...] = ()  # (colour, label) for features coloured by a property
    # Optional `version(user) -> str`: names everything the layer shows this user (their jurisdiction's key,
    # core.scoping.scope_key, and the version of the data in it), read cheaply. When set, the one-map builds the
    # layer once per (version, language), serves it from the cache with an ETag (304 on reload) and gzip, and
    # filters ?bbox= and ?q= on the cached features; the layer's `features(user, None, {})` must then return every
    # feature the user may see. docs/architecture.md, "Pages a commander reloads".
    version: Callable | None = None

    @property
    def key(self) -> str:
        return self.slug

    @property
    def legend_json(self) -> str:
        return json.dumps([[colour, str(label)] for colour, label in self.legend], ensure_ascii=False)


MAP_LAYERS: ExtensionPoint[MapLayer] = ExtensionPoint("map_layers", MapLayer)


# ---- pages kept for use without a network -----------------------------------------------------------------
@dataclass(frozen=True)
class OfflinePages:
    """Pages a user may need where there is no signal (the inspector's on-site forms): `urls(user)` returns the
    site paths to keep, all under `scope` (a path prefix ending in "/", e.g. "/enforcement/"). The site's service
    worker (web/offline.py) is registered for each scope; it fetches and caches the pages, with the scripts and
    styles they load, whenever the user opens any page online; offline, a navigation to one of them is answered
    from the cache. Pages outside every scope are never controlled by the worker."""

    key: str
    scope: str
    urls: Callable[[Any], list[str]]
    order: int = 100


OFFLINE_PAGES: ExtensionPoint[OfflinePages] = ExtensionPoint("offline_pages", OfflinePages)


# ---- background work and demo data ------------------------------------------------------------------------
@dataclass
class PeriodicHook:
    """Housekeeping the worker runs every `every_seconds` (expiring warnings, the duty scheduler, …)."""

    key: str
    run: Callable[[], object]
    every_seconds: float = 30.0
    last_run: float = field(default=float("-inf"), compare=False)


PERIODIC_HOOKS: ExtensionPoint[PeriodicHook] = ExtensionPoint("periodic_hooks", PeriodicHook)


@dataclass(frozen=True)
class WorkerStep:
    """A step of the worker loop (`yingji worker`, Celery's pump): `run(now)` does one batch and returns how
    much it handled; the loop repeats while any step handled something. `now=None` means "real time"."""

    key: str
    run: Callable[[Any], int]
    order: int = 100


WORKER_STEPS: ExtensionPoint[WorkerStep] = ExtensionPoint("worker_steps", WorkerStep)


@dataclass(frozen=True)
class DemoLoader:
    """Part of the deterministic 船山区 demonstration data: `load(progress)` runs in `order` (the base
    regions, organizations and accounts first, at 0), inside one transaction. `load` may be a dotted path
    ("yingji.resources.demo.load"), imported only when the demo is loaded."""

    key: str
    load: Callable[[Callable[[str], None]], None] | str
    order: int = 100

    def run(self, progress) -> None:
        load = import_string(self.load) if isinstance(self.load, str) else self.load
        load(progress=progress)


DEMO_LOADERS: ExtensionPoint[DemoLoader] = ExtensionPoint("demo_loaders", DemoLoader)
