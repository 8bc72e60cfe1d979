"""Workflows as tables (DESIGN §4.3).

A transition names its from-states, the event, the to-state, the permission it needs, guards that
raise clear errors, what it writes to the timeline, and the work queued after commit. One engine runs
incidents, plans, warnings, reports, hazards and inspections:

    INCIDENT_FLOW = Workflow("incident", state_field="status", transitions=[
        Transition(("reported",), "verify", "verified", permission="incidents.change_incident",
                   label="核实", guards=(needs_location,)),
        ...
    ], on_transition=write_timeline)
    INCIDENT_FLOW.fire(incident, "verify", actor=user, data={"note": "..."})

Pages offer only the steps that would succeed: `available(record, user)` checks the permission and every guard
marked `@precondition` (one that reads only the record and the actor: "not the author", "nothing to approve"),
so a button a user may not use is not shown. Guards that need the submitted data (a reason, a summary) or
explain what to fix first (reports not yet complete) run only when the step is taken.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from .errors import DomainError, PermissionDeniedError
from .events import publish

Guard = Callable[[object, object, dict], None]  # (record, actor, data) -> None, raises DomainError
AfterCommit = Callable[[object], None]


def precondition(guard: Guard) -> Guard:
    """Marks a guard that needs no submitted data, so `available()` can check it before a button is drawn."""
    guard.precondition = True
    return guard


@dataclass(frozen=True)
class Transition:
    sources: tuple[str, ...]
    event: str
    target: str
    label: str
    permission: str = ""
    guards: tuple[Guard, ...] = ()
    after_commit: tuple[AfterCommit, ...] = ()
    timeline: str = ""  # a sentence for the timeline; "{actor}" and data keys are filled in


WORKFLOWS: dict[str, "Workflow"] = {}  # by name: a workflow's name prefixes its outbox events, so it is unique


def by_name(name: str) -> "Workflow":
    """The workflow called `name`, importing every app's workflows.py the first time one is missing."""
    if name not in WORKFLOWS:
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("workflows")
    return WORKFLOWS[name]


@dataclass
class Workflow:
    name: str
    transitions: list[Transition]
    state_field: str = "status"
    on_transition: Callable | None = None  # (record, transition, actor, data) -> None, inside the transaction
    _index: dict = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self):
        for t in self.transitions:
            for source in t.sources:
                key = (source, t.event)
                if key in self._index:
                    raise ValueError(f"{self.name}: two transitions for {key}")
                self._index[key] = t
        WORKFLOWS[self.name] = self

    def events(self) -> set[str]:
        return {t.event for t in self.transitions}

    def find(self, state: str, event: str) -> Transition | None:
        return self._index.get((state, event))

    def available(self, record, actor) -> list[Transition]:
        """The steps `actor` may take on `record` now: permission held and every precondition met."""
        state = getattr(record, self.state_field)
        return [t for t in self.transitions if state in t.sources and self.may(record, actor, t)]

    def may(self, record, actor, transition: Transition) -> bool:
        if not _allowed(actor, transition):
            return False
        try:
            for guard in transition.guards:
                if getattr(guard, "precondition", False):
                    guard(record, actor, {})
        except DomainError:  # PermissionDeniedError and ConflictError too
            return False
        return True

    def fire(self, record, event: str, *, actor, data: dict | None = None, lock: bool = True):
        """Apply one event. Atomic: the state, the timeline entry and the outbox event land together."""
        data = data or {}
        if event not in self.events():
            raise DomainError("unknown_event", _("未知的操作：%(e)s") % {"e": event}, field="event")
        with transaction.atomic():
            if lock and record.pk is not None:
                record = type(record).objects.select_for_update().get(pk=record.pk)
            state = getattr(record, self.state_field)
            transition = self.find(state, event)
            if transition is None:
                label = _state_label(record, self.state_field)
                raise DomainError(
                    "invalid_transition", _("当前状态“%(s)s”不能执行该操作") % {"s": label}, field="event"
                )
            if not _allowed(actor, transition):
                raise PermissionDeniedError("permission_denied", _("您没有权限执行“%(l)s”") % {"l": transition.label})
            for guard in transition.guards:
                guard(record, actor, data)
            setattr(record, self.state_field, transition.target)
            record.save()
            if self.on_transition is not None:
                self.on_transition(record, transition, actor, data)
            publish(
                f"{self.name}.{transition.event}",
                {
                    "uuid": str(getattr(record, "uuid", record.pk)),
                    "from": state,
                    "to": transition.target,
                    "title": f"{record} · {transition.label}",
                },
                aggregate=record,
                region=getattr(record, "region", None),
            )
            for task in transition.after_commit:
                transaction.on_commit(lambda task=task, record=record: task(record))
        return record


def _allowed(actor, transition: Transition) -> bool:
    return not transition.permission or (actor is not None and actor.has_perm(transition.permission))


def _state_label(record, state_field: str) -> str:
    getter = getattr(record, f"get_{state_field}_display", None)
    return str(getter()) if getter else str(getattr(record, state_field))


def states(transitions: Iterable[Transition]) -> set[str]:
    result = set()
    for t in transitions:
        result.update(t.sources)
        result.add(t.target)
    return result
