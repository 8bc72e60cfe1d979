"""SQL of the readings table: insert once by (sensor, time) and learn which rows went in (ON CONFLICT DO NOTHING
RETURNING, on PostgreSQL and SQLite alike), keep the aggregates by upsert, and on PostgreSQL create the coming
months' partitions."""

import logging
from datetime import UTC, date, datetime

import psycopg
from django.db import DatabaseError, connection, transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

log = logging.getLogger(__name__)
CHUNK = 1000  # rows per statement (SQLite allows 32,766 parameters in one)
AGGREGATE_TYPES = ("bigint", "text", "timestamptz", "integer", "float8", "float8", "float8", "timestamptz", "float8")


def time_adapter():
    """db_time for many values: what Django's adapter does, without its per-call lookups (a batch has thousands)."""
    if connection.vendor != "sqlite":
        return lambda moment: moment
    return lambda moment: str(moment.astimezone(UTC).replace(tzinfo=None))


def time_key(value) -> datetime:
    """A time as an aware UTC datetime, whatever form the database hands back (text, naive UTC, aware)."""
    if isinstance(value, str):
        value = parse_datetime(value)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def insert_rows(statement: str, types: tuple[str, ...], rows: list[tuple]) -> list[tuple]:
    """Run `statement`, an INSERT with `{rows}` where its row source goes (RETURNING allowed), for all `rows` in one
    statement; the rows it returns. On PostgreSQL one array per column (`unnest(%b::bigint[], …)`, `types` naming
    the columns' types), bound by the server in binary: the server plans one short statement whatever the number of
    rows, and the driver neither quotes thousands of values as text nor parses times back from text (Django's
    cursors bind on the client, as text). Measured for 1,080 readings: 35 ms as a VALUES list, 18 ms as arrays bound
    as text, 8 ms (1.6 ms of CPU) so (bench/README.md, monitoring "sixth pass"). They do not pass through Django's
    cursor, so its query log does not show them. On SQLite, which has no arrays, a VALUES list through Django's
    cursor."""
    if connection.vendor == "postgresql":
        connection.ensure_connection()
        arrays = ", ".join(f"%b::{kind}[]" for kind in types)
        with psycopg.Cursor(connection.connection) as cursor:
            cursor.execute(statement.replace("{rows}", f"SELECT * FROM unnest({arrays})"),
                           [list(column) for column in zip(*rows, strict=True)], binary=True)
            return cursor.fetchall() if cursor.description else []
    marks = "(" + ", ".join(["%s"] * len(types)) + ")"
    with connection.cursor() as cursor:
        cursor.execute(statement.replace("{rows}", "VALUES " + ", ".join([marks] * len(rows))),
                       [value for row in rows for value in row])
        return cursor.fetchall() if cursor.description else []


def insert_readings(rows: list[tuple], received) -> set[tuple]:
    """Insert (sensor id, time, value) rows; the (sensor id, time key) pairs that were new. The rows coming back
    are matched to the rows sent by the value sent (SQLite hands back the very text, PostgreSQL an equal time), so
    no time is parsed back."""
    inserted, adapt = set(), time_adapter()
    received = adapt(received)
    for start in range(0, len(rows), CHUNK):
        sent = {}
        for sensor, moment, value in rows[start:start + CHUNK]:
            sent.setdefault((sensor, adapt(moment)), (moment, float(value)))  # the first of a repeat goes in
        rows_sent = [(sensor, stored, value, received) for (sensor, stored), (_moment, value) in sent.items()]
        returned = insert_rows("INSERT INTO monitoring_reading (sensor_id, time, value, received) {rows} "
                               "ON CONFLICT (sensor_id, time) DO NOTHING RETURNING sensor_id, time",
                               ("bigint", "timestamptz", "float8", "timestamptz"), rows_sent)
        for sensor, moment in returned:
            original = sent.get((sensor, moment))
            inserted.add((sensor, time_key(original[0] if original is not None else moment)))
    return inserted


def edge_readings(sensor_ids, since, until, edge: str = "last") -> list[tuple]:
    """Each sensor's first or last reading in (since, until] (since None: any time up to `until`) as (sensor id,
    aware time, value), one statement. The time is found per sensor by a MIN or MAX over the unique (sensor, time)
    index, which both databases answer with one index probe, not by reading every row of the range."""
    if not sensor_ids:
        return []
    adapt, ids, aggregate = time_adapter(), sorted(sensor_ids), {"first": "MIN", "last": "MAX"}[edge]
    marks, after = ", ".join(["%s"] * len(ids)), "" if since is None else "AND x.time > %s "
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT r.sensor_id, r.time, r.value FROM monitoring_reading r JOIN (SELECT s.id AS sensor_id, "
            f"(SELECT {aggregate}(x.time) FROM monitoring_reading x WHERE x.sensor_id = s.id AND x.time <= %s "
            f"{after}) AS t FROM monitoring_sensor s WHERE s.id IN ({marks})) m "
            "ON r.sensor_id = m.sensor_id AND r.time = m.t",
            [adapt(until), *([] if since is None else [adapt(since)]), *ids])
        return [(sensor, time_key(moment), value) for sensor, moment, value in cursor.fetchall()]


def update_rows(table: str, columns: list[str], rows: list[tuple]) -> None:
    """UPDATE `table` SET columns… WHERE id = …, one prepared statement for all rows: (id, value, …) each, times
    as aware datetimes."""
    if not rows:
        return
    sets, adapt = ", ".join(f"{column} = %s" for column in columns), time_adapter()
    params = [(*(adapt(v) if isinstance(v, datetime) else v for v in values), pk) for pk, *values in rows]
    with connection.cursor() as cursor:
        cursor.executemany(f"UPDATE {table} SET {sets} WHERE id = %s", params)


def move_forward(table: str, column: str, rows: list[tuple]) -> None:
    """Set a time column to a later value, never back (another ingester may have moved it further): (id, time) rows,
    one prepared statement."""
    if not rows:
        return
    adapt = time_adapter()
    params = [(adapt(moment), pk, adapt(moment)) for pk, moment in rows]
    with connection.cursor() as cursor:
        cursor.executemany(f"UPDATE {table} SET {column} = %s WHERE id = %s AND ({column} IS NULL OR {column} < %s)",
                           params)


def hour_of(moment: datetime) -> datetime:
    return moment.astimezone(timezone.get_current_timezone()).replace(minute=0, second=0, microsecond=0)


def day_of(moment: datetime) -> datetime:
    return hour_of(moment).replace(hour=0)


def _summaries(rows) -> dict[tuple, list]:
    """(sensor, period, start) → [count, total, minimum, maximum, last time, last value] of the rows in it, in one
    pass. Zone offsets are whole quarter-hours, so every moment of a UTC quarter-hour has the same local hour: the
    hour and day are worked out once per quarter-hour."""
    summaries, starts = {}, {}
    for sensor, moment, value in rows:
        stamp = moment.timestamp()
        quarter = int(stamp // 900)
        found = starts.get(quarter)
        if found is None:
            hour = hour_of(moment)
            found = starts[quarter] = (hour, hour.replace(hour=0))
        for key in ((sensor, "hour", found[0]), (sensor, "day", found[1])):
            summary = summaries.get(key)
            if summary is None:
                summaries[key] = [1, value, value, value, stamp, moment, value]
                continue
            summary[0] += 1
            summary[1] += value
            if value < summary[2]:
                summary[2] = value
            if value > summary[3]:
                summary[3] = value
            if stamp > summary[4]:
                summary[4], summary[5], summary[6] = stamp, moment, value
    return summaries


def update_aggregates(rows: list[tuple]) -> None:
    """Add stored (sensor id, time, value) rows into their hour and day."""
    if not rows:
        return
    least, greatest = ("LEAST", "GREATEST") if connection.vendor == "postgresql" else ("MIN", "MAX")
    rows_in_order, adapt = [], time_adapter()
    # In key order, so concurrent ingesters lock the aggregate rows in the same order (no deadlock).
    summaries = _summaries(rows)
    for key in sorted(summaries, key=lambda key: (key[0], key[1], key[2].timestamp())):
        count, total, low, high, _stamp, last_time, last_value = summaries[key]
        rows_in_order.append((key[0], key[1], adapt(key[2]), count, float(total), float(low), float(high),
                              adapt(last_time), float(last_value)))  # one type per array, whatever was sent
    a, newer = "monitoring_aggregate", "excluded.last_time >= monitoring_aggregate.last_time"
    upsert = (f"INSERT INTO {a} (sensor_id, period, start, count, total, minimum, maximum, last_time, last_value) "
              "{rows} ON CONFLICT (sensor_id, period, start) DO UPDATE SET "
              f"count = {a}.count + excluded.count, total = {a}.total + excluded.total, "
              f"minimum = {least}({a}.minimum, excluded.minimum), "
              f"maximum = {greatest}({a}.maximum, excluded.maximum), "
              f"last_value = CASE WHEN {newer} THEN excluded.last_value ELSE {a}.last_value END, "
              f"last_time = CASE WHEN {newer} THEN excluded.last_time ELSE {a}.last_time END")
    for start in range(0, len(rows_in_order), CHUNK):
        insert_rows(upsert, AGGREGATE_TYPES, rows_in_order[start:start + CHUNK])


# ---- PostgreSQL: monthly partitions ---------------------------------------------------------------------------
def month_starts(first: date, count: int) -> list[date]:
    result, year, month = [], first.year, first.month
    for _ in range(count):
        result.append(date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return result


def partition_sql(start: date) -> str:
    end = month_starts(start, 2)[1]
    return (f"CREATE TABLE IF NOT EXISTS monitoring_reading_{start:%Y%m} PARTITION OF monitoring_reading "
            f"FOR VALUES FROM ('{start:%Y-%m-%d} 00:00:00+00') TO ('{end:%Y-%m-%d} 00:00:00+00')")


def ensure_partitions(today: date | None = None, ahead: int = 3) -> int:
    """Create this month's and the next months' partitions (readings of other months land in the default one)."""
    if connection.vendor != "postgresql":
        return 0
    today = today or timezone.now().date()
    made = 0
    for start in month_starts(date(today.year, today.month, 1), ahead + 1):
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(partition_sql(start))
                made += 1
        except DatabaseError:  # the default partition already holds rows of that month: they stay there
            log.warning("monitoring: could not create the partition of %s", start)
    return made
