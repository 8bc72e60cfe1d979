"""The demo's live sensor feed: `yingji demo` (so `make demo`) runs the MQTT ingester and the simulator in
background threads when an MQTT broker answers (YINGJI_MQTT_HOST/PORT, default 127.0.0.1:1883), on the usual topic
root, so `yingji manage simulate_sensors --storm 桂花镇` replays a storm into the running demo. The browser tests
give their demo a root of its own (YINGJI_MQTT_PREFIX)."""

import os
import socket
import threading

from . import simulator
from .mqtt import Ingester, Options


def broker_address() -> tuple[str, int]:
    return os.environ.get("YINGJI_MQTT_HOST", "127.0.0.1"), int(os.environ.get("YINGJI_MQTT_PORT", "1883"))


def start(tag: str, stop: threading.Event, interval: float = 60.0) -> str:
    """Start the ingester and the simulator unless the broker is unreachable or YINGJI_DEMO_INGEST=0; a line for the
    console saying which."""
    if os.environ.get("YINGJI_DEMO_INGEST", "1") == "0":
        return "监测数据接入未随演示启动（YINGJI_DEMO_INGEST=0）"
    host, port = broker_address()
    try:
        socket.create_connection((host, port), timeout=1).close()
    except OSError:
        return (f"监测数据接入未启动：连不上 MQTT {host}:{port}。安装并启动 mosquitto 后重启演示，"
                "或另开终端运行 yingji ingest --simulate")
    ingester = Ingester(Options(host, port, client_id=f"yingji-demo-ingest-{tag}"))
    threading.Thread(target=ingester.run, args=(stop,), name="yingji-ingest", daemon=True).start()
    threading.Thread(target=simulator.run, args=(host, port, interval), kwargs={"stop": stop},
                     name="yingji-simulator", daemon=True).start()
    return (f"监测数据接入已随演示启动：mqtt://{host}:{port} {ingester.root}/+/readings，模拟器每 {interval:g} 秒一轮；"
            "重放暴雨：yingji manage simulate_sensors --rounds 1 --storm 桂花镇")
