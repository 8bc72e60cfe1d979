"""Delivery throughput against the local HTTP sink with 1, 2 and 4 `yingji worker` processes (the database is
the queue: leases with SELECT … FOR UPDATE SKIP LOCKED on PostgreSQL).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/yingji_bench .venv/bin/python bench/alerts_delivery.py [n]
"""

import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
sys.path.insert(0, os.path.join(ROOT, "tests"))

from bench.alerts_common import fresh_database  # noqa: E402


def _run(env, workers: int, count: int, sink) -> float:
    from yingji.channels.models import Channel, Message, MessageStatus
    from yingji.channels.services import Recipient, enqueue

    channel = Channel.objects.get(code="alert-sms")
    recipients = (Recipient(name=f"r{i}", contacts={"phone": f"139{i:08d}"}) for i in range(count))
    enqueue(channel=channel, recipients=recipients, subject="基准", body="基准测试", key_prefix=f"bench-{workers}")
    before = len(sink.requests)
    started = time.perf_counter()
    processes = [subprocess.Popen([sys.executable, "-m", "yingji.cli", "worker"], env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for _ in range(workers)]
    try:
        while Message.objects.filter(status__in=[MessageStatus.PENDING, MessageStatus.SENDING]).exists():
            time.sleep(0.2)
        elapsed = time.perf_counter() - started
    finally:
        for process in processes:
            process.terminate()
            process.wait()
    assert len(sink.requests) - before >= count
    return elapsed


def main(count: int = 5000) -> None:
    from peers import HttpSink

    sink = HttpSink()
    env = fresh_database("yingji_alerts_delivery")
    from yingji.channels.models import Channel

    Channel.objects.filter(code="alert-sms").update(config={"url": f"{sink.url}/sms"})
    engine = "PostgreSQL" if env.get("DATABASE_URL", "").startswith("postgres") else "SQLite"
    for workers in (1, 2, 4):
        elapsed = _run(env, workers, count, sink)
        print(f"{engine}, {workers} worker(s): {count:,} messages in {elapsed:.1f} s = {count / elapsed:,.0f} msg/s")
    sink.close()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5000)
