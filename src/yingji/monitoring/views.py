"""Pages of the monitoring app (the registries give the station, sensor and rule lists and forms): the dashboard,
a station's live values and chart, the alarms and one alarm with its steps."""

from pathlib import Path

import plotly
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_POST

from yingji.core.errors import DomainError
from yingji.core.refusals import refuse
from yingji.core.registry import registry_for
from yingji.core.scoping import scope_to_user

from . import dashboard as figures
from .choices import LEVEL_HEX, STATUS_HEX, AlarmState
from .coverage import coverage
from .models import Aggregate, Alarm, DeadLetter, Station
from .workflows import ALARM_FLOW, fire_alarm

VIEW = "monitoring.view_station"
PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"


@login_required
@permission_required(VIEW, raise_exception=True)
def dashboard(request):
    return render(request, "monitoring/dashboard.html", {
        "figures": figures.figures(request.user), "offline": figures.longest_offline(request.user),
        "alarms": figures.open_alarms(request.user, 20), "level_hex": LEVEL_HEX, "coverage": coverage(request.user),
        "stations_url": registry_for(Station).list_url,
        "dead_letters": DeadLetter.objects.all()[:10]})


def _station(request, uuid) -> Station:
    station = scope_to_user(Station.objects.all(), request.user).filter(uuid=uuid).first()
    if station is None:
        raise Http404
    return station


def live_values(station) -> list[dict]:
    """Each sensor's latest value (from its newest hourly aggregate)."""
    result = []
    for sensor in station.sensors.order_by("quantity"):
        latest = Aggregate.objects.filter(sensor=sensor, period="hour").order_by("-start").first()
        result.append({"sensor": sensor, "value": latest.last_value if latest else None,
                       "time": latest.last_time if latest else None})
    return result


@login_required
@permission_required(VIEW, raise_exception=True)
def station(request, uuid):
    record = _station(request, uuid)
    return render(request, "monitoring/station.html", {
        "station": record, "values": live_values(record), "status_hex": STATUS_HEX[record.status],
        "alarms": record.alarms.select_related("sensor", "rule")[:20], "level_hex": LEVEL_HEX,
        "registry_url": registry_for(Station).url_name("detail")})


@login_required
@permission_required(VIEW, raise_exception=True)
def alarms(request):
    state = request.GET.get("state", "open")
    rows = scope_to_user(Alarm.objects.all(), request.user).select_related("station", "sensor", "rule")
    if state == "open":
        rows = rows.filter(state__in=(AlarmState.TRIGGERED, AlarmState.CONFIRMED, AlarmState.HANDLING))
    elif state in AlarmState.values:
        rows = rows.filter(state=state)
    return render(request, "monitoring/alarms.html", {"alarms": rows[:200], "state": state,
                                                      "states": AlarmState.choices, "level_hex": LEVEL_HEX})


def _alarm(request, uuid) -> Alarm:
    alarm = scope_to_user(Alarm.objects.all(), request.user).filter(uuid=uuid).first()
    if alarm is None:
        raise Http404
    return alarm


@login_required
@permission_required(VIEW, raise_exception=True)
def alarm(request, uuid):
    from .views_hazard import alarm_hazard, hazard_url  # 转为隐患 (views_hazard imports this module)

    record = _alarm(request, uuid)
    hazard = alarm_hazard(request.user, record)
    return render(request, "monitoring/alarm.html", {
        "alarm": record, "steps": record.steps.select_related("actor"), "level_hex": LEVEL_HEX,
        "available": ALARM_FLOW.available(record, request.user),
        "hazard": hazard, "hazard_url": hazard_url(hazard) if hazard else ""})


@login_required
@require_POST
def alarm_step(request, uuid, event):
    record = _alarm(request, uuid)
    try:
        record = fire_alarm(record, event, actor=request.user, data={"note": request.POST.get("note", "")})
        messages.success(request, _("已完成：%(s)s") % {"s": record.get_state_display()})
    except DomainError as exc:
        messages.error(request, refuse(request, exc, keep=True, form=f"alarm-step-{event}").message)
    return redirect("monitoring:alarm", uuid=record.uuid)


@cache_control(max_age=86400, public=True)
def plotly_js(request):
    """plotly.js as the plotly package ships it (no copy in the repository, no CDN)."""
    return FileResponse(PLOTLY_JS.open("rb"), content_type="text/javascript")
