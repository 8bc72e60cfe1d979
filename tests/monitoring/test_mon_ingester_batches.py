"""The MQTT ingester's batching and its cached registry, driven in-process (messages handed to it as Mosquitto
would, QoS 0 so there is nothing to acknowledge): a batch is stored when its time is up, not only when it is full;
a rule edited or a station registered while it runs is in force for its next batch; a reading sent twice is stored
once; an alarm is opened once per level change, however many batches repeat it."""

import json
import uuid
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.utils import timezone

from yingji.core.models import OutboxEvent
from yingji.monitoring.models import Alarm, DeadLetter, Reading, Rule
from yingji.monitoring.mqtt import Ingester, Options, topic_of

from .conftest import make_station

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("own_rules_only")]
ROOT = "yingji-test/batches"


@pytest.fixture
def ingester():
    return Ingester(Options(client_id=f"yingji-batch-test-{uuid.uuid4().hex[:8]}", root=ROOT, batch_size=500,
                            batch_wait=0.05, evaluate_every=0.0))


def _message(device, minutes_ago, values):
    moment = timezone.now().replace(microsecond=0) - timedelta(minutes=minutes_ago)
    body = {"device": device, "time": moment.isoformat(), "values": values}
    return SimpleNamespace(topic=topic_of(device, ROOT), payload=json.dumps(body).encode(), qos=0, mid=0)


def _send(ingester, *messages):
    for message in messages:
        ingester.inbox.put(message)
    return ingester.step()


def test_a_batch_is_stored_when_its_time_is_up_not_only_when_full(ingester, gauge):
    taken = _send(ingester, *(_message("T-RG-1", minute, {"rain": 0.5}) for minute in range(3)))
    assert taken == 3  # 3 of a possible 500: the batch closed after batch_wait
    assert Reading.objects.filter(sensor__station=gauge).count() == 3
    assert ingester.total.stored == 3


def test_a_reading_sent_twice_is_stored_once_in_one_batch_or_across_batches(ingester, gauge):
    first = _message("T-RG-1", 1, {"rain": 0.5})
    _send(ingester, first, first)  # redelivered within a batch
    _send(ingester, first)  # and again later (a restart's redelivery)
    assert Reading.objects.filter(sensor__station=gauge).count() == 1
    assert list(DeadLetter.objects.values_list("reason", flat=True)) == ["duplicate_timestamp"] * 2
    assert ingester.total.received == 3 and ingester.total.stored == 1


def test_an_edited_rule_and_a_new_station_are_in_force_for_the_next_batch(ingester, gauge, rain_rule):
    _send(ingester, _message("T-RG-1", 2, {"rain": 10.0}))
    assert not Alarm.objects.exists()  # 10 mm in the hour is below the blue limit of 15
    rain_rule.blue = 5  # the duty officer lowers the limit on the web while the ingester runs
    rain_rule.save()
    _send(ingester, _message("T-RG-1", 1, {"rain": 0.0}))
    assert Alarm.objects.get().level == "blue"
    make_station(gauge.region, "T-RG-NEW")  # registered after the ingester read the registry
    _send(ingester, _message("T-RG-NEW", 1, {"rain": 1.0}))
    assert Reading.objects.filter(sensor__station__device_id="T-RG-NEW").count() == 1
    assert not DeadLetter.objects.filter(reason="unknown_device").exists()


def test_a_deleted_rule_raises_nothing_more(ingester, gauge, rain_rule):
    _send(ingester, _message("T-RG-1", 3, {"rain": 1.0}))
    Rule.objects.filter(pk=rain_rule.pk).delete()
    _send(ingester, _message("T-RG-1", 2, {"rain": 80.0}))
    assert not Alarm.objects.exists()


def test_an_alarm_is_opened_once_and_repeated_not_multiplied_over_many_batches(ingester, gauge, rain_rule):
    for minute in range(10, 0, -1):  # ten batches, each keeps the hour above the red limit of 50
        _send(ingester, _message("T-RG-1", minute, {"rain": 60.0}))
    alarm = Alarm.objects.get()
    assert alarm.level == "red" and alarm.repeats == 9
    assert OutboxEvent.objects.filter(kind="monitoring.alarm.raised").count() == 1
    assert not OutboxEvent.objects.filter(kind="monitoring.alarm.escalated").exists()
