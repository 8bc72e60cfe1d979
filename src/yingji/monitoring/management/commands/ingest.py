"""`yingji ingest`: the long-running MQTT ingester (see monitoring/mqtt.py); --simulate also runs the demo
simulator, --storm replays a rainstorm in the named townships; --processes N splits the stream over N processes
(a shared subscription: the broker hands each message to one of them)."""

import os
import signal
import subprocess
import sys
import threading

from django.core.management.base import BaseCommand, CommandError

from yingji.monitoring import simulator
from yingji.monitoring.mqtt import SHARED_GROUP, Ingester, Options, member_id, retire_members_above

MAX_PROCESSES = 16


class Command(BaseCommand):
    help = "监测数据接入：订阅 MQTT（QoS 1，持久会话）并入库、评估阈值规则"

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("YINGJI_MQTT_HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("YINGJI_MQTT_PORT", "1883")))
        parser.add_argument("--client-id", default=os.environ.get("YINGJI_INGEST_CLIENT_ID", "yingji-ingest"))
        parser.add_argument("--batch-size", type=int, default=500)
        parser.add_argument("--processes", default=os.environ.get("YINGJI_INGEST_PROCESSES", "1"),
                            help=f"接入进程数（1–{MAX_PROCESSES}，共享订阅分担数据；默认 1）")
        parser.add_argument("--member", type=int, default=0, help="（内部）共享订阅中的第几个进程")
        parser.add_argument("--simulate", action="store_true", help="同时运行演示模拟器")
        parser.add_argument("--interval", type=float, default=60.0, help="模拟器每轮间隔（秒）")
        parser.add_argument("--storm", default="", help="模拟器重放暴雨的乡镇（逗号分隔），如 桂花镇,老池镇")

    def handle(self, *args, **options):
        processes = _processes(options["processes"])
        stop = threading.Event()
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, lambda *_: stop.set())
        member = options["member"] or 1
        base = Options(options["host"], options["port"], options["client_id"], batch_size=options["batch_size"])
        if member == 1:
            taken = retire_members_above(base, processes, MAX_PROCESSES)
            if taken:
                self.stdout.write(f"已收回停用接入进程的积压数据 {taken} 条")
        ingester = Ingester(Options(base.host, base.port, member_id(base.client_id, member),
                                    batch_size=base.batch_size, share=SHARED_GROUP if processes > 1 else ""))
        members = [_start_member(options, index, processes) for index in range(2, processes + 1) if member == 1]
        if options["simulate"] and member == 1:
            storm = tuple(t for t in options["storm"].split(",") if t.strip())
            threading.Thread(target=simulator.run, name="yingji-simulator", daemon=True,
                             args=(options["host"], options["port"], options["interval"], storm),
                             kwargs={"stop": stop}).start()
        self.stdout.write(f"监测数据接入：mqtt://{options['host']}:{options['port']} "
                          f"{ingester.root}/+/readings（客户端 {ingester.options.client_id}，共 {processes} 个进程）")
        try:
            ingester.run(stop)
        finally:
            for process in members:
                process.terminate()
            for process in members:
                process.wait(60)
        self.stdout.write(f"已停止：{ingester.total.received} 条数据，入库 {ingester.total.stored}，"
                          f"死信 {len(ingester.total.refused)}")

def _start_member(options, index, processes) -> subprocess.Popen:
    command = [sys.executable, "-m", "yingji.cli", "ingest", "--host", options["host"],
               "--port", str(options["port"]), "--client-id", options["client_id"],
               "--batch-size", str(options["batch_size"]), "--processes", str(processes), "--member", str(index)]
    return subprocess.Popen(command, preexec_fn=_die_with_parent)


def _die_with_parent() -> None:
    """A member must not outlive the first process: a new one would start members with the same client ids, and
    two clients with one id throw each other off the broker in turn."""
    import ctypes

    ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def _processes(value) -> int:
    text = str(value).strip()
    if not text.isdigit() or not 1 <= int(text) <= MAX_PROCESSES:
        raise CommandError(f"--processes 应为 1–{MAX_PROCESSES} 的整数，而不是 {text!r}")
    return int(text)
