"""Monitoring chart benchmark (issue 18): the 30-day chart of one sensor with 1-minute data, on PostgreSQL, beside a
bare SQL query of the same aggregate.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/yingji_bench_chart .venv/bin/python -m bench.monitoring_chart

The database named in DATABASE_URL (default the one above) is dropped and created again, migrated and given the
demo. Monthly partitions are made for the last months too (as the daily hook would have), then 30 days × 1,440
readings are stored for a demo water gauge's level sensor and for `--neighbours` other demo sensors (interleaved,
through monitoring.storage: the same inserts and aggregate upserts as ingest), and the database is analysed.

Measured `--rounds` times each, interleaved so the machine's load hits all alike (the first round warms up; medians
in ms), through the Django test client logged in as the commander (scoping, serializer, JSON included):
the series API for 30, 7 and 1 days (`GET /api/monitoring/stations/{uuid}/series/?days=…`, what the station page's
chart fetches) and the station page itself; beside them, bare SQL on one cursor: the same daily aggregate the 30-day
chart reads (the baseline), the hourly aggregate of 30 days, and the 30 daily means computed from the raw readings
(what the chart would cost without the aggregates). The load average is printed with the figures.
"""

import argparse
import os
import random
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta

from bench.timing import interleaved

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/yingji_bench_chart"
DAYS, PER_DAY = 30, 1440


def _fill(target, neighbours, rng):
    """30 days of 1-minute readings of the target and its neighbours, a day at a time across all of them."""
    from django.db import transaction
    from django.utils import timezone

    from yingji.monitoring import storage

    sensors = [target, *neighbours]
    end = timezone.now().replace(second=0, microsecond=0)
    start = end - timedelta(days=DAYS)
    level = {s.pk: rng.uniform(270, 290) for s in sensors}
    stored = 0
    for day in range(DAYS):
        rows = []
        for sensor in sensors:
            for minute in range(PER_DAY):
                moment = start + timedelta(days=day, minutes=minute)
                if sensor.quantity == "rain":
                    rows.append((sensor.pk, moment, round(max(0.0, rng.gauss(0, 0.1)), 1)))
                    continue
                level[sensor.pk] += rng.gauss(0, 0.02)
                rows.append((sensor.pk, moment, round(level[sensor.pk], 3)))
        with transaction.atomic():
            inserted = storage.insert_readings(rows, end)
            storage.update_aggregates([row for row in rows if (row[0], row[1]) in inserted])
        stored += len(inserted)
        print(f"  day {day + 1}/{DAYS}: {stored:,} readings", file=sys.stderr, end="\r")
    print(file=sys.stderr)
    return stored


def _measures(client, station, sensor):
    from django.db import connection
    from django.utils import timezone

    from yingji.monitoring.storage import hour_of

    since = hour_of(timezone.now()) - timedelta(days=DAYS)
    series = f"/api/monitoring/stations/{station.uuid}/series/"

    def get(url):
        def call():
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            return response
        return call

    def sql(query, params):
        def call():
            with connection.cursor() as cursor:
                cursor.execute(query, params)
                return cursor.fetchall()
        return call

    return {
        "chart API, 30 days": get(f"{series}?days=30"),
        "chart API, 7 days": get(f"{series}?days=7"),
        "chart API, 1 day": get(f"{series}?days=1"),
        "station page": get(f"/monitoring/stations/{station.uuid}/"),
        "bare SQL: daily aggregate, 30 days (baseline)": sql(
            "SELECT start, total / count FROM monitoring_aggregate WHERE sensor_id = %s AND period = 'day' "
            "AND start > %s ORDER BY start", [sensor.pk, since]),
        "bare SQL: hourly aggregate, 30 days": sql(
            "SELECT start, total / count FROM monitoring_aggregate WHERE sensor_id = %s AND period = 'hour' "
            "AND start > %s ORDER BY start", [sensor.pk, since]),
        "bare SQL: daily means from raw readings, 30 days": sql(
            "SELECT date_trunc('day', time AT TIME ZONE 'Asia/Shanghai') AS day, avg(value) FROM monitoring_reading "
            "WHERE sensor_id = %s AND time > %s GROUP BY day ORDER BY day", [sensor.pk, since]),
    }


def _run(measures, rounds) -> dict:
    return {name: (statistics.median(values), max(values)) for name, values in interleaved(measures, rounds).items()}


def _uptime() -> str:
    """`uptime` in UTC (Django has set TZ to the district's zone in this process)."""
    return subprocess.run(["uptime"], capture_output=True, text=True, env={**os.environ, "TZ": "UTC"}).stdout.strip()


def main():
    parser = argparse.ArgumentParser(description="Monitoring chart benchmark (bench/README.md)")
    parser.add_argument("--rounds", type=int, default=31)
    parser.add_argument("--neighbours", type=int, default=19)
    options = parser.parse_args()
    os.environ.setdefault("DATABASE_URL", DEFAULT_URL)
    if not os.environ["DATABASE_URL"].startswith("postgres"):
        raise SystemExit("bench.monitoring_chart runs on PostgreSQL: set DATABASE_URL (its own database)")
    from bench.resources import _prepare_database

    started = time.monotonic()
    _prepare_database()
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from yingji.core.models import User
    from yingji.monitoring.models import Reading, Sensor, Station
    from yingji.monitoring.storage import ensure_partitions

    today = timezone.localdate()
    ensure_partitions(date(today.year, today.month, 1) - timedelta(days=62), ahead=5)  # the last months' too
    station = Station.objects.filter(station_type="water").order_by("code").first()
    target = station.sensors.get(quantity="water_level")
    neighbours = list(Sensor.objects.exclude(pk=target.pk).filter(quantity__in=("water_level", "rain"))
                      .order_by("pk")[:options.neighbours])
    rng = random.Random(510903)
    stored = _fill(target, neighbours, rng)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
        cursor.execute("SELECT count(*) FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent "
                       "WHERE p.relname = 'monitoring_reading'")
        partitions = cursor.fetchone()[0]
    total, of_target = Reading.objects.count(), Reading.objects.filter(sensor=target).count()
    print(f"prepared in {time.monotonic() - started:.0f} s: {stored:,} readings stored, {total:,} in the table "
          f"({partitions} partitions), {of_target:,} of {station.code} {target.quantity}", file=sys.stderr)

    client = Client()
    client.force_login(User.objects.get(username="commander"))
    uptime_before = _uptime()
    figures = _run(_measures(client, station, target), options.rounds)
    uptime_after = _uptime()
    points = len(client.get(f"/api/monitoring/stations/{station.uuid}/series/?days=30").json()["sensors"][0]["x"])
    print(f"\npostgresql · {options.rounds} rounds · {of_target:,} readings of the charted sensor, {total:,} in all "
          f"({1 + len(neighbours)} sensors at 1 minute + the demo's) · 30-day chart: {points} points")
    print(f"uptime before: {uptime_before}\nuptime after:  {uptime_after}")
    print("| measure | median ms | max ms |\n|---|---:|---:|")
    for name, (median, worst) in figures.items():
        print(f"| {name} | {median:,.1f} | {worst:,.1f} |")


if __name__ == "__main__":
    main()
