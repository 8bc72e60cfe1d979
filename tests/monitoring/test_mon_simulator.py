"""The demo's simulator against the demo's own rules: a quiet round raises no alarm anywhere, and a replayed storm
raises red 1-hour rain alarms at the storm township's gauges and nowhere else."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from yingji.monitoring import simulator
from yingji.monitoring.ingest import ingest
from yingji.monitoring.models import Alarm
from yingji.monitoring.parsing import items_of

pytestmark = pytest.mark.django_db


def _ingest(payloads, now):
    items = [item for topic, body in payloads for item in items_of(json.dumps(body), topic.split("/")[-2])]
    return ingest(items, "mqtt", now=now)


@pytest.mark.parametrize("hours_later", range(0, 24, 3))
def test_a_quiet_round_raises_no_alarm_at_any_time_of_day(hours_later):
    """The readings follow a daily wave; a crest at one hour of the day once crossed the toxic gas blue limit."""
    now = timezone.now().replace(microsecond=0) + timedelta(hours=hours_later)
    outcome = _ingest(simulator.messages(simulator.demo_stations(), now), now)
    assert outcome.refused == [] and outcome.stored > 300
    assert list(Alarm.objects.values_list("rule__code", "station__code")) == []


def test_a_storm_replay_turns_the_townships_gauges_red():
    now = timezone.now().replace(microsecond=0)
    stations = simulator.demo_stations()
    _ingest(simulator.storm_backfill(stations, now, ("桂花镇",)), now)
    red = Alarm.objects.filter(rule__code="GZ-RAIN-1H", level="red")
    assert sorted(red.values_list("station__region__name", flat=True)) == ["桂花镇", "桂花镇"]
    assert not Alarm.objects.exclude(station__region__name="桂花镇").exists()
