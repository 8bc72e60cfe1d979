"""Jurisdiction on every path (issue 12 §2). Every page and API endpoint outside the registries (those have
generated tests in test_registries.py) is called as each of two township officers, 桂花镇 and 龙凤镇, with
records seeded in both townships: GET plainly and with "hostile" parameters naming the other township's
records, and the POSTs that only preview or compute. No response may carry a uuid or code of a record of the
other township that the officer may not read, pick or ask for. The URL conf is walked, so a new endpoint is
covered without being named here."""

import itertools
from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse
from django.urls.converters import UUIDConverter
from jurisdiction import (
    HOME,
    TOWNSHIP_USERS,
    foreign_tokens,
    leaked,
    marker,
    other_township,
    placed_models,
    response_text,
    seed,
)

from yingji.core.scoping import region_path_lookup

pytestmark = pytest.mark.django_db

# Not walked: logging in and out, language, static catalogues, the schema, the admin, and the SSE stream, which
# never ends (its filter, latest_events, has its own tests in test_jurisdiction_events.py).
SKIPPED = ("accounts/", "i18n/", "jsi18n/", "api/schema/", "api/docs/", "admin/", "events/stream/")
REGISTRY_MODULES = {"yingji.core.registry_views", "yingji.core.api_registry"}


@dataclass(frozen=True)
class Route:
    name: str
    kwargs: tuple[str, ...]
    app: str
    text: str
    uuids: frozenset[str] = frozenset()  # the arguments taking a uuid (filled with the user's own records')


def routes() -> list[Route]:
    found = {}

    def walk(patterns, namespace, prefix, kwargs, uuids=frozenset()):
        for pattern in patterns:
            names = kwargs + tuple(pattern.pattern.regex.groupindex)
            converters = getattr(pattern.pattern, "converters", {}).items()
            uuids_here = uuids | {name for name, conv in converters if isinstance(conv, UUIDConverter)}
            text = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                space = ":".join(filter(None, (namespace, pattern.namespace)))
                walk(pattern.url_patterns, space, text, names, uuids_here)
                continue
            callback = pattern.callback
            module = getattr(getattr(callback, "cls", None), "__module__", None) or callback.__module__
            if (not pattern.name or "format" in names or module in REGISTRY_MODULES or namespace == "registry"
                    or text.startswith(SKIPPED)):
                continue
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            app = module.split(".")[1] if module.startswith("yingji.") else ""
            found.setdefault((name, names), Route(name, names, app, text, uuids_here))

    walk(get_resolver().url_patterns, "", "", ())
    return list(found.values())


def own_records(user, app):
    """One record of each placed model of `app` (and an incident) in the user's township, newest first."""
    records = []
    for model, names in placed_models():
        if "uuid" in names and model._meta.app_label in (app, "incidents"):
            record = model._base_manager.filter(
                **{f"{region_path_lookup(model)}__startswith": user.region.path}).order_by("-pk").first()
            if record is not None:
                records.append(record)
    return sorted(records, key=lambda r: r._meta.app_label != app)


def kwarg_values(route, user, own):
    """Candidate values of each URL argument: the first that does not answer 404 is used."""
    from yingji.alerts.models import CapMessage
    from yingji.incidents.models import RectificationItem
    from yingji.onemap.layers import visible_layers
    from yingji.plans.response_views import MODELS

    uuids = [str(r.uuid) for r in own_records(user, route.app)]
    clock = own["incident"].clocks.order_by("id").first()
    cap = CapMessage.objects.order_by("id").first()
    choices = {"number": [1], "clock_id": [clock.pk if clock else 1], "kind": list(MODELS), "token": ["invalid"],
               "identifier": [cap.identifier if cap else "none"], "event": ["submit"],
               "slug": [layer.slug for layer in visible_layers(user)] or ["none"],
               "item_id": list(RectificationItem.objects.filter(  # a review item of the user's own township
                   review__incident__region__path__startswith=user.region.path).values_list("pk", flat=True)[:1])
               or [0]}
    return [uuids if name in route.uuids else choices.get(name, ["x"]) for name in route.kwargs]


def hostile_params(theirs) -> dict:
    """Query parameters naming the other township's records, as a curious user would try them."""
    incident, depot = theirs["incident"], theirs["depot"]
    return {"region": incident.region.code, "within": incident.region.code, "depot": depot.code,
            "to_depot": depot.code, "material": theirs["material"].code, "incident": str(incident.uuid),
            "lon": incident.lon, "lat": incident.lat, "q": incident.code, "page_size": 1000, "all": 1}


def previews(own, theirs) -> list[tuple[str, dict, bool]]:
    """POSTs that only compute or preview: (URL, body, and whether it is JSON)."""
    material = own["material"].code
    return [
        (reverse("plans-api-allocate", kwargs={"uuid": own["incident"].uuid}), {"demand": {material: 1000}}, True),
        (reverse("resources:move"), {"kind": "transfer", "depot": own["depot"].code, "to_depot": theirs["depot"].code,
                                     "material": material, "quantity": "1"}, False),
        (reverse("resources:move"), {"kind": "issue", "depot": own["depot"].code, "material": material,
                                     "quantity": "1"}, False),
    ]


@pytest.fixture
def seeded(users, regions):
    from yingji.channels.models import Channel
    from yingji.duty.services import send_roll_call

    records = {HOME[name]: seed(users[name], regions[other_township(name)], HOME[name], users["commander"])
               for name in TOWNSHIP_USERS}
    send_roll_call(actor=users["duty"], region=regions["district"], message="测试点名", window_minutes=10,
                   organizations=[users[name].organization for name in TOWNSHIP_USERS],
                   channel=Channel.objects.get(code="DUTY-INAPP"))  # a target in each township
    return records


@pytest.mark.parametrize("username", TOWNSHIP_USERS)
def test_no_path_shows_a_township_officer_the_other_townships_records(username, users, regions, seeded):
    user = users[username]
    own, theirs = seeded[HOME[username]], seeded[other_township(username)]
    foreign = foreign_tokens(user, regions[other_township(username)]) | {marker(other_township(username))}
    assert str(theirs["incident"].uuid) in foreign and theirs["depot"].code in foreign  # the check can see them
    client = Client()
    client.force_login(user)
    leaks, errors = {}, {}

    def check(label, response, sent=()):
        if response.status_code >= 500:
            errors[label] = response.status_code
        found = leaked(response_text(response), foreign - set(map(str, sent)))
        if found:
            leaks[label] = sorted(found)[:5]

    hostile = hostile_params(theirs)
    for route in routes():
        for url, response in _calls(route, user, own, client):
            check(url, response)
            if response.status_code == 200:
                check(f"{url} (hostile)", client.get(url, hostile), hostile.values())
    for url, body, as_json in previews(own, theirs):
        response = client.post(url, body, content_type="application/json") if as_json else client.post(url, body)
        check(f"POST {url} {body}", response, body.values())
    if leaks or errors:
        pytest.fail("\n".join([f"leak {url}: {tokens}" for url, tokens in leaks.items()]
                               + [f"error {url}: {status}" for url, status in errors.items()]))


def _calls(route, user, own, client):
    """(URL, GET response) for a route: each layer slug; for other arguments the first value that is found."""
    candidates = kwarg_values(route, user, own)
    combinations = [(slug,) for slug in candidates[0]] if route.kwargs == ("slug",) else itertools.product(*candidates)
    for values in combinations:
        url = reverse(route.name, kwargs=dict(zip(route.kwargs, values, strict=True)))
        response = client.get(url)
        if response.status_code != 404 or route.kwargs == ("slug",):
            yield url, response
            if route.kwargs != ("slug",):
                return
