"""Pushing each published CAP document (Alert, Update, Cancel) to its subscribers: MQTT topics (WIS2-style topic,
QoS 1, the signed XML itself as the payload) and webhooks (POST, Content-Type application/cap+xml).

Publishing writes one `cap.push` outbox event per target in the publishing transaction (`schedule`); the
`alerts.cap_push` consumer sends it after commit, and the outbox retries a failed target on its own with back-off,
so one unreachable peer neither blocks the others nor the request. Targets: config.cap_push_targets().
"""

import logging
from urllib.parse import unquote, urlsplit

import httpx

from yingji.core.events import publish as publish_event

from . import config

log = logging.getLogger(__name__)
TIMEOUT = 5.0  # seconds; the consumer runs outside any transaction (core.events), so a slow peer holds no lock
CONTENT_TYPE = "application/cap+xml"


def schedule(message, warning) -> None:
    for target in config.cap_push_targets():
        publish_event("cap.push", {"identifier": message.identifier, "target": target}, aggregate=warning,
                      region=warning.region, key=f"cap.push:{message.identifier}:{target}")


def deliver(identifier: str, target: str) -> None:
    """Send one CAP document to one target; raises when the peer did not take it (the outbox retries)."""
    from .models import CapMessage

    message = CapMessage.objects.filter(identifier=identifier).first()
    if message is None:
        log.warning("CAP push: no message %s", identifier)
        return
    payload = message.xml.encode("utf-8")
    scheme = urlsplit(target).scheme
    if scheme in ("mqtt", "mqtts"):
        _mqtt(target, payload)
    elif scheme in ("http", "https"):
        _webhook(target, payload, identifier)
    else:
        raise ValueError(f"unknown CAP push target {target!r}")


def _webhook(url: str, payload: bytes, identifier: str) -> None:
    response = httpx.post(url, content=payload, timeout=TIMEOUT,
                          headers={"Content-Type": CONTENT_TYPE, "Idempotency-Key": f"cap:{identifier}"})
    response.raise_for_status()


def _mqtt(url: str, payload: bytes) -> None:
    import paho.mqtt.client as mqtt

    parts = urlsplit(url)
    topic = unquote(parts.path.lstrip("/")) or config.wis2_topic()
    client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2)
    client.connect_timeout = TIMEOUT
    if parts.username:
        client.username_pw_set(unquote(parts.username), unquote(parts.password or ""))
    if parts.scheme == "mqtts":
        client.tls_set()
    client.connect(parts.hostname or "127.0.0.1", parts.port or (8883 if parts.scheme == "mqtts" else 1883))
    client.loop_start()
    try:
        info = client.publish(topic, payload, qos=1)
        info.wait_for_publish(timeout=TIMEOUT)
        if not info.is_published():
            raise TimeoutError(f"MQTT broker {parts.hostname} did not acknowledge within {TIMEOUT} s")
    finally:
        client.disconnect()
        client.loop_stop()
