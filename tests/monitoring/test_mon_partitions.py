"""On PostgreSQL: the readings table is partitioned by month with a BRIN index on time, and retention drops a whole
expired month's partition while its aggregates stay (SQLite: tests/monitoring/test_mon_retention.py)."""

from datetime import date, datetime, timedelta

import pytest
from django.db import connection
from django.utils import timezone

from yingji.monitoring import retention, storage
from yingji.monitoring.models import Aggregate, Reading

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("own_rules_only"),
              pytest.mark.skipif("connection.vendor != 'postgresql'", reason="PostgreSQL partitions")]


def _one(sql, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


def test_the_readings_table_is_partitioned_by_month_with_a_brin_index_on_time():
    assert _one("SELECT partstrat FROM pg_partitioned_table WHERE partrelid = 'monitoring_reading'::regclass") == "r"
    assert "USING brin" in _one("SELECT indexdef FROM pg_indexes WHERE indexname = 'monitoring_reading_time_brin'")
    assert _one("SELECT to_regclass(%s)::text", [f"monitoring_reading_{timezone.now():%Y%m}"])


def test_retention_drops_a_whole_expired_month_and_keeps_its_aggregates(settings, gauge):
    settings.MONITORING_RAW_RETENTION_DAYS = 10
    now, sensor = timezone.now(), gauge.sensors.get()
    old = (date(now.year, now.month, 1) - timedelta(days=100)).replace(day=1)  # three or four months back
    storage.ensure_partitions(old, ahead=0)
    name = f"monitoring_reading_{old:%Y%m}"
    moment = timezone.make_aware(datetime(old.year, old.month, 10, 12))
    rows = [(sensor.pk, moment + timedelta(minutes=m), 1.0) for m in range(0, 60, 10)]
    rows.append((sensor.pk, now - timedelta(days=1), 2.0))
    assert len(storage.insert_readings(rows, now)) == 7
    storage.update_aggregates(rows)
    assert _one("SELECT count(*) FROM " + name) == 6
    outcome = retention.purge(now=now)
    assert name in outcome.dropped and outcome.dropped_rows == 6
    assert _one("SELECT to_regclass(%s)::text", [name]) is None
    assert list(Reading.objects.filter(sensor=sensor).values_list("value", flat=True)) == [2.0]
    assert Aggregate.objects.get(sensor=sensor, period="day", start=storage.day_of(moment)).total == 6.0
