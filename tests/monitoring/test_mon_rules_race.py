"""Rule passes at the same moment in several processes (ingesters sharing the MQTT stream, web processes' gathered
pushes), for real: threads with their own PostgreSQL connections judge the same gauge after a red hour of rain.
Each pass succeeds and each rule raises one alarm. Before passes waited for each other, both saw no rule state yet;
one failed on the unique state and lost its whole pass."""

from datetime import timedelta

import pytest
from django.db.models import Count
from django.utils import timezone

from concurrency import in_threads, postgres_only
from yingji.core.models import OutboxEvent, Region
from yingji.monitoring.alarms import evaluate_sensors
from yingji.monitoring.ingest import ingest
from yingji.monitoring.models import Aggregate, Alarm, Reading, Rule, RuleStatus
from yingji.monitoring.parsing import items_of

from .conftest import make_station


@pytest.fixture
def soaked_gauge(django_db_setup, django_db_blocker):
    """A gauge of its own with 60 mm in the last hour, committed (the threads cannot see the test's transaction)."""
    with django_db_blocker.unblock():
        postgres_only("rule-pass races")
        region = Region.objects.get(level=1)
        station = make_station(region, "T-RACE-1")
        sensor = station.sensors.get()
        rule = Rule.objects.create(code="GZ-T-RACE", name="并发测试1小时雨量", kind="accumulation", sensor=sensor,
                                   quantity="rain", window_minutes=60, blue=15, yellow=25, orange=35, red=50,
                                   hysteresis=2, region=region)
        moment = timezone.now() - timedelta(minutes=10)
        ingest(items_of({"device": "T-RACE-1", "time": moment.isoformat(), "values": {"rain": 60.0}}), "mqtt",
               evaluate=False)
        yield station, sensor
        OutboxEvent.objects.filter(payload__station="JC-T-RACE-1").delete()  # their deliveries go with them
        Alarm.objects.filter(station=station).delete()
        RuleStatus.objects.filter(sensor=sensor).delete()
        Reading.objects.filter(sensor=sensor).delete()
        Aggregate.objects.filter(sensor=sensor).delete()
        rule.delete()
        station.delete()


def test_passes_at_the_same_moment_each_succeed_and_raise_each_alarm_once(soaked_gauge, django_db_blocker):
    station, sensor = soaked_gauge
    failures = []

    def judge():
        try:
            evaluate_sensors({sensor.pk})
        except Exception as exc:
            failures.append(repr(exc))

    with django_db_blocker.unblock():
        in_threads([judge for _ in range(4)])
        per_rule = dict(Alarm.objects.filter(station=station).values_list("rule__code").annotate(n=Count("id")))
    assert failures == []
    assert per_rule.get("GZ-T-RACE") == 1
    assert set(per_rule.values()) == {1}, per_rule
