"""The command hall's big screen (大屏, issue 21): one 1920×1080 dark page fed by its own SSE stream.

`snapshot(user)` is everything the screen shows apart from the map's areas and the indicators, scoped to the
viewer's jurisdiction: active incidents with their grade and the reporting clocks (incidents' command board
feed), warnings in force (alerts), open monitoring alarms (monitoring), who is on duty (duty), today's counts and
the latest events of the live feed. Each section is there only when its app is installed and the viewer's role
may view that kind of record. The map's areas come from the one-map registry (`core.extensions.MAP_LAYERS`), the
indicators from the indicators app (which reads `core.extensions.INDICATORS`).

The stream `/events/stream/screen/` (`screen_stream`) sends `snapshot` at once, then again whenever a new event
the viewer may see is in the outbox (checked every TICK seconds) and at least every SNAPSHOT_EVERY ticks (the
clocks move); `indicators` at once and every INDICATORS_EVERY ticks; `areas` at once and when they change.
It is bounded: it ends after `ticks` ticks (default MAX_TICKS, about 20 minutes; `?ticks=n` shortens it, tests
use 1) and the browser reconnects, resuming with Last-Event-ID. Between ticks it awaits asyncio.sleep, so an
open screen holds neither a thread nor a database connection; each read goes through sync_to_async."""

import asyncio
import json
import logging
from datetime import datetime, time

from asgiref.sync import sync_to_async
from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from yingji.core.extensions import MAP_LAYERS
from yingji.core.models import OutboxEvent
from yingji.core.scoping import scope_events, scope_to_user

log = logging.getLogger(__name__)
PERMISSION = "incidents.view_incident"
TICK = 2.0  # seconds between two looks at the outbox
MAX_TICKS = 600
SNAPSHOT_EVERY = 15  # ticks: a full snapshot at least every 30 s
INDICATORS_EVERY = 150  # ticks: the indicators every 5 minutes (their providers count whole registers)
AREA_LAYERS = ("alerts-in-force", "dispatched-teams")  # one-map layers drawn on the screen's map
LIMITS = {"incidents": 30, "clocks": 12, "warnings": 12, "alarms": 12, "news": 12}
DUTY_ROLES = ("leader", "chief", "officer")


def _installed(app: str) -> bool:
    return apps.is_installed(f"yingji.{app}")


def _incidents(user, now, data):
    from yingji.incidents.board import board_data
    from yingji.incidents.views import visible

    board = board_data(user, now)
    data["incidents"] = board["incidents"][:LIMITS["incidents"]]
    data["active"] = len(board["incidents"])
    data["clocks"] = board["clocks"][:LIMITS["clocks"]]
    data["by_grade"] = board["by_grade"]
    data["counts"]["incidents_today"] = visible(user).filter(received_at__gte=_day_start(now)).count()


def _warnings(user, now, data):
    from yingji.alerts.models import Warning
    from yingji.alerts.services import in_force
    from yingji.alerts.types import level_name

    shown = scope_to_user(in_force(now), user).order_by("-published_at")
    data["warnings"] = [{
        "uuid": str(w.uuid), "headline": w.headline, "colour": w.level_enum.hex,
        "level": str(level_name(w.type_code, w.level_enum)), "expires": w.expires.isoformat(),
        "url": reverse("alerts:detail", kwargs={"uuid": w.uuid})} for w in shown[:LIMITS["warnings"]]]
    data["counts"]["warnings_in_force"] = shown.count()
    data["counts"]["warnings_today"] = scope_to_user(
        Warning.objects.filter(published_at__gte=_day_start(now)), user).count()


def _alarms(user, now, data):
    from yingji.monitoring.choices import LEVEL_HEX, OPEN_ALARM_STATES
    from yingji.monitoring.models import Alarm

    open_alarms = scope_to_user(Alarm.objects.filter(state__in=OPEN_ALARM_STATES), user)
    shown = open_alarms.select_related("station", "sensor").order_by("-triggered_at")[:LIMITS["alarms"]]
    data["alarms"] = [{
        "uuid": str(a.uuid), "station": a.station.name, "sensor": str(a.sensor), "level": a.get_level_display(),
        "colour": LEVEL_HEX.get(a.level, "#adb5bd"), "state": a.get_state_display(), "value": a.value,
        "at": a.triggered_at.isoformat(), "lon": a.station.lon, "lat": a.station.lat,
        "url": _url("monitoring:alarm", a.uuid)} for a in shown]
    data["counts"]["alarms_open"] = open_alarms.count()
    data["counts"]["alarms_today"] = scope_to_user(
        Alarm.objects.filter(triggered_at__gte=_day_start(now)), user).count()


def _duty(user, now, data):
    from yingji.duty.oncall import holders

    data["on_duty"] = [{"post": r.post.get_role_display(), "name": r.post.name,
                        "person": r.person.name if r.person else ""}
                       for r in holders(now, user=user, roles=DUTY_ROLES)][:8]


def _url(name, uuid) -> str:
    try:
        return reverse(name, kwargs={"uuid": uuid})
    except NoReverseMatch:
        return ""


def _day_start(now):
    local = timezone.localtime(now)
    return timezone.make_aware(datetime.combine(local.date(), time.min), local.tzinfo)


SECTIONS = (  # (app, permission, reader)
    ("incidents", PERMISSION, _incidents),
    ("alerts", "alerts.view_warning", _warnings),
    ("monitoring", "monitoring.view_alarm", _alarms),
    ("duty", "duty.view_shift", _duty),
)


def news(user, limit: int = LIMITS["news"]) -> list[dict]:
    """The latest events of the live feed the viewer may see (core.scoping.scope_events), newest first."""
    events = scope_events(OutboxEvent.objects.all(), user).order_by("-id")[:limit]
    return [{"id": e.id, "kind": e.kind, "title": str(e.payload.get("title") or ""), "at": e.created.isoformat()}
            for e in events]


def snapshot(user, now=None) -> dict:
    now = now or timezone.now()
    data = {"now": now.isoformat(), "incidents": [], "active": 0, "clocks": [], "by_grade": [], "warnings": [],
            "alarms": [], "on_duty": [], "counts": {}, "news": news(user),
            "sections": []}
    for app, permission, reader in SECTIONS:
        if _installed(app) and user.has_perm(permission):
            try:  # one app's failure must not blank the whole screen (its panel keeps its last figures)
                reader(user, now, data)
            except Exception:
                log.exception("big screen: the %s section failed", app)
                data.setdefault("failed", []).append(app)
                continue
            data["sections"].append(app)
    return data


def areas(user) -> dict:
    """The map's areas and moving things from the one-map registry: warnings in force, dispatched teams."""
    layers = {layer.slug: layer for layer in MAP_LAYERS}
    return {slug: layers[slug].features(user, None, {}) for slug in AREA_LAYERS
            if slug in layers and (not layers[slug].permission or user.has_perm(layers[slug].permission))}


def indicators(user) -> list[dict]:
    if not (_installed("indicators") and user.has_perm("indicators.view_indicatorvalue")):
        return []
    from yingji.indicators.status import current

    keys = ("code", "table", "name", "value", "of", "unit", "target", "target_check", "baseline", "status",
            "status_label", "note")
    return [{key: row.get(key) for key in keys} for row in current(user)]


def _guarded(read, user):
    """`read(user)`, or None when it fails (logged): the screen keeps what it showed rather than going offline."""
    try:
        return read(user)
    except Exception:
        log.exception("big screen: %s failed", read.__name__)
        return None


def _frame(event: str, data, event_id: int | None = None) -> str:
    head = f"id: {event_id}\n" if event_id else ""
    return f"{head}event: {event}\ndata: {json.dumps(data, ensure_ascii=False, default=str)}\n\n"


def _ticks(value) -> int:
    try:
        return max(1, min(MAX_TICKS, int(value)))
    except (TypeError, ValueError):
        return MAX_TICKS


def _plotly_url() -> str:
    try:
        return reverse("monitoring:plotly")
    except NoReverseMatch:
        return ""


@login_required
def screen(request):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    stream_url = reverse("web:screen-stream")
    if "ticks" in request.GET:  # a shorter stream (the browser test cuts and restores it)
        stream_url += f"?ticks={_ticks(request.GET['ticks'])}"
    return render(request, "web/screen.html", {"stream_url": stream_url, "plotly_url": _plotly_url()})


@login_required
async def screen_stream(request):
    user = await request.auser()
    if not await sync_to_async(user.has_perm)(PERMISSION):
        raise PermissionDenied
    ticks = _ticks(request.GET.get("ticks"))
    resume_from = request.headers.get("Last-Event-ID", "")
    last_id = int(resume_from) if resume_from.isdigit() else 0

    def newest_id() -> int:
        return OutboxEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0

    def new_events(after: int) -> tuple[int, int]:
        """(the newest event id, how many of the events after `after` the viewer may see)."""
        newest = newest_id()
        if newest <= after:
            return after, 0
        return newest, scope_events(OutboxEvent.objects.filter(id__gt=after, id__lte=newest), user).count()

    async def stream():
        nonlocal last_id
        yield "retry: 3000\n\n"
        last_areas = None
        if not last_id:
            last_id = await sync_to_async(newest_id)()
        for tick in range(ticks):
            last_id, seen = await sync_to_async(new_events)(last_id)
            if tick == 0 or seen or tick % SNAPSHOT_EVERY == 0:
                yield _frame("snapshot", await sync_to_async(snapshot)(user), last_id)
                found = await sync_to_async(_guarded)(areas, user)
                drawn = json.dumps(found, ensure_ascii=False, default=str)
                if found is not None and drawn != last_areas:
                    last_areas = drawn
                    yield f"event: areas\ndata: {drawn}\n\n"
            else:
                yield ": keep-alive\n\n"
            if tick % INDICATORS_EVERY == 0:
                rows = await sync_to_async(_guarded)(indicators, user)
                if rows is not None:
                    yield _frame("indicators", rows)
            if tick + 1 < ticks:
                await asyncio.sleep(TICK)

    response = StreamingHttpResponse(stream(), content_type="text/event-stream")
    response["Cache-Control"] = "no-cache"
    response["X-Accel-Buffering"] = "no"
    return response
