"""What an alarm does beyond its record, configured per rule: an outbox consumer of `monitoring.alarm.raised` and
`monitoring.alarm.escalated` tells the people who handle alarms in the station's township (in-app, and SMS when the
alarm SMS channel is enabled; rules may switch this off or name the one role told) and, for rules so flagged, opens
an incident with source `sensor`. Each event is delivered to a consumer once (core.events), and raised/escalated
events are keyed per alarm and level, so each consequence happens once per alarm (the incident on `raised` only).
Duty escalation chains listen to `monitoring.*` themselves (duty.chains.LISTENED); prevention files a hazard from
the same event (prevention.monitoring_bridge).

For a rule with `draft_warning`, a raised alarm also drafts a warning in the alerts app (`draft_values`: type,
level, area pre-filled) whose author is the person who last edited the rule — a draft has an author who answers for it,
and flagging the rule is what asked for it — when that person may draft warnings for the alarm's township; the draft
is noted as the alarm's step 起草预警 (once per alarm). Otherwise, and at any time, the duty officer drafts it from the
alarm's page."""

import logging
import os

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yingji.channels.models import Channel, ChannelKind
from yingji.channels.services import Recipient, enqueue
from yingji.core.errors import DomainError
from yingji.core.events import consumer
from yingji.core.models import User
from yingji.core.timefmt import INPUT, local_text

from .choices import StationType
from .models import Alarm, AlarmStep

log = logging.getLogger(__name__)
DRAFTED = "draft"  # the AlarmStep event of a warning drafted from the alarm

# The incident type an alarm of a station type reports, and the warning type it drafts.
INCIDENT_TYPES = {StationType.RAIN: "1.1.1", StationType.WATER: "1.1.1", StationType.RESERVOIR: "1.1.1",
                  StationType.LANDSLIDE: "1.4.2", StationType.STRUCTURE: "1.4.1", StationType.FOREST_FIRE: "1.7.1",
                  StationType.FIRE_CAMERA: "1.7.1", StationType.TANK: "2.1.2", StationType.GAS: "2.1.2",
                  StationType.GAS_NETWORK: "2.3.1"}
WARNING_TYPES = {StationType.RAIN: "met.rainstorm", StationType.WATER: "flood", StationType.RESERVOIR: "flood",
                 StationType.LANDSLIDE: "geohazard", StationType.STRUCTURE: "geohazard",
                 StationType.FOREST_FIRE: "forest_fire", StationType.FIRE_CAMERA: "forest_fire"}


def alarm_sms_channel_code() -> str:
    return os.environ.get("YINGJI_ALARM_SMS_CHANNEL", "ALARM-SMS")


def _handlers(alarm: Alarm):
    """Active users who may handle alarms and whose jurisdiction covers the alarm's township (of the rule's role
    only, when it names one)."""
    path = alarm.region.path
    ancestors = [path[:i + 1] for i, ch in enumerate(path) if ch == "/" and i]
    users = User.objects.filter(is_active=True, region__path__in=ancestors).select_related("region")
    if alarm.rule.notify_role:
        users = users.filter(role=alarm.rule.notify_role)
    return [u for u in users if u.has_perm("monitoring.handle_alarm")]


def _notify(alarm: Alarm, payload: dict, kind: str) -> int:
    recipients = [Recipient(name=u.display_name, contacts={"username": u.username, "phone": u.phone},
                            region_code=u.region.code) for u in _handlers(alarm)]
    verb = _("升级为") if kind.endswith("escalated") else _("触发")
    subject = f"{payload['title']}"
    body = _("%(s)s %(v)s%(l)s报警：%(q)s %(x)s %(u)s，请到监测报警页确认处置") % {
        "s": payload["station_name"], "v": verb, "l": alarm.get_level_display(),
        "q": alarm.sensor.get_quantity_display(), "x": payload["value"], "u": payload["unit"]}
    key = f"alarm:{alarm.uuid}:{alarm.level}"
    written = 0
    for channel in Channel.objects.filter(enabled=True, kind=ChannelKind.IN_APP):
        written += enqueue(channel=channel, recipients=recipients, subject=subject, body=body, key_prefix=key,
                           source=alarm)
    sms = Channel.objects.filter(code=alarm_sms_channel_code(), enabled=True).first()
    if sms is not None:
        written += enqueue(channel=sms, recipients=recipients, subject=subject, body=f"{subject}。{body}",
                           key_prefix=key, source=alarm)
    return written


def _open_incident(alarm: Alarm, payload: dict):
    from yingji.incidents.choices import Source
    from yingji.incidents.services import create_incident

    station = alarm.station
    data = {"type_code": INCIDENT_TYPES.get(station.station_type, "1.1.1"), "occurred_at": alarm.triggered_at,
            "region": alarm.region, "lon": station.lon, "lat": station.lat, "address": station.name,
            "statement": _("监测报警自动登记：%(t)s，触发值 %(v)s %(u)s（规则 %(r)s）") % {
                "t": payload["title"], "v": payload["value"], "u": payload["unit"], "r": payload["rule"]}}
    return create_incident(actor=None, data=data, source=Source.SENSOR)


@consumer("monitoring.consequences", kinds=("monitoring.alarm.raised", "monitoring.alarm.escalated"))
def alarm_consequences(event) -> int:
    alarm = Alarm.objects.select_related("station", "sensor", "rule", "region").filter(
        uuid=event.payload.get("uuid")).first()
    if alarm is None:
        return 0
    done = _notify(alarm, event.payload, event.kind) if alarm.rule.notify else 0
    if event.kind == "monitoring.alarm.raised" and alarm.rule.open_incident:
        _open_incident(alarm, event.payload)
        done += 1
    if event.kind == "monitoring.alarm.raised" and alarm.rule.draft_warning:
        rule = alarm.rule
        done += draft_warning(alarm, rule.updated_by or rule.created_by) is not None
    return done


def draft_warning(alarm: Alarm, author, now=None):
    """The rule's warning draft from the alarm by `author`; None when the author may not draft one (no author,
    inactive, no permission, township outside their jurisdiction) or already has for this alarm (a second
    delivery)."""
    if author is None or not author.is_active:
        return None
    if AlarmStep.objects.filter(alarm=alarm, event=DRAFTED, actor=author).exists():
        return None
    from yingji.alerts.services import create_draft

    now = now or timezone.now()
    try:
        with transaction.atomic():
            warning = create_draft(actor=author, data=draft_values(alarm, now))
            note_draft(alarm, warning, author, now)
    except DomainError as exc:
        log.warning("monitoring: no warning drafted from alarm %s by %s: %s", alarm.uuid, author, exc.message)
        return None
    return warning


def note_draft(alarm: Alarm, warning, actor, now) -> None:
    """The alarm's step 起草预警 (its state unchanged), naming the draft."""
    AlarmStep.objects.create(alarm=alarm, event=DRAFTED, label=_("起草预警"), from_state=alarm.state,
                             to_state=alarm.state, actor=actor, at=now,
                             note=_("预警草稿：%(h)s") % {"h": warning.headline})


def draft_values(alarm: Alarm, now) -> dict:
    """The alerts compose form's values for a warning drafted from this alarm: the type of the station, the level of
    the alarm's colour, the station's township as the area, a 12-hour validity."""
    from datetime import timedelta

    station = alarm.station
    return {"type_code": WARNING_TYPES.get(station.station_type, "safety"), "level": alarm.level,
            "area_kind": "regions", "area_regions": [alarm.region.code], "committees": [],
            "effective": local_text(now, INPUT), "expires": local_text(now + timedelta(hours=12), INPUT),
            "source": _("监测报警 %(s)s") % {"s": station.code},
            "description": _("%(n)s%(q)s达到%(l)s报警阈值（%(v)s %(u)s，%(t)s），请注意防范。") % {
                "n": station.name, "q": alarm.sensor.get_quantity_display(), "l": alarm.get_level_display(),
                "v": alarm.value, "u": alarm.sensor.unit, "t": local_text(alarm.triggered_at, INPUT)}}
