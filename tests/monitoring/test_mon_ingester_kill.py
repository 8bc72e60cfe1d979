"""The ingester as its own process, killed with SIGKILL in the middle of a stream and started again (issue 18:
"kill the ingester mid-stream, restart, count equals sent"): every reading sent is stored once, the redelivered
ones are duplicates in the dead letters, and the storm the stream carried is a red alarm. And the catch-up: readings
stored whose rules never ran (a crash between the two) are judged when an ingester starts."""

import json
import signal
import subprocess
import sys
import threading
import time
import uuid
from dataclasses import replace
from datetime import timedelta

import pytest
from django.utils import timezone

from process_db import own_database, query
from yingji.monitoring.ingest import ingest
from yingji.monitoring.models import Alarm
from yingji.monitoring.mqtt import (
    SHARED_GROUP,
    Ingester,
    Options,
    forget_session,
    member_id,
    subscription_of,
    topic_of,
)
from yingji.monitoring.parsing import items_of

GAUGE = "RG-011"  # a demo rain gauge (station JC-RG-011)
SENT = 360  # 0.2 mm each, 5 s apart: 72 mm in the last half hour, red on the 1-hour rule (50 mm)


def _client(client_id=None, clean=True):
    import paho.mqtt.client as mqtt

    client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id=client_id or f"t-{uuid.uuid4().hex[:10]}",
                         clean_session=clean, protocol=mqtt.MQTTv311)
    client.connect("127.0.0.1", 1883)
    client.loop_start()
    return client


def _open_session(options):
    """Subscribe once as the ingester would, so the broker keeps what is published before it starts."""
    subscribed = threading.Event()
    client = _client(options.client_id, clean=False)
    client.on_subscribe = lambda *args: subscribed.set()
    client.subscribe(subscription_of(options, options.root), qos=1)
    assert subscribed.wait(10)
    client.loop_stop()
    client.disconnect()


def _stream(root, now):
    client = _client()
    try:
        for i in range(SENT):
            body = {"device": GAUGE, "time": (now - timedelta(seconds=5 * i)).isoformat(), "values": {"rain": 0.2}}
            client.publish(topic_of(GAUGE, root), json.dumps(body), qos=1).wait_for_publish(10)
            time.sleep(0.03)  # about 11 s: the kill comes while it is still sending
    finally:
        client.loop_stop()
        client.disconnect()


def _readings(env):
    return query(env, "SELECT count(*) FROM monitoring_reading r JOIN monitoring_sensor s ON s.id = r.sensor_id "
                      "JOIN monitoring_station t ON t.id = s.station_id WHERE t.device_id = %s", (GAUGE,))[0][0]


def _ingester(env, tmp_path, name, *extra):
    log = open(tmp_path / f"{name}.log", "w")  # noqa: SIM115  (closed with the process)
    return subprocess.Popen([sys.executable, "-m", "yingji.cli", "ingest", "--batch-size", "20", *extra], env=env,
                            stdout=log, stderr=log)


def _wait(predicate, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and not predicate():
        time.sleep(0.1)
    return predicate()


@pytest.mark.slow  # two ingester processes on a database of their own
def test_an_ingester_killed_mid_stream_loses_nothing_and_its_successor_raises_the_alarm(tmp_path):
    run = uuid.uuid4().hex[:10]
    options = Options(client_id=f"yingji-kill-test-{run}", root=f"yingji-test/{run}/monitoring")
    _open_session(options)
    now = timezone.now().replace(microsecond=250000)  # between the demo's whole-second history readings
    with own_database(tmp_path) as env:
        env.update(YINGJI_MQTT_PREFIX=options.root, YINGJI_INGEST_CLIENT_ID=options.client_id)
        before = _readings(env)

        def stored():
            return _readings(env) - before

        stream = threading.Thread(target=_stream, args=(options.root, now))
        first = _ingester(env, tmp_path, "first")
        try:
            stream.start()
            assert _wait(lambda: stored() >= 60, 120), (tmp_path / "first.log").read_text()
        finally:
            first.send_signal(signal.SIGKILL)
            first.wait()
        stored_at_kill = stored()
        stream.join()
        second = _ingester(env, tmp_path, "second")
        try:
            assert _wait(lambda: stored() >= SENT, 120), (tmp_path / "second.log").read_text()
            red = ("SELECT count(*) FROM monitoring_alarm a JOIN monitoring_station t ON t.id = a.station_id "
                   "WHERE t.device_id = %s AND a.level = 'red'")
            assert _wait(lambda: query(env, red, (GAUGE,))[0][0] == 1, 30)
        finally:
            second.terminate()
            second.wait(20)
        stored_after = stored()
        dead = query(env, "SELECT reason, count(*) FROM monitoring_deadletter WHERE device = %s GROUP BY reason",
                     (GAUGE,))
    forget_session(options)
    assert 0 < stored_at_kill < SENT  # the kill came in the middle
    assert stored_after == SENT  # each reading sent is stored, once
    assert set(dict(dead)) <= {"duplicate_timestamp"}  # redelivered after the kill, already stored


@pytest.mark.slow  # two ingester processes on a database of their own
def test_two_ingester_processes_store_the_stream_once_and_raise_the_storm_alarm_once(tmp_path):
    """`yingji ingest --processes 2`: the stream split between two processes, each reading stored once, and the
    storm's red alarm raised once although both processes judge the gauge."""
    run = uuid.uuid4().hex[:10]
    options = Options(client_id=f"yingji-pair-test-{run}", root=f"yingji-test/{run}/monitoring")
    for index in (1, 2):  # the group exists before the stream starts: the broker keeps each member's share
        _open_session(replace(options, client_id=member_id(options.client_id, index), share=SHARED_GROUP))
    now = timezone.now().replace(microsecond=250000)
    with own_database(tmp_path) as env:
        env.update(YINGJI_MQTT_PREFIX=options.root, YINGJI_INGEST_CLIENT_ID=options.client_id)
        before = _readings(env)
        pair = _ingester(env, tmp_path, "pair", "--processes", "2")
        try:
            _stream(options.root, now)
            assert _wait(lambda: _readings(env) - before >= SENT, 120), (tmp_path / "pair.log").read_text()
            red = ("SELECT count(*) FROM monitoring_alarm a JOIN monitoring_station t ON t.id = a.station_id "
                   "WHERE t.device_id = %s AND a.level = 'red'")
            assert _wait(lambda: query(env, red, (GAUGE,))[0][0] >= 1, 30)
            time.sleep(1)  # a second pass that would raise it twice
            assert query(env, red, (GAUGE,))[0][0] == 1
        finally:
            pair.terminate()
            pair.wait(30)
        assert _readings(env) - before == SENT
        assert "共 2 个进程" in (tmp_path / "pair.log").read_text()
    for index in (1, 2):
        forget_session(Options(client_id=member_id(options.client_id, index)))


@pytest.mark.django_db
def test_readings_stored_before_a_crash_are_judged_when_an_ingester_starts():
    now = timezone.now().replace(microsecond=0)
    batch = [{"device": GAUGE, "time": (now - timedelta(minutes=i)).isoformat(), "values": {"rain": 6.0}}
             for i in range(10)]  # 60 mm in ten minutes
    ingest(items_of(json.dumps(batch), GAUGE), "mqtt", now=now, evaluate=False)  # stored; the rules never ran
    assert not Alarm.objects.filter(station__device_id=GAUGE).exists()
    run = uuid.uuid4().hex[:10]
    options = Options(client_id=f"yingji-catchup-test-{run}", root=f"yingji-test/{run}/monitoring")
    stop = threading.Event()
    stop.set()  # start, catch up, stop
    Ingester(options).run(stop)
    forget_session(options)
    assert Alarm.objects.filter(station__device_id=GAUGE, rule__code="GZ-RAIN-1H", level="red").exists()
