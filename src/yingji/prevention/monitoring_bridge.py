"""Monitoring alarms into the hazard loop (prevention does not import monitoring; monitoring may import prevention).
A `monitoring.alarm.raised` event of a rule flagged `to_hazard` files a hazard through the outbox, and an alarm's page
offers 转为隐患 for the others (monitoring/views_hazard.py calls `file_from_alarm` with the user): a hazard with
source 监测报警 in the alarm's township, at the station, under the station's enterprise if it has one. Once per alarm:
the hazard keeps the alarm's uuid in `extra`, and a second delivery or a second press finds it."""

from django.utils import timezone
from django.utils.translation import gettext as _

from yingji.core.events import consumer
from yingji.core.models import Region
from yingji.core.registry import registry_for
from yingji.core.services import save_record

from .choices import HazardGrade, HazardSource
from .models import Enterprise, Hazard, HazardCriterion
from .models.criteria import ListStatus, criterion_sectors

ALARM_KEY = "monitoring_alarm"  # Hazard.extra's key holding the alarm's uuid


def hazard_of_alarm(alarm_uuid) -> Hazard | None:
    """The hazard filed from this alarm, if any (in no one's reach in particular: callers scope it)."""
    return Hazard.objects.filter(**{f"extra__{ALARM_KEY}": str(alarm_uuid)}).first()


def file_from_alarm(payload: dict, *, actor=None) -> Hazard:
    """The alarm's hazard (monitoring.alarms.event_payload): filed by `actor` (None: the outbox), validated and
    audited as a registry save in the actor's reach; the one already filed when there is one."""
    existing = hazard_of_alarm(payload["uuid"])
    if existing is not None:
        return existing
    region = Region.objects.filter(code=payload.get("region")).first()
    enterprise = Enterprise.objects.filter(code=payload.get("enterprise") or "-").first()
    grade, note = _grade(payload, enterprise)
    return save_record(registry_for(Hazard), actor=actor, data={
        "name": (payload.get("title") or _("监测报警"))[:200], "region": region, "source": HazardSource.MONITORING,
        "grade": grade, "criterion_note": note, "enterprise": enterprise, "found_on": timezone.localdate(),
        "lon": payload.get("lon"), "lat": payload.get("lat"),
        "description": _("监测报警（站点 %(s)s，规则 %(r)s）：%(v)s %(u)s") % {
            "s": payload.get("station_name", ""), "r": payload.get("rule", ""), "v": payload.get("value"),
            "u": payload.get("unit", "")},
        "extra": {ALARM_KEY: payload["uuid"]}})


def _grade(payload, enterprise) -> tuple[str, str]:
    """A red alarm is a 重大 hazard, unless the unit's sector has 重大事故隐患判定标准 items: an alarm cites none, so
    the hazard is filed 一般 with a note and the township grades it when it verifies (a 重大 hazard of that unit
    without an item would be refused, and the alarm would file nothing)."""
    if payload.get("level") != "red":
        return HazardGrade.GENERAL, ""
    if enterprise is not None and HazardCriterion.objects.filter(
            sector__in=criterion_sectors(enterprise.category), status=ListStatus.ACTIVE).exists():
        return HazardGrade.GENERAL, _("红色报警：该单位的重大隐患须引用判定标准条款，请核实时定级")
    return HazardGrade.MAJOR, ""


@consumer("prevention.monitoring_hazard", kinds=("monitoring.alarm.raised",))
def hazard_from_alarm(event) -> Hazard | None:
    payload = event.payload
    if not payload.get("to_hazard"):
        return None
    return file_from_alarm(payload)
