"""The demo's sensor feed says plainly when it does not start: switched off, or no broker answering."""

import socket
import threading

from yingji.monitoring import demo_feed


def test_switched_off_by_the_environment(monkeypatch):
    monkeypatch.setenv("YINGJI_DEMO_INGEST", "0")
    assert "未随演示启动" in demo_feed.start("8000", threading.Event())


def test_no_broker_answering_names_the_address_and_what_to_do(monkeypatch):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        free = probe.getsockname()[1]
    monkeypatch.setenv("YINGJI_MQTT_PORT", str(free))
    line = demo_feed.start("8000", threading.Event())
    assert f"连不上 MQTT 127.0.0.1:{free}" in line and "mosquitto" in line
