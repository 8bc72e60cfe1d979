"""The ingester is a long-running process: it keeps its database connection from batch to batch and drops it only
when it is broken. It used to call Django's `close_old_connections` before every batch, which with CONN_MAX_AGE 0
closes the connection every time, so every batch connected again (on PostgreSQL a new server session per batch)."""

import json
import threading
import time
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from yingji.monitoring.mqtt import Ingester, drop_broken_connection, topic_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("own_rules_only")]


def test_a_working_connection_is_kept_between_batches():
    connection.ensure_connection()
    kept = connection.connection
    drop_broken_connection()
    assert connection.connection is kept
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    assert connection.connection is kept


def test_the_running_ingester_keeps_its_connection_for_many_batches(gauge, options, publisher):
    """Four batches through the machine's Mosquitto, the loop in this thread: no new connection for any of them
    (before: the loop closed its connection before each batch)."""
    from django.db.backends.signals import connection_created

    opened, stop = [], threading.Event()
    ingester = Ingester(options)  # batches of 10

    def feed():
        assert ingester.subscribed.wait(10), "no subscription at Mosquitto"
        start = timezone.now() - timedelta(hours=1)
        for i in range(40):
            body = {"device": "T-RG-1", "time": (start + timedelta(minutes=i)).isoformat(), "values": {"rain": 0.1}}
            publisher.publish(topic_of("T-RG-1", options.root), json.dumps(body), qos=1).wait_for_publish(10)
        deadline = time.monotonic() + 30
        while ingester.messages < 40 and time.monotonic() < deadline:
            time.sleep(0.05)
        stop.set()

    connection_created.connect(lambda **kw: opened.append(1), weak=False, dispatch_uid="counting-connections")
    feeder = threading.Thread(target=feed)
    try:
        feeder.start()
        ingester.run(stop)
    finally:
        stop.set()
        feeder.join(30)
        connection_created.disconnect(dispatch_uid="counting-connections")
    assert ingester.total.stored == 40
    assert opened == []
