"""`yingji ingest`: the long-running MQTT ingester (see monitoring/mqtt.py); --simulate also runs the demo
simulator, --storm replays a rainstorm in the named townships."""

import os
import signal
import threading

from django.core.management.base import BaseCommand

from yingji.monitoring import simulator
from yingji.monitoring.mqtt import Ingester, Options


class Command(BaseCommand):
    help = "监测数据接入：订阅 MQTT（QoS 1，持久会话）并入库、评估阈值规则"

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("YINGJI_MQTT_HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("YINGJI_MQTT_PORT", "1883")))
        parser.add_argument("--client-id", default=os.environ.get("YINGJI_INGEST_CLIENT_ID", "yingji-ingest"))
        parser.add_argument("--batch-size", type=int, default=500)
        parser.add_argument("--simulate", action="store_true", help="同时运行演示模拟器")
        parser.add_argument("--interval", type=float, default=60.0, help="模拟器每轮间隔（秒）")
        parser.add_argument("--storm", default="", help="模拟器重放暴雨的乡镇（逗号分隔），如 桂花镇,老池镇")

    def handle(self, *args, **options):
        stop = threading.Event()
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, lambda *_: stop.set())
        ingester = Ingester(Options(options["host"], options["port"], options["client_id"],
                                    batch_size=options["batch_size"]))
        if options["simulate"]:
            storm = tuple(t for t in options["storm"].split(",") if t.strip())
            threading.Thread(target=simulator.run, name="yingji-simulator", daemon=True,
                             args=(options["host"], options["port"], options["interval"], storm),
                             kwargs={"stop": stop}).start()
        self.stdout.write(f"监测数据接入：mqtt://{options['host']}:{options['port']} "
                          f"{ingester.root}/+/readings（客户端 {options['client_id']}）")
        ingester.run(stop)
        self.stdout.write(f"已停止：{ingester.total.received} 条数据，入库 {ingester.total.stored}，"
                          f"死信 {len(ingester.total.refused)}")
