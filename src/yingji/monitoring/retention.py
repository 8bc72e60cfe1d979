"""Retention of the raw readings (and the dead letters): rows older than `MONITORING_RAW_RETENTION_DAYS` go, the
hourly and daily aggregates stay (the charts of older periods read them).

Rows go only once their hours and days are closed and their aggregates complete:
- the cutoff is the start of a district day and never later than `floor_days()` ago: a reading may still arrive
  `MONITORING_MAX_AGE_DAYS` late (7) and a rule looks back at most 7 days, so raw rows younger than that are needed;
- before rows go, each sensor's raw count in the range is compared with the counts of its hourly aggregates there;
  where an hour holds fewer than the raw rows (rows that did not come through `storage`, e.g. loaded by hand), that
  hour is rebuilt from the raw rows and its day from its hours, first.

On PostgreSQL the monthly partitions (`monitoring_reading_YYYYMM`, migration 0002) whose whole month is older than
the cutoff are dropped (one statement, no dead tuples); rows of the month that straddles the cutoff stay until that
month has expired in full (at most a month longer). Rows in the default partition (months without a partition) go
by batched DELETE, as on SQLite, sensor by sensor along the (sensor, time) index, `BATCH` rows per transaction.
Assumes a district whose offset from UTC is whole hours (China), so UTC month starts are district hour starts."""

import logging
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from .ingest import max_age
from .models import Aggregate, DeadLetter, Sensor
from .storage import day_of, hour_of, month_starts, time_adapter, time_key

log = logging.getLogger(__name__)
DEFAULT_DAYS = 90
RULE_WINDOW_DAYS = 7  # the longest rule window (models.Rule.clean)
BATCH = 5000
TABLE = "monitoring_reading"
DEFAULT_PARTITION = "monitoring_reading_default"
PARTITION = re.compile(r"^monitoring_reading_(\d{4})(\d{2})$")


def floor_days() -> int:
    """The fewest days of raw readings kept, whatever the setting says."""
    return max(max_age().days, RULE_WINDOW_DAYS) + 1


def raw_days() -> int:
    return max(int(getattr(settings, "MONITORING_RAW_RETENTION_DAYS", DEFAULT_DAYS)), floor_days())


def dead_letter_days() -> int:
    return max(int(getattr(settings, "MONITORING_DEAD_LETTER_RETENTION_DAYS", DEFAULT_DAYS)), 1)


def cutoff(now=None) -> datetime:
    """Raw readings before this moment (the start of a district day) are due to go."""
    return day_of((now or timezone.now()) - timedelta(days=raw_days()))


@dataclass
class Range:
    """Rows of `table` with lower <= time < upper (lower None: no bound) that are due to go."""

    table: str
    upper: datetime
    lower: datetime | None = None
    drop: bool = False  # a whole partition: DROP TABLE, else batched DELETE


@dataclass
class Outcome:
    cutoff: datetime
    deleted: int = 0  # raw rows deleted (batched DELETE)
    dropped: list[str] = field(default_factory=list)  # partitions dropped (with their rows)
    dropped_rows: int = 0
    rebuilt: int = 0  # hourly aggregates rebuilt from raw rows before these went
    dead_letters: int = 0
    due: list[Range] = field(default_factory=list)


def _partitions() -> list[tuple[str, date]]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
                       "JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = %s", [TABLE])
        names = [row[0] for row in cursor.fetchall()]
    return sorted((name, date(int(m[1]), int(m[2]), 1)) for name in names if (m := PARTITION.match(name)))


def due_ranges(limit: datetime) -> list[Range]:
    if connection.vendor != "postgresql":
        return [Range(TABLE, limit)]
    ranges = []
    for name, start in _partitions():
        end = datetime.combine(month_starts(start, 2)[1], datetime.min.time(), UTC)
        if end <= limit:
            ranges.append(Range(name, end, datetime.combine(start, datetime.min.time(), UTC), drop=True))
    return [*ranges, Range(DEFAULT_PARTITION, limit)]


def _where(sensor_id: int, part: Range, adapt) -> tuple[str, list]:
    where, params = "sensor_id = %s AND time < %s", [sensor_id, adapt(part.upper)]
    if part.lower is not None:
        where, params = where + " AND time >= %s", [*params, adapt(part.lower)]
    return where, params


def _sensor_counts(part: Range) -> dict[int, tuple[int, datetime, datetime]]:
    """sensor id → (raw rows, first time, last time) in the range; along the (sensor, time) index, sensor by
    sensor (no full scan of the table for a day's worth of rows)."""
    adapt, result = time_adapter(), {}
    with connection.cursor() as cursor:
        for sensor_id in Sensor.objects.order_by("pk").values_list("pk", flat=True):
            where, params = _where(sensor_id, part, adapt)
            cursor.execute(f"SELECT COUNT(*), MIN(time), MAX(time) FROM {part.table} WHERE {where}", params)
            count, first, last = cursor.fetchone()
            if count:
                result[sensor_id] = (count, time_key(first), time_key(last))
    return result


def complete_aggregates(part: Range) -> int:
    """Make sure the hourly (and so daily) aggregates hold every raw row of the range; the hours rebuilt."""
    rebuilt = 0
    for sensor_id, (count, first, last) in _sensor_counts(part).items():
        lower, upper = hour_of(first), hour_of(last) + timedelta(hours=1)
        hours = Aggregate.objects.filter(sensor_id=sensor_id, period="hour", start__gte=lower, start__lt=upper)
        if sum(hours.values_list("count", flat=True)) >= count:
            continue
        rebuilt += _rebuild(sensor_id, part, lower, upper)
    return rebuilt


def _rebuild(sensor_id: int, part: Range, lower: datetime, upper: datetime) -> int:
    """Hours of this sensor holding fewer readings than the raw rows: recomputed from them; then their days."""
    adapt = time_adapter()
    where, params = _where(sensor_id, Range(part.table, min(part.upper, upper), max(part.lower or lower, lower)),
                           adapt)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT time, value FROM {part.table} WHERE {where} ORDER BY time", params)
        rows = [(time_key(moment), value) for moment, value in cursor.fetchall()]
    raw: dict[datetime, list] = {}
    for moment, value in rows:
        raw.setdefault(hour_of(moment), []).append((moment, value))
    have = dict(Aggregate.objects.filter(sensor_id=sensor_id, period="hour", start__gte=lower, start__lt=upper)
                .values_list("start", "count"))
    days, rebuilt = set(), 0
    with transaction.atomic():
        for hour, points in raw.items():
            if have.get(hour, 0) >= len(points):
                continue
            _store(sensor_id, "hour", hour, [(len(points), sum(v for _t, v in points), min(v for _t, v in points),
                                              max(v for _t, v in points), *max(points))])
            days.add(day_of(hour))
            rebuilt += 1
        for day in days:
            hours = Aggregate.objects.filter(sensor_id=sensor_id, period="hour", start__gte=day,
                                             start__lt=day_of(day + timedelta(hours=30)))
            _store(sensor_id, "day", day, [(a.count, a.total, a.minimum, a.maximum, a.last_time, a.last_value)
                                           for a in hours])
    if rebuilt:
        log.warning("monitoring retention: %d hours of sensor %s rebuilt from raw readings", rebuilt, sensor_id)
    return rebuilt


def _store(sensor_id: int, period: str, start: datetime, parts: list[tuple]) -> None:
    """One aggregate from parts (count, total, min, max, last time, last value)."""
    last = max(parts, key=lambda part: part[4])
    Aggregate.objects.update_or_create(sensor_id=sensor_id, period=period, start=start, defaults={
        "count": sum(p[0] for p in parts), "total": sum(p[1] for p in parts), "minimum": min(p[2] for p in parts),
        "maximum": max(p[3] for p in parts), "last_time": last[4], "last_value": last[5]})


def _delete(part: Range) -> int:
    adapt, deleted = time_adapter(), 0
    for sensor_id in Sensor.objects.order_by("pk").values_list("pk", flat=True):
        where, params = _where(sensor_id, part, adapt)
        while True:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(f"DELETE FROM {part.table} WHERE id IN "
                               f"(SELECT id FROM {part.table} WHERE {where} LIMIT {BATCH})", params)
                deleted += max(cursor.rowcount, 0)
                if cursor.rowcount < BATCH:
                    break
    return deleted


def _drop(part: Range) -> int | None:
    """Drop a whole partition; its row count, None when it could not be had now (a lock held too long)."""
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL lock_timeout = '10s'")
            cursor.execute(f"SELECT COUNT(*) FROM {part.table}")
            rows = cursor.fetchone()[0]
            cursor.execute(f"DROP TABLE {part.table}")
            return rows
    except DatabaseError:
        log.warning("monitoring retention: could not drop %s now (locked); next run", part.table)
        return None


def purge(now=None, dry_run: bool = False) -> Outcome:
    """Remove the raw readings due (and old dead letters); with dry_run only say which ranges are due."""
    now = now or timezone.now()
    outcome = Outcome(cutoff(now))
    outcome.due = due_ranges(outcome.cutoff)
    if dry_run:
        return outcome
    for part in outcome.due:
        outcome.rebuilt += complete_aggregates(part)
        if part.drop:
            rows = _drop(part)
            if rows is not None:
                outcome.dropped.append(part.table)
                outcome.dropped_rows += rows
        else:
            outcome.deleted += _delete(part)
    outcome.dead_letters = _purge_dead_letters(now)
    return outcome


def _purge_dead_letters(now) -> int:
    before, deleted = now - timedelta(days=dead_letter_days()), 0
    while True:
        ids = list(DeadLetter.objects.filter(received__lt=before).order_by("pk").values_list("pk", flat=True)[:BATCH])
        if not ids:
            return deleted
        deleted += DeadLetter.objects.filter(pk__in=ids).delete()[0]
