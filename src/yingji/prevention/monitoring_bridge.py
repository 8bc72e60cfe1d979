"""Monitoring alarms into the hazard loop, through the outbox (prevention does not import monitoring): a
`monitoring.alarm.raised` event of a rule flagged `to_hazard` files a hazard with source 监测报警 in the alarm's
township, at the station, under the station's enterprise if it has one. Once per alarm: the hazard keeps the alarm's
uuid in `extra`, and a second delivery finds it."""

from django.utils import timezone
from django.utils.translation import gettext as _

from yingji.core.events import consumer
from yingji.core.models import Region
from yingji.core.registry import registry_for
from yingji.core.services import save_record

from .choices import HazardGrade, HazardSource
from .models import Enterprise, Hazard


@consumer("prevention.monitoring_hazard", kinds=("monitoring.alarm.raised",))
def hazard_from_alarm(event) -> Hazard | None:
    payload = event.payload
    if not payload.get("to_hazard"):
        return None
    existing = Hazard.objects.filter(extra__monitoring_alarm=payload["uuid"]).first()
    if existing is not None:
        return existing
    region = Region.objects.filter(code=payload.get("region")).first()
    enterprise = Enterprise.objects.filter(code=payload.get("enterprise") or "-").first()
    return save_record(registry_for(Hazard), actor=None, data={
        "name": (payload.get("title") or _("监测报警"))[:200], "region": region, "source": HazardSource.MONITORING,
        "grade": HazardGrade.MAJOR if payload.get("level") == "red" else HazardGrade.GENERAL,
        "enterprise": enterprise, "found_on": timezone.localdate(),
        "lon": payload.get("lon"), "lat": payload.get("lat"),
        "description": _("监测报警（站点 %(s)s，规则 %(r)s）：%(v)s %(u)s") % {
            "s": payload.get("station_name", ""), "r": payload.get("rule", ""), "v": payload.get("value"),
            "u": payload.get("unit", "")},
        "extra": {"monitoring_alarm": payload["uuid"]}})
