"""Several ingesters splitting one stream (`yingji ingest --processes N`): a shared subscription at the machine's
Mosquitto hands each message to one member, every reading is stored once; and when N is lowered, what the broker
kept for a former member is taken and its session ended, so nothing waits there for an ingester that never comes."""

import json
import time
from dataclasses import replace
from datetime import timedelta

import pytest
from django.utils import timezone

from yingji.monitoring.models import Reading
from yingji.monitoring.mqtt import SHARED_GROUP, forget_session, member_id, retire_members_above, topic_of

from .conftest import started

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("own_rules_only")]


def _send(publisher, root, minutes):
    start = timezone.now() - timedelta(hours=2)
    for minute in minutes:
        body = {"device": "T-RG-1", "time": (start + timedelta(minutes=minute)).isoformat(), "values": {"rain": 0.1}}
        publisher.publish(topic_of("T-RG-1", root), json.dumps(body), qos=1).wait_for_publish(10)


def _until(ingesters, stored, timeout=20.0):
    deadline = time.monotonic() + timeout
    while Reading.objects.filter(sensor__station__device_id="T-RG-1").count() < stored:
        assert time.monotonic() < deadline, "the readings did not all arrive"
        for ingester in ingesters:
            ingester.step()


def test_two_members_of_a_group_split_the_stream_and_store_each_reading_once(gauge, options, publisher):
    members = [replace(options, share=SHARED_GROUP),
               replace(options, client_id=member_id(options.client_id, 2), share=SHARED_GROUP)]
    ingesters = [started(member) for member in members]
    try:
        _send(publisher, options.root, range(40))
        _until(ingesters, 40)
        assert [i.messages > 0 for i in ingesters] == [True, True]  # both had a share
        assert sum(i.messages for i in ingesters) == 40  # and no message went to both
    finally:
        for ingester in ingesters:
            ingester.stop()
        forget_session(members[1])


def test_lowering_the_processes_takes_what_the_broker_kept_for_a_former_member(gauge, options, publisher):
    members = [replace(options, share=SHARED_GROUP),
               replace(options, client_id=member_id(options.client_id, 2), share=SHARED_GROUP)]
    for member in members:  # both subscribe, then both are down: the broker keeps each one's share
        started(member).stop()
    _send(publisher, options.root, range(20))
    taken = retire_members_above(options, 1, up_to=3)
    assert 0 < taken < 20
    alone = started(options)  # one process again: its own session, the plain subscription
    try:
        _until([alone], 20)
        assert alone.messages == 20 - taken
        _send(publisher, options.root, range(20, 30))  # the former member no longer takes a share
        _until([alone], 30)
        assert alone.messages == 30 - taken
    finally:
        alone.stop()
