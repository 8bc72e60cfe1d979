"""Running the rules on sensors and turning level changes into alarms: a new level opens an alarm (触发), a repeat
updates the open one (dedupe), a higher level escalates it, and the outbox tells the other apps
(`monitoring.alarm.raised`, `monitoring.alarm.escalated`)."""

from datetime import timedelta

from django.db import transaction
from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone

from yingji.core.events import publish
from yingji.core.models import Region

from . import rules
from .choices import OPEN_ALARM_STATES, RuleKind, StationStatus
from .models import Aggregate, Alarm, Reading, Rule, RuleStatus, Sensor, Station


def rules_for(sensors) -> list[tuple[Rule, Sensor]]:
    """Each (rule, sensor) pair that applies: rules naming the sensor, and rules of its station type and quantity."""
    types = {s.station.station_type for s in sensors}
    candidates = list(Rule.objects.filter(Q(sensor__in=sensors) | Q(sensor__isnull=True, station_type__in=types)))
    return [(rule, sensor) for sensor in sensors for rule in candidates if _applies(rule, sensor)]


def _applies(rule: Rule, sensor: Sensor) -> bool:
    if rule.sensor_id:
        return rule.sensor_id == sensor.pk
    return rule.station_type == sensor.station.station_type and rule.quantity == sensor.quantity


def _samples(sensors, pairs, now) -> dict[int, list[rules.Sample]]:
    """Each sensor's readings in the longest window its rules look back over (one query), and at least its latest
    reading up to `now`."""
    lookback = {}
    for rule, sensor in pairs:
        lookback[sensor.pk] = max(lookback.get(sensor.pk, timedelta(0)), rules.Spec.of(rule).lookback())
    since = now - max(max(lookback.values(), default=timedelta(0)), timedelta(hours=1))
    result = {s.pk: [] for s in sensors}
    rows = Reading.objects.filter(sensor__in=sensors, time__gt=since, time__lte=now).order_by("sensor", "time")
    for sensor_id, moment, value in rows.values_list("sensor", "time", "value"):
        result[sensor_id].append((moment, value))
    for sensor_id, samples in result.items():
        if not samples:  # nothing in the last hour: the latest reading before it
            last = Reading.objects.filter(sensor_id=sensor_id, time__lte=now).order_by("-time")
            samples.extend(last.values_list("time", "value")[:1])
    return result


def evaluate_sensors(sensor_ids, now=None) -> int:
    """Evaluate every rule of these sensors at `now`, in one transaction; the number of alarms opened or escalated.
    A rule's state is written only when it changes."""
    now = now or timezone.now()
    sensors = list(Sensor.objects.filter(pk__in=sensor_ids).select_related("station"))
    pairs = rules_for(sensors)
    if not pairs:
        return 0
    changed = 0
    with transaction.atomic():
        samples = _samples(sensors, pairs, now)
        statuses = {(s.rule_id, s.sensor_id): s for s in RuleStatus.objects.select_for_update().filter(
            rule__in={r.pk for r, _s in pairs}, sensor__in=sensors)}
        for rule, sensor in pairs:
            status = statuses.get((rule.pk, sensor.pk)) or RuleStatus(rule=rule, sensor=sensor)
            changed += _judge(rule, sensor, status, samples[sensor.pk], now)
    return changed


def _judge(rule, sensor, status, samples, now) -> int:
    spec = rules.Spec.of(rule)
    if spec.lookback():
        samples = [sample for sample in samples if sample[0] > now - spec.lookback()]
    before = rules.State(status.level, status.candidate, status.candidate_since)
    after, value = rules.evaluate(spec, before, samples, now)
    if after != before or status.pk is None:
        status.level, status.candidate, status.candidate_since = after.level, after.candidate, after.since
        status.value, status.evaluated_at = value, now
        status.save()
    if not before.level and not after.level:
        return 0
    return apply_level(rule, sensor, before.level, after.level, value, now)


def judge(rule, sensor, samples, now) -> int:
    """One rule on one sensor with the samples given (the no-data pass)."""
    with transaction.atomic():
        status, _new = RuleStatus.objects.select_for_update().get_or_create(rule=rule, sensor=sensor)
        return _judge(rule, sensor, status, samples, now)


def apply_level(rule, sensor, old: str, new: str, value, now) -> int:
    alarm = Alarm.objects.select_for_update().filter(rule=rule, sensor=sensor, state__in=OPEN_ALARM_STATES).first()
    if not new:
        if old and alarm is not None:
            alarm.cleared_at = now
            alarm.save(update_fields=["cleared_at"])
        return 0
    if alarm is None:
        if new == old:
            return 0  # still above the limit after the duty desk closed it: no new alarm until the level changes
        alarm = Alarm.objects.create(station=sensor.station, sensor=sensor, rule=rule,
                                     region_id=sensor.station.region_id, level=new,
                                     value=value if value is not None else 0, triggered_at=now, last_at=now)
        _announce("monitoring.alarm.raised", alarm)
        return 1
    escalates = rules.rises(alarm.level, new)
    alarm.level = new if escalates else alarm.level
    alarm.value = value if value is not None else alarm.value
    alarm.last_at, alarm.cleared_at, alarm.repeats = now, None, alarm.repeats + 1
    alarm.save()
    if escalates:
        _announce("monitoring.alarm.escalated", alarm)
    return int(escalates)


def event_payload(alarm: Alarm) -> dict:
    station, sensor, rule = alarm.station, alarm.sensor, alarm.rule
    return {"uuid": str(alarm.uuid), "level": alarm.level, "value": alarm.value, "unit": sensor.unit,
            "quantity": sensor.quantity, "station": station.code, "station_name": station.name,
            "station_type": station.station_type, "region": alarm.region.code, "lon": station.lon,
            "lat": station.lat, "rule": rule.code, "rule_kind": rule.kind, "window_minutes": rule.window_minutes,
            "draft_warning": rule.draft_warning, "open_incident": rule.open_incident,
            "to_hazard": rule.to_hazard, "enterprise": station.enterprise.code if station.enterprise_id else "",
            "title": f"{station.name}{sensor.get_quantity_display()}{alarm.get_level_display()}报警",
            "triggered_at": alarm.triggered_at.isoformat(),
            "url": reverse("monitoring:alarm", kwargs={"uuid": alarm.uuid})}


def _announce(kind: str, alarm: Alarm) -> None:
    alarm.region = Region.objects.only("pk", "code", "path").get(pk=alarm.region_id)  # not its outline
    publish(kind, event_payload(alarm), aggregate=alarm, region=alarm.region,
            key=f"{kind}:{alarm.uuid}:{alarm.level}")


# ---- the periodic pass: no-data rules and station state ------------------------------------------------------
OFFLINE_AFTER = timedelta(minutes=15)


def check_no_data(now=None) -> int:
    """Evaluate the no-data rules on every sensor they cover (the last time from the aggregates) and mark silent
    stations offline: nothing for three sampling intervals, and at least OFFLINE_AFTER."""
    now = now or timezone.now()
    rules_ = list(Rule.objects.filter(kind=RuleKind.NO_DATA))
    changed = 0
    if rules_:
        last = dict(Aggregate.objects.filter(period="day").values("sensor").annotate(t=Max("last_time"))
                    .values_list("sensor", "t"))
        types = {r.station_type for r in rules_ if r.station_type}
        sensors = Sensor.objects.filter(Q(rules__in=rules_) | Q(station__station_type__in=types)).distinct()
        with transaction.atomic():
            for sensor in sensors.select_related("station"):
                for rule in rules_:
                    if _applies(rule, sensor):
                        samples = [(last[sensor.pk], 0.0)] if sensor.pk in last else []
                        changed += judge(rule, sensor, samples, now)
    _mark_offline(now)
    return changed


def _mark_offline(now) -> int:
    count = 0
    live = Station.objects.filter(status=StationStatus.ONLINE).prefetch_related("sensors")
    for station in live.only("pk", "last_seen", "status"):
        intervals = [s.interval_seconds for s in station.sensors.all()] or [300]
        silence = max(OFFLINE_AFTER, timedelta(seconds=3 * min(intervals)))
        if station.last_seen is None or station.last_seen < now - silence:
            count += Station.objects.filter(pk=station.pk, status=StationStatus.ONLINE).update(
                status=StationStatus.OFFLINE)
    return count
