"""The MQTT ingester: a persistent session (fixed client id, clean_session False) subscribed with QoS 1 to
`<prefix>/<device id>/readings`, acknowledging each message only after its batch is committed. Killed mid-stream,
it loses nothing: the broker redelivers what was not acknowledged, and the readings table takes each (sensor,
time) once, so a redelivered reading already stored counts as a duplicate in the dead letters.

The rules cost per sensor and pass, not per reading, so under a surge the ingester stores and acknowledges each
batch as it comes and runs the rules on all the sensors those batches touched together, at most every
`evaluate_every` seconds (at once when the inbox runs dry). Acknowledging before the rules keeps a broker's in-flight
window (Mosquitto: 20 messages by default) moving; a crash between storing and the pass is caught up at start: the
rules run on every sensor with readings received in the last CATCH_UP."""

import logging
import os
import queue
import re
import threading
import time
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import connection

from .catalog import Catalog
from .choices import Source
from .ingest import Outcome, evaluate_rules, ingest, recently_received_sensors
from .parsing import items_of

log = logging.getLogger(__name__)
CATCH_UP = timedelta(minutes=10)
CONNECTION_CHECK_SECONDS = 10.0
SHARED_GROUP = "yingji-ingest"  # the group of `yingji ingest --processes N`


def drop_broken_connection() -> None:
    """A long-running process keeps its database connection between batches; it drops it only when the database
    has closed it or it failed, and the next statement connects again. (Django's `close_old_connections` is for
    requests: with CONN_MAX_AGE 0 it closes the connection every time, and the ingester reconnected per batch.)"""
    if connection.connection is not None and (connection.errors_occurred or not connection.is_usable()):
        connection.close()


def prefix() -> str:
    """The topic root: settings.MONITORING_MQTT_PREFIX, else YINGJI_MQTT_PREFIX, else yingji/monitoring."""
    return getattr(settings, "MONITORING_MQTT_PREFIX", None) or os.environ.get("YINGJI_MQTT_PREFIX",
                                                                               "yingji/monitoring")


def topic_of(device: str, root: str | None = None) -> str:
    return f"{root or prefix()}/{device}/readings"


@dataclass
class Options:
    host: str = "127.0.0.1"
    port: int = 1883
    client_id: str = "yingji-ingest"
    root: str = ""
    batch_size: int = 500
    batch_wait: float = 0.2
    evaluate_every: float = 0.15  # seconds between rule passes under a stream (bench/README.md, monitoring sixth pass)
    share: str = ""  # a shared-subscription group: the broker hands each message to one member of the group
    retiring: bool = False  # a former member: subscribe to nothing, take what the broker kept for it, and end


def subscription_of(options: Options, root: str) -> str:
    """The topic filter the ingester subscribes: `$share/<group>/…` when several ingesters split the stream."""
    topic = topic_of("+", root)
    return f"$share/{options.share}/{topic}" if options.share else topic


class Ingester:
    def __init__(self, options: Options):
        import paho.mqtt.client as mqtt

        self.options, self.root = options, options.root or prefix()
        self.pattern = re.compile(rf"^{re.escape(self.root)}/([^/]+)/readings$")
        self.inbox: queue.Queue = queue.Queue()
        self.total, self.messages = Outcome(), 0
        self.unevaluated, self.evaluated_at = set(), 0.0
        self.catalog = Catalog()
        self.subscribed = threading.Event()
        self.session_present = False
        self.client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id=options.client_id,
                                  clean_session=False, protocol=mqtt.MQTTv311, manual_ack=True)
        self.client.on_connect = self._connected
        self.client.on_subscribe = lambda *args: self.subscribed.set()
        self.client.on_message = lambda client, userdata, message: self.inbox.put(message)

    def _connected(self, client, userdata, flags, reason, properties):
        # A persistent session keeps its subscriptions: an ingester moved into or out of a group drops the other
        # filter, or the broker would hand it each message twice.
        self.session_present = bool(flags.session_present)
        plain = topic_of("+", self.root)
        if self.options.retiring:
            client.unsubscribe([plain, f"$share/{SHARED_GROUP}/{plain}"])
            self.subscribed.set()
            return
        client.unsubscribe(plain if self.options.share else f"$share/{SHARED_GROUP}/{plain}")
        client.subscribe(subscription_of(self.options, self.root), qos=1)

    def start(self) -> None:
        self.client.connect(self.options.host, self.options.port, keepalive=30)
        self.client.loop_start()

    def stop(self) -> None:
        self.client.disconnect()  # first: it wakes the network thread, which loop_stop then joins at once
        self.client.loop_stop()

    def run(self, stop: threading.Event, report_every: float = 60.0) -> None:
        self.start()
        self.catalog.refresh()
        evaluate_rules(recently_received_sensors(CATCH_UP), catalog=self.catalog)
        reported = checked = time.monotonic()
        try:
            while not stop.is_set():
                if time.monotonic() - checked >= CONNECTION_CHECK_SECONDS:
                    checked = time.monotonic()
                    drop_broken_connection()
                self.step()
                if time.monotonic() - reported >= report_every:
                    reported = time.monotonic()
                    log.info("monitoring ingest: %s messages, %s readings, %s stored, %s dead letters",
                             self.messages, self.total.received, self.total.stored, len(self.total.refused))
            self.flush()
        finally:
            self.stop()

    def step(self) -> int:
        """Take what arrived (up to a batch, waiting at most batch_wait), store it and acknowledge it; run the rules
        when they are due."""
        batch = self._drain()
        if batch:
            items = []
            for message in batch:
                match = self.pattern.match(message.topic)
                items += items_of(message.payload, match.group(1) if match else "")
            self.catalog.refresh()  # one small statement; the registry read again only when it changed
            outcome = ingest(items, Source.MQTT, evaluate=False, catalog=self.catalog)
            for message in batch:
                if message.qos:
                    self.client.ack(message.mid, message.qos)
            self.unevaluated |= outcome.sensors
            self.messages += len(batch)
            self.total.received += outcome.received
            self.total.stored += outcome.stored
            self.total.refused += outcome.refused[-1000:]
        if not batch or time.monotonic() - self.evaluated_at >= self.options.evaluate_every:
            self.flush()
        return len(batch)

    def flush(self) -> None:
        """Run the rules of the sensors stored since the last pass."""
        if self.unevaluated:
            if self.catalog.stamp is None:
                self.catalog.refresh()
            evaluate_rules(self.unevaluated, catalog=self.catalog)
        self.unevaluated, self.evaluated_at = set(), time.monotonic()

    def _drain(self) -> list:
        try:
            batch = [self.inbox.get(timeout=self.options.batch_wait)]
        except queue.Empty:
            return []
        deadline = time.monotonic() + self.options.batch_wait
        while len(batch) < self.options.batch_size:
            try:
                batch.append(self.inbox.get(timeout=max(0.0, deadline - time.monotonic())))
            except queue.Empty:
                break
        return batch


def retire_members_above(options: Options, count: int, up_to: int = 16) -> int:
    """`yingji ingest --processes` lowered: the broker keeps the persistent session of each former member (client
    ids `<id>-<k>`) and goes on handing it its share. Each is drained (its kept messages stored like any others),
    unsubscribed and ended. Returns the messages taken from them."""
    taken = 0
    for index in range(count + 1, up_to + 1):
        member = Ingester(Options(options.host, options.port, member_id(options.client_id, index),
                                  options.root, options.batch_size, options.batch_wait, retiring=True))
        member.start()
        member.subscribed.wait(5)
        idle = 0 if member.session_present else 3
        while idle < 3:  # what the broker kept comes right after the connect; three empty waits end it
            idle = 0 if member.step() else idle + 1
        member.flush()
        member.stop()
        forget_session(member.options)
        taken += member.messages
    return taken


def member_id(client_id: str, index: int) -> str:
    """Member 1 keeps the ingester's own client id (and session); the others are `<id>-<k>`."""
    return client_id if index == 1 else f"{client_id}-{index}"


def forget_session(options: Options) -> None:
    """End the persistent session of this client id at the broker (a clean connect), dropping what it queued."""
    import paho.mqtt.client as mqtt

    client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id=options.client_id, clean_session=True,
                         protocol=mqtt.MQTTv311)
    connected = threading.Event()
    client.on_connect = lambda *args: connected.set()
    client.connect(options.host, options.port)
    client.loop_start()
    connected.wait(5)
    client.disconnect()
    client.loop_stop()
