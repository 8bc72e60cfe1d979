"""Storing readings: each bad input lands in the dead letters with its reason, a reading is stored once by (sensor,
time), everything received is counted (stored + dead letters), aggregates and the station's last report follow."""

from datetime import timedelta

import pytest
from django.utils import timezone

from yingji.monitoring.ingest import ingest
from yingji.monitoring.models import Aggregate, DeadLetter, Reading, Station
from yingji.monitoring.parsing import items_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("own_rules_only")]
OURS = {"sensor__station__device_id__startswith": "T-"}  # the demo has readings of its own
NOW = timezone.now().replace(microsecond=0)


def _send(payload, device="", now=NOW):
    return ingest(items_of(payload, device), "mqtt", now=now)


def _message(device="T-RG-1", minutes_ago=0, **values):
    return {"device": device, "time": (NOW - timedelta(minutes=minutes_ago)).isoformat(), "values": values}


def _reasons():
    return list(DeadLetter.objects.order_by("id").values_list("reason", "field"))


def test_a_batch_is_stored_and_counted(gauge):
    outcome = _send([_message(minutes_ago=m, rain=1.5) for m in (10, 5, 0)])
    assert (outcome.received, outcome.stored, outcome.refused) == (3, 3, [])
    assert Reading.objects.filter(sensor__station=gauge).count() == 3
    gauge.refresh_from_db()
    assert gauge.last_seen == NOW


@pytest.mark.parametrize(("payload", "reason", "field"), [
    (b"{not json", "malformed", "payload"),
    (_message(rain="many"), "malformed", "values.rain"),
    ({"device": "T-RG-1", "time": "yesterday", "values": {"rain": 1}}, "malformed", "time"),
    (_message(device="NOBODY", rain=1.0), "unknown_device", "device"),
    (_message(water_level=1.0), "unknown_quantity", "values.water_level"),
    (_message(rain={"value": 1.0, "unit": "cm"}), "unit_mismatch", "values.rain"),
    (_message(rain=500.0), "out_of_range", "values.rain"),
    (_message(minutes_ago=-30, rain=1.0), "clock_skew", "time"),
    (_message(minutes_ago=60 * 24 * 30, rain=1.0), "clock_skew", "time"),
])
def test_each_bad_reading_is_a_dead_letter_with_its_reason(gauge, payload, reason, field):
    outcome = _send(payload)
    assert (outcome.received, outcome.stored) == (1, 0)
    assert _reasons() == [(reason, field)]
    assert not Reading.objects.filter(**OURS).exists()


def test_a_reading_sent_again_is_stored_once_and_the_repeat_is_a_dead_letter(gauge):
    assert _send(_message(rain=2.0)).stored == 1
    again = _send(_message(rain=2.0))
    assert (again.received, again.stored) == (1, 0)
    twice_in_one = _send([_message(minutes_ago=1, rain=1.0), _message(minutes_ago=1, rain=1.0)])
    assert (twice_in_one.received, twice_in_one.stored) == (2, 1)
    assert [r for r, _f in _reasons()] == ["duplicate_timestamp", "duplicate_timestamp"]
    assert Reading.objects.filter(**OURS).count() == 2


def test_the_topic_device_must_match_the_payload(gauge):
    _send(_message(device="T-RG-1", rain=1.0), device="OTHER")
    assert _reasons() == [("device_mismatch", "device")]


def test_count_in_equals_stored_plus_dead_letters(gauge, tank):
    mixed = [_message(rain=1.0), _message(rain=900.0), _message(device="T-TK-1", tank_level=50.0, temperature=20.0),
             _message(device="NOBODY", x=1.0), _message(minutes_ago=2, rain=1.0), _message(minutes_ago=2, rain=1.0)]
    outcome = _send(mixed)
    assert outcome.received == 7
    stored, dead = Reading.objects.filter(**OURS).count(), DeadLetter.objects.count()
    assert (stored, dead) == (4, 3) and outcome.received == stored + dead == outcome.stored + len(outcome.refused)


def test_hourly_and_daily_aggregates_follow_the_readings(gauge):
    hour = timezone.localtime(NOW).replace(minute=0, second=0)
    moments = [hour + timedelta(minutes=m) for m in (1, 2, 3)]
    for moment, value in zip(moments, (1.0, 4.0, 2.0), strict=True):
        ingest(items_of({"device": "T-RG-1", "time": moment.isoformat(), "values": {"rain": value}}), "mqtt",
               now=moments[-1])
    row = Aggregate.objects.get(sensor__station=gauge, period="hour", start=hour)
    assert (row.count, row.total, row.minimum, row.maximum, row.last_value) == (3, 7.0, 1.0, 4.0, 2.0)
    assert Aggregate.objects.get(sensor__station=gauge, period="day").total == 7.0


def test_an_offline_station_is_online_again_when_it_reports(gauge):
    Station.objects.filter(pk=gauge.pk).update(status="offline")
    _send(_message(rain=0.5))
    gauge.refresh_from_db()
    assert gauge.status == "online"
