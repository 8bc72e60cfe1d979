"""Ingest through the machine's real Mosquitto (127.0.0.1:1883): QoS 1 into a persistent session, stored once per
(sensor, time); an ingester that stops with messages unacknowledged loses none of them to its successor."""

import json
import time
from datetime import timedelta

import pytest
from django.utils import timezone

from yingji.monitoring.models import DeadLetter, Reading
from yingji.monitoring.mqtt import topic_of

from .conftest import started

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("own_rules_only")]


def _publish(client, root, messages):
    infos = [client.publish(topic_of(device, root), json.dumps(body), qos=1) for device, body in messages]
    for info in infos:
        info.wait_for_publish(10)


def _drain(ingester, until, timeout=20.0):
    deadline = time.monotonic() + timeout
    while not until() and time.monotonic() < deadline:
        ingester.step()


def _ours():
    return Reading.objects.filter(sensor__station__device_id="T-RG-1").count()


def _readings(count, start=0):
    now = timezone.now().replace(microsecond=0)
    return [("T-RG-1", {"device": "T-RG-1", "time": (now - timedelta(minutes=i)).isoformat(),
                        "values": {"rain": 0.5}}) for i in range(start, start + count)]


def test_readings_published_to_mosquitto_are_stored_and_bad_ones_dead_lettered(gauge, options, publisher):
    ingester = started(options)
    try:
        _publish(publisher, options.root, [*_readings(5), ("NOBODY", {"time": timezone.now().isoformat(),
                                                                       "values": {"rain": 1}}),
                                           ("T-RG-1", {"time": timezone.now().isoformat(), "values": {"rain": -5}})])
        _drain(ingester, lambda: _ours() + DeadLetter.objects.count() >= 7)
    finally:
        ingester.stop()
    assert Reading.objects.filter(sensor__station=gauge).count() == 5
    assert sorted(DeadLetter.objects.values_list("reason", flat=True)) == ["out_of_range", "unknown_device"]
    assert ingester.total.received == 7 and ingester.total.stored == 5


def test_a_batch_message_is_many_readings(gauge, options, publisher):
    ingester = started(options)
    try:
        batch = [body for _device, body in _readings(12)]
        _publish(publisher, options.root, [("T-RG-1", batch)])
        _drain(ingester, lambda: _ours() >= 12)
    finally:
        ingester.stop()
    assert _ours() == 12 and ingester.messages == 1


def test_a_restarted_ingester_gets_what_its_predecessor_left_unacknowledged(gauge, options, publisher):
    first = started(options)
    _publish(publisher, options.root, _readings(30))
    deadline = time.monotonic() + 20
    while first.inbox.qsize() < 10 and time.monotonic() < deadline:
        time.sleep(0.02)
    first.step()  # one batch of 10 stored and acknowledged
    first.stop()  # the rest received but never acknowledged
    _publish(publisher, options.root, _readings(20, start=30))  # sent while no ingester runs
    second = started(options)
    try:
        _drain(second, lambda: _ours() >= 50)
    finally:
        second.stop()
    stored = Reading.objects.filter(sensor__station=gauge).count()
    assert stored == 50  # count sent = count stored; a redelivered reading already stored is a duplicate
    assert stored + DeadLetter.objects.count() == first.total.received + second.total.received
