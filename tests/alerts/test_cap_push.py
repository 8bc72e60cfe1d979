"""Push (issue 15 §11): each published, updated or cancelled warning's signed CAP document goes to the configured
MQTT topic (the machine's Mosquitto, WIS2-style topic) and webhooks (the local HTTP peer), through the outbox —
nothing is sent inside the request, a failing peer is retried on its own."""

import threading
import time
import uuid
from datetime import timedelta

import paho.mqtt.client as mqtt
import pytest
from django.utils import timezone

from yingji.alerts import services
from yingji.core.events import dispatch_pending
from yingji.core.models.outbox import OutboxDelivery

pytestmark = pytest.mark.django_db


class RawListener:
    """Records the raw payloads arriving on one topic of the local Mosquitto."""

    def __init__(self, topic: str):
        self.payloads: list[bytes] = []
        subscribed = threading.Event()
        self.client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2)
        self.client.on_connect = lambda c, u, f, rc, p: c.subscribe(topic, qos=1)
        self.client.on_subscribe = lambda *args: subscribed.set()
        self.client.on_message = lambda c, u, m: self.payloads.append(m.payload)
        self.client.connect("127.0.0.1", 1883)
        self.client.loop_start()
        assert subscribed.wait(10), "could not subscribe to Mosquitto"

    def wait_for(self, count: int, timeout: float = 10.0) -> list[bytes]:
        deadline = time.monotonic() + timeout
        while len(self.payloads) < count and time.monotonic() < deadline:
            time.sleep(0.02)
        return self.payloads

    def close(self):
        self.client.loop_stop()
        self.client.disconnect()


@pytest.fixture
def push_targets(monkeypatch, http_sink):
    centre = f"cn-test-{uuid.uuid4().hex[:8]}"
    topic = f"origin/a/wis2/{centre}/data/core/weather/advisories-warnings"
    monkeypatch.setenv("YINGJI_CAP_WIS2_CENTRE", centre)
    monkeypatch.setenv("YINGJI_CAP_PUSH_MQTT", "mqtt://127.0.0.1:1883")
    monkeypatch.setenv("YINGJI_CAP_PUSH_WEBHOOKS", f"{http_sink.url}/cap")
    listener = RawListener(topic)
    yield listener, http_sink
    listener.close()


def _webhook_bodies(sink):
    return [r["json"]["raw"].encode() for r in sink.requests if r["path"] == "/cap"]


def test_published_and_cancelled_warnings_are_pushed_after_commit(push_targets, users, warning_data, publish_flow):
    listener, sink = push_targets
    warning = publish_flow(warning_data())
    assert sink.requests == [] and listener.payloads == []  # written to the outbox only
    dispatch_pending()
    expected = warning.cap.xml.encode()
    assert listener.wait_for(1) == [expected]
    assert _webhook_bodies(sink) == [expected]
    headers = sink.requests[0]["headers"]
    assert headers["Content-Type"] == "application/cap+xml" and headers["Idempotency-Key"].endswith(
        warning.cap.identifier)
    notice = services.cancel(actor=users["commander"], reference=warning.cap.identifier, reason="降雨结束")
    dispatch_pending()
    assert listener.wait_for(2)[1] == notice.cap.xml.encode() and b"<msgType>Cancel</msgType>" in listener.payloads[1]
    assert _webhook_bodies(sink)[1] == notice.cap.xml.encode()
    dispatch_pending()
    assert len(listener.wait_for(3, timeout=0.5)) == 2 and len(_webhook_bodies(sink)) == 2  # each once


def test_a_failing_webhook_is_retried_alone(push_targets, warning_data, publish_flow):
    listener, sink = push_targets
    sink.fail_next(1)
    warning = publish_flow(warning_data())
    dispatch_pending()
    assert listener.wait_for(1) == [warning.cap.xml.encode()] and _webhook_bodies(sink) == []
    waiting = OutboxDelivery.objects.get(consumer="alerts.cap_push", status="pending")
    assert "500" in waiting.last_error and waiting.event.payload["target"].endswith("/cap")
    dispatch_pending(now=timezone.now() + timedelta(minutes=5))
    assert _webhook_bodies(sink) == [warning.cap.xml.encode()]
    assert len(listener.wait_for(2, timeout=0.5)) == 1
