"""`yingji manage simulate_sensors`: publish the demo stations' readings over MQTT (see monitoring/simulator.py)."""

import os

from django.core.management.base import BaseCommand

from yingji.monitoring import simulator


class Command(BaseCommand):
    help = "演示模拟器：通过 MQTT 发布演示站点的监测数据"

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("YINGJI_MQTT_HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("YINGJI_MQTT_PORT", "1883")))
        parser.add_argument("--interval", type=float, default=60.0)
        parser.add_argument("--rounds", type=int, default=None, help="发布几轮后退出（默认不停）")
        parser.add_argument("--storm", default="", help="重放暴雨的乡镇（逗号分隔）")

    def handle(self, *args, **options):
        storm = tuple(t for t in options["storm"].split(",") if t.strip())
        sent = simulator.run(options["host"], options["port"], options["interval"], storm, options["rounds"])
        self.stdout.write(f"已发布 {sent} 条消息")
