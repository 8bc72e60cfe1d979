"""Running the rules on sensors and turning level changes into alarms: a new level opens an alarm (触发), a repeat
updates the open one (dedupe), a higher level escalates it, and the outbox tells the other apps
(`monitoring.alarm.raised`, `monitoring.alarm.escalated`)."""

import operator
from dataclasses import dataclass
from datetime import timedelta
from functools import reduce

from django.db import connection, transaction
from django.db.models import Max, Q, Sum
from django.urls import reverse
from django.utils import timezone

from yingji.core.events import publish
from yingji.core.models import Region

from . import rules, storage
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


def _samples(sensors, pairs, now, specs) -> dict[int, list[rules.Sample]]:
    """What the rules other than accumulations need of each sensor, in time order: its latest reading up to `now`
    (value and no-data rules; the end of a rate or speed), and for each window of its rate and speed rules the first
    reading inside it. A rate or a speed is judged on the first and last readings of its window (`rules.metric`),
    and the first inside a window is the earliest sample after its start, so these few rows give the same metric as
    the window's whole series, which on PostgreSQL cost most of a pass to read (bench/README.md, monitoring "sixth
    pass"). Accumulations are summed by the database (`_sums`)."""
    lookback: dict[timedelta, set[int]] = {}
    latest_of = set()
    for rule, sensor in pairs:
        spec = specs[rule.pk]
        if spec.kind in (RuleKind.RATE, RuleKind.SPEED):
            lookback.setdefault(spec.window, set()).add(sensor.pk)
        if spec.kind != RuleKind.ACCUMULATION:
            latest_of.add(sensor.pk)
    points: dict[int, set[rules.Sample]] = {s.pk: set() for s in sensors}
    for window, sensor_ids in lookback.items():
        for sensor_id, moment, value in storage.edge_readings(sensor_ids, now - window, now, "first"):
            points[sensor_id].add((moment, value))
    for sensor_id, moment, value in storage.edge_readings(latest_of, None, now):
        points[sensor_id].add((moment, value))
    return {sensor_id: sorted(found) for sensor_id, found in points.items()}


def _sums(pairs, now, specs) -> dict[tuple[timedelta, int], float]:
    """The accumulation rules' metric: each sensor's sum over each window, the readings with start < time ≤ now
    (as `rules.metric` sums them). A window's whole hours before the current one are summed from the hourly
    aggregates, which the readings' own transaction keeps (storage.update_aggregates); only its ragged start and
    the current hour from the readings. So a 24-hour sum reads 23 aggregate rows and about two hours of readings
    per gauge instead of the day's readings, and all windows are summed by two statements."""
    windows: dict[timedelta, set[int]] = {}
    for rule, sensor in pairs:
        if specs[rule.pk].kind == RuleKind.ACCUMULATION:
            windows.setdefault(specs[rule.pk].window, set()).add(sensor.pk)
    if not windows:
        return {}
    ordered, sensor_ids, this_hour = sorted(windows), set().union(*windows.values()), storage.hour_of(now)
    # The first whole hour inside each window (its start itself is outside), never later than the current hour.
    whole_from = [min(storage.hour_of(now - window) + timedelta(hours=1), this_hour) for window in ordered]
    # Each window's readings outside its whole hours: its ragged start, and the current hour.
    outside = [Q(time__gt=now - window) & (Q(time__lt=start) | Q(time__gte=this_hour))
               for window, start in zip(ordered, whole_from, strict=True)]
    readings = (Reading.objects.filter(reduce(operator.or_, outside), sensor__in=sensor_ids, time__lte=now)
                .values("sensor").annotate(**{f"w{i}": Sum("value", filter=part) for i, part in enumerate(outside)}))
    hours = (Aggregate.objects.filter(sensor__in=sensor_ids, period="hour", start__gte=min(whole_from),
                                      start__lt=this_hour)
             .values("sensor").annotate(**{f"w{i}": Sum("total", filter=Q(start__gte=start))
                                           for i, start in enumerate(whole_from)}))
    parts: dict[tuple[timedelta, int], float] = {}
    for row in [*readings, *(hours if min(whole_from) < this_hour else ())]:
        for i, window in enumerate(ordered):
            if row[f"w{i}"] is not None and row["sensor"] in windows[window]:  # None: nothing in that part
                parts[(window, row["sensor"])] = parts.get((window, row["sensor"]), 0.0) + row[f"w{i}"]
    return {key: round(total, 6) for key, total in parts.items()}


class _Pass:
    """One evaluation of many (rule, sensor) pairs: their open alarms read (and locked) once, repeats of open
    alarms written together at the end."""

    def __init__(self, pairs=None):
        self.open = None
        self.repeated: dict[int, Alarm] = {}
        self.new_statuses: list[RuleStatus] = []
        self.changed_statuses: dict[int, RuleStatus] = {}
        if pairs:
            alarms = Alarm.objects.select_for_update().filter(
                rule__in={r.pk for r, _s in pairs}, sensor__in={s.pk for _r, s in pairs}, state__in=OPEN_ALARM_STATES)
            self.open = {(a.rule_id, a.sensor_id): a for a in alarms.order_by("pk")}

    def open_alarm(self, rule, sensor):
        if self.open is None:
            return Alarm.objects.select_for_update().filter(rule=rule, sensor=sensor,
                                                            state__in=OPEN_ALARM_STATES).first()
        return self.open.get((rule.pk, sensor.pk))

    def remember(self, status: RuleStatus) -> None:
        if status.pk is None:
            self.new_statuses.append(status)
        else:
            self.changed_statuses[status.pk] = status

    def finish(self) -> None:
        """The pass's writes together: one INSERT of the rules' first states (a rival ingester's row wins), one
        prepared UPDATE each for the changed states and the repeats (Django's bulk_update builds a CASE per row and
        field, which cost more than the writes)."""
        RuleStatus.objects.bulk_create([
            RuleStatus(rule_id=s.rule_id, sensor_id=s.sensor_id, level=s.level, candidate=s.candidate,
                       candidate_since=s.candidate_since, value=s.value, evaluated_at=s.evaluated_at)
            for s in self.new_statuses], ignore_conflicts=True)
        storage.update_rows(RuleStatus._meta.db_table, ["level", "candidate", "candidate_since", "value",
                                                        "evaluated_at"],
                            [(s.pk, s.level, s.candidate, s.candidate_since, s.value, s.evaluated_at)
                             for s in self.changed_statuses.values()])
        storage.update_rows(Alarm._meta.db_table, ["value", "last_at", "cleared_at", "repeats"],
                            [(a.pk, a.value, a.last_at, a.cleared_at, a.repeats) for a in self.repeated.values()])


@dataclass(slots=True)
class _Status:
    """A RuleStatus row as plain values (a pass reads hundreds; model instances cost more than judging them)."""

    pk: int | None
    rule_id: int
    sensor_id: int
    level: str = ""
    candidate: str = ""
    candidate_since: object = None
    value: float | None = None
    evaluated_at: object = None


def evaluate_sensors(sensor_ids, now=None, catalog=None) -> int:
    """Evaluate every rule of these sensors at `now`, in one transaction; the number of alarms opened or escalated.
    A rule's state is written only when it changes. `catalog`: the ingester's cached sensors and rules
    (`monitoring.catalog`), else they are read here."""
    now = now or timezone.now()
    if catalog is None:
        sensors = list(Sensor.objects.filter(pk__in=sensor_ids).select_related("station"))
        pairs = rules_for(sensors)
        specs = {rule.pk: rules.Spec.of(rule) for rule, _sensor in pairs}
    else:
        sensors = [catalog.sensors[pk] for pk in sensor_ids if pk in catalog.sensors]
        pairs = [(rule, sensor) for sensor in sensors for rule in catalog.pairs.get(sensor.pk, ())]
        specs = catalog.specs
    if not pairs:
        return 0
    changed = 0
    with transaction.atomic():
        _one_pass_at_a_time()
        samples, sums = _samples(sensors, pairs, now, specs), _sums(pairs, now, specs)
        rule_ids, sensor_ids = {r.pk for r, _s in pairs}, {s.pk for s in sensors}
        statuses = {(row[1], row[2]): _Status(*row) for row in RuleStatus.objects.select_for_update().filter(
            rule__in=rule_ids, sensor__in=sensor_ids).values_list(
            "pk", "rule_id", "sensor_id", "level", "candidate", "candidate_since", "value", "evaluated_at")}
        evaluation = _Pass(pairs)
        for rule, sensor in pairs:
            status = statuses.get((rule.pk, sensor.pk)) or _Status(None, rule.pk, sensor.pk)
            spec = specs[rule.pk]
            metric = sums.get((spec.window, sensor.pk), 0.0) if spec.kind == RuleKind.ACCUMULATION else None
            changed += _judge(rule, sensor, status, samples[sensor.pk], now, evaluation, metric, spec)
        evaluation.finish()
    return changed


RULE_PASS_LOCK = 0x594A4D52  # "YJMR": the advisory lock of the rule passes


def _one_pass_at_a_time() -> None:
    """Rule passes run in several processes at once (ingesters sharing the stream, web processes' gathered pushes);
    two passes judging the same sensor would both see no state yet and both write one (one then fails on the unique
    state, losing its whole pass) or both raise the same alarm. So a pass waits for the one in progress: on
    PostgreSQL a transaction-scoped advisory lock; SQLite's writers are one at a time already (BEGIN IMMEDIATE)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [RULE_PASS_LOCK])


def _judge(rule, sensor, status, samples, now, evaluation, metric=None, spec=None) -> int:
    spec = spec or rules.Spec.of(rule)
    before = rules.State(status.level, status.candidate, status.candidate_since)
    if metric is not None:
        after, value = rules.step(spec, before, metric, now), metric
    else:
        if spec.lookback():
            samples = [sample for sample in samples if sample[0] > now - spec.lookback()]
        after, value = rules.evaluate(spec, before, samples, now)
    if after != before or status.pk is None:
        status.level, status.candidate, status.candidate_since = after.level, after.candidate, after.since
        status.value, status.evaluated_at = value, now
        evaluation.remember(status)
    if not before.level and not after.level:
        return 0
    return apply_level(rule, sensor, before.level, after.level, value, now, evaluation)


def judge(rule, sensor, samples, now) -> int:
    """One rule on one sensor with the samples given (the no-data pass)."""
    with transaction.atomic():
        _one_pass_at_a_time()  # a no-data rule is judged by the ingesters' passes too
        status, _new = RuleStatus.objects.select_for_update().get_or_create(rule=rule, sensor=sensor)
        evaluation = _Pass()
        changed = _judge(rule, sensor, status, samples, now, evaluation)
        evaluation.finish()
        return changed


def apply_level(rule, sensor, old: str, new: str, value, now, evaluation: _Pass) -> int:
    alarm = evaluation.open_alarm(rule, sensor)
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
    alarm.value = value if value is not None else alarm.value
    alarm.last_at, alarm.cleared_at, alarm.repeats = now, None, alarm.repeats + 1
    if not rules.rises(alarm.level, new):
        evaluation.repeated[alarm.pk] = alarm  # a repeat: written with the others at the end of the pass
        return 0
    alarm.level = new
    alarm.save()
    evaluation.repeated.pop(alarm.pk, None)
    _announce("monitoring.alarm.escalated", alarm)
    return 1


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
