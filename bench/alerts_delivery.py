"""Delivery throughput against the local HTTP sink with 1, 2 and 4 worker processes: the broker-less
`yingji worker`, and Celery (`celery -A yingji.tasks worker -c N`) on Redis and RabbitMQ. The database is the
queue either way (leases claimed with SELECT … FOR UPDATE SKIP LOCKED on PostgreSQL); Celery only wakes workers.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/yingji_bench .venv/bin/python -m bench.alerts_delivery [n] [modes]

modes: comma-separated from `worker,redis,rabbitmq` (default all). The workers are started and idle first; the
clock runs from queueing n SMS messages to the last one sent, so start-up is not counted.
"""

import os
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
sys.path.insert(0, os.path.join(ROOT, "tests"))

from bench.alerts_common import fresh_database  # noqa: E402

BROKERS = {"redis": ("redis://127.0.0.1:6379/14", 6379), "rabbitmq": ("amqp://guest:guest@127.0.0.1:5672//", 5672)}
CELERY = [sys.executable, "-m", "celery", "-A", "yingji.tasks", "worker", "--without-gossip", "--without-mingle",
          "--without-heartbeat", "-l", "info"]


def _start(env, mode: str, workers: int, log_path: str) -> list:
    log = open(log_path, "w")  # noqa: SIM115  (closed with the process)
    if mode == "worker":
        return [subprocess.Popen([sys.executable, "-m", "yingji.cli", "worker"], env=env, stdout=log, stderr=log)
                for _ in range(workers)]
    process = subprocess.Popen([*CELERY, "-c", str(workers)], env=env, stdout=log, stderr=log)
    deadline = time.monotonic() + 60
    while " ready." not in Path(log_path).read_text():
        if time.monotonic() > deadline or process.poll() is not None:
            raise RuntimeError(Path(log_path).read_text()[-2000:])
        time.sleep(0.2)
    return [process]


def _wake(env, mode: str, workers: int) -> None:
    if mode == "worker":
        return
    from celery import Celery

    with Celery(broker=env["YINGJI_CELERY_BROKER"]) as app:
        for _ in range(workers):  # one pump per worker process; each runs until nothing is due
            app.send_task("yingji.tasks.pump", kwargs={"rounds": 10**6}, queue=env["YINGJI_CELERY_QUEUE"])


def _run(env, mode: str, workers: int, count: int, sink) -> float:
    from yingji.channels.models import Channel, Message, MessageStatus
    from yingji.channels.services import Recipient, enqueue

    processes = _start(env, mode, workers, os.path.join(env["YINGJI_VAR_DIR"], f"{mode}-{workers}.log"))
    if mode == "worker":
        time.sleep(5)  # let the processes import Django and reach their loop
    before = len(sink.requests)
    try:
        started = time.perf_counter()
        recipients = (Recipient(name=f"r{i}", contacts={"phone": f"139{i:08d}"}) for i in range(count))
        enqueue(channel=Channel.objects.get(code="alert-sms"), recipients=recipients, subject="基准", body="基准测试",
                key_prefix=f"bench-{mode}-{workers}")
        _wake(env, mode, workers)
        while Message.objects.filter(status__in=[MessageStatus.PENDING, MessageStatus.SENDING]).exists():
            time.sleep(0.1)
        elapsed = time.perf_counter() - started
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(30)
    assert len(sink.requests) - before >= count
    return elapsed


def _available(mode: str) -> bool:
    if mode == "worker":
        return True
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", BROKERS[mode][1])) == 0


def main(count: int = 4000, modes: str = "worker,redis,rabbitmq") -> None:
    from peers import HttpSink

    sink = HttpSink()
    env = fresh_database("yingji_alerts_delivery")
    from yingji.channels.models import Channel

    Channel.objects.filter(code="alert-sms").update(config={"url": f"{sink.url}/sms"})
    engine = "PostgreSQL" if env.get("DATABASE_URL", "").startswith("postgres") else "SQLite"
    for mode in [m for m in modes.split(",") if _available(m)]:
        queue = f"yingji-bench-{uuid.uuid4().hex[:8]}"
        mode_env = {**env, "YINGJI_CELERY_QUEUE": queue, "YINGJI_VAR_DIR": tempfile.mkdtemp(prefix="yingji-bench-"),
                    "YINGJI_CELERY_BROKER": BROKERS.get(mode, ("",))[0]}
        for workers in (1, 2, 4):
            elapsed = _run(mode_env, mode, workers, count, sink)
            print(f"{engine}, {mode}, {workers} worker process(es): {count:,} messages in {elapsed:.1f} s "
                  f"= {count / elapsed:,.0f} msg/s", flush=True)
        _drop_queue(mode, queue)
    sink.close()


def _drop_queue(mode: str, queue: str) -> None:
    if mode == "worker":
        return
    from kombu import Connection

    with Connection(BROKERS[mode][0]) as connection:
        connection.default_channel.queue_delete(queue)


if __name__ == "__main__":
    main(*(int(a) if a.isdigit() else a for a in sys.argv[1:]))
