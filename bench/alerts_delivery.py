"""Delivery benchmarks (issue 13 §3), each side by side with its baseline in the same run, on PostgreSQL:

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/yingji_bench_fanout
    .venv/bin/python -m bench.alerts_delivery single [n] [modes]
    .venv/bin/python -m bench.alerts_delivery million [n]

`single`: n SMS messages (default 5,000) on a one-per-request channel, sent by 4 worker processes (`yingji
worker`; with modes `redis`/`rabbitmq` also Celery, `celery -A yingji.tasks worker -c 4`), against the sink's
own capacity: 4 client processes posting the same requests over kept-alive connections as fast as it answers.

`million`: n generated subscribers (default 1,000,000), all on SMS, the SMS channel batching 1,000 numbers per
request; a district-wide warning goes through 制作→审核→签发, and the clock runs from 发布 (the signature) until the
sink holds every subscriber's number: the fan-out by one of 4 `yingji worker` processes, then the sending by all
four. Baseline: the sink's own capacity for 1,000-number requests from 4 client processes.

The sink is tests/peers.HttpSink (a threaded Python server in this process). The database named in DATABASE_URL
is dropped and created again. Each figure is printed with the machine's load average.
"""

import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
sys.path.insert(0, os.path.join(ROOT, "tests"))

from bench.alerts_common import fresh_database, load, publish_district_warning  # noqa: E402

PROCESSES = 4
BROKERS = {"redis": ("redis://127.0.0.1:6379/14", 6379), "rabbitmq": ("amqp://guest:guest@127.0.0.1:5672//", 5672)}
CELERY = [sys.executable, "-m", "celery", "-A", "yingji.tasks", "worker", "--without-gossip", "--without-mingle",
          "--without-heartbeat", "-l", "info"]

# One client process of the capacity baseline: posts `count` requests like the workers' (single or batch).
CLIENT = """
import json, sys, httpx
url, count, size, tag = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
with httpx.Client() as client:
    for i in range(count):
        key = f"capacity-{tag}-{i}"
        if size == 1:
            body = {"phone": "13900000000", "content": "基准测试", "id": key, "key": key}
        else:
            body = {"content": "基准测试", "messages": [
                {"id": f"{key}-{j}", "key": f"{key}-{j}", "phone": f"139{j:08d}", "name": ""} for j in range(size)]}
        client.post(url, json=body, headers={"Idempotency-Key": key}, timeout=30).raise_for_status()
"""


def sink_capacity(sink, requests: int, size: int) -> float:
    """Recipients per second the sink takes from PROCESSES clients, each posting its share in a loop."""
    tag = uuid.uuid4().hex[:8]
    started = time.perf_counter()
    clients = [subprocess.Popen([sys.executable, "-c", CLIENT, f"{sink.url}/capacity", str(requests // PROCESSES),
                                 str(size), f"{tag}-{n}"]) for n in range(PROCESSES)]
    for client in clients:
        if client.wait() != 0:
            raise RuntimeError("a capacity client failed")
    return requests // PROCESSES * PROCESSES * size / (time.perf_counter() - started)


def _start(env, mode: str, log_path: str) -> list:
    log = open(log_path, "w")  # noqa: SIM115  (closed with the process)
    if mode == "worker":
        processes = [subprocess.Popen([sys.executable, "-m", "yingji.cli", "worker"], env=env, stdout=log, stderr=log)
                     for _ in range(PROCESSES)]
        time.sleep(8)  # let the processes import Django and reach their loop
        return processes
    process = subprocess.Popen([*CELERY, "-c", str(PROCESSES)], env=env, stdout=log, stderr=log)
    deadline = time.monotonic() + 60
    while " ready." not in Path(log_path).read_text():
        if time.monotonic() > deadline or process.poll() is not None:
            raise RuntimeError(Path(log_path).read_text()[-2000:])
        time.sleep(0.2)
    return [process]


def _stop(processes) -> None:
    for process in processes:
        process.terminate()
    for process in processes:
        process.wait(30)


def _wake(env, mode: str) -> None:
    if mode == "worker":
        return
    from celery import Celery

    with Celery(broker=env["YINGJI_CELERY_BROKER"]) as app:
        for _ in range(PROCESSES):  # one pump per worker process; each runs until nothing is due
            app.send_task("yingji.tasks.pump", kwargs={"rounds": 10**6}, queue=env["YINGJI_CELERY_QUEUE"])


def _available(mode: str) -> bool:
    if mode == "worker":
        return True
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", BROKERS[mode][1])) == 0


def single(count: int = 5000, modes: str = "worker", rounds: int = 3) -> None:
    from peers import HttpSink

    sink = HttpSink(record=False)
    env = fresh_database(_database())
    from yingji.channels.models import Channel

    Channel.objects.filter(code="alert-sms").update(config={"url": f"{sink.url}/sms"})
    for mode in [m for m in modes.split(",") if _available(m)]:
        queue = f"yingji-bench-{uuid.uuid4().hex[:8]}"
        mode_env = {**env, "YINGJI_CELERY_QUEUE": queue, "YINGJI_VAR_DIR": tempfile.mkdtemp(prefix="yingji-bench-"),
                    "YINGJI_CELERY_BROKER": BROKERS.get(mode, ("",))[0]}
        processes = _start(mode_env, mode, os.path.join(mode_env["YINGJI_VAR_DIR"], f"{mode}.log"))
        rates, capacities = [], []
        try:
            for n in range(rounds):  # alternating, so both see the same machine
                rates.append(_send_round(mode_env, mode, sink, count, f"{queue}-{n}"))
                capacities.append(sink_capacity(sink, count, 1))
                print(f"  round {n + 1}: {rates[-1]:,.0f} msg/s against {capacities[-1]:,.0f} ({load()})", flush=True)
        finally:
            _stop(processes)
        rate, capacity = statistics.median(rates), statistics.median(capacities)
        ratio = statistics.median(r / c for r, c in zip(rates, capacities, strict=True))
        print(f"{mode}, {PROCESSES} processes, one recipient per request, {count:,} messages, median of {rounds}: "
              f"{rate:,.0f} msg/s | the sink's own capacity, {PROCESSES} clients: {capacity:,.0f} msg/s | median "
              f"ratio of the rounds {ratio:.2f} ({load()})", flush=True)
        _drop_queue(mode, queue)
    sink.close()


def _send_round(env, mode: str, sink, count: int, tag: str) -> float:
    """Messages per second from queueing `count` SMS messages until the last one is sent."""
    from yingji.channels.models import Channel, Message, MessageStatus
    from yingji.channels.services import Recipient, enqueue

    before = sink.recipients()
    started = time.perf_counter()
    recipients = (Recipient(name=f"r{i}", contacts={"phone": f"139{i:08d}"}) for i in range(count))
    enqueue(channel=Channel.objects.get(code="alert-sms"), recipients=recipients, subject="基准", body="基准测试",
            key_prefix=f"bench-{tag}")
    _wake(env, mode)
    while Message.objects.filter(status=MessageStatus.PENDING).exists():
        time.sleep(0.05)
    elapsed = time.perf_counter() - started
    assert sink.recipients() - before >= count
    return count / elapsed


def million(count: int = 1_000_000) -> None:
    from peers import HttpSink

    sink = HttpSink(record=False)
    env = fresh_database(_database())
    from django.db import connection

    from yingji.alerts.demo import _subscribers
    from yingji.alerts.models import Subscriber
    from yingji.channels.models import Channel
    from yingji.core.models import Region, RegionLevel

    started = time.perf_counter()
    _subscribers(list(Region.objects.filter(level=RegionLevel.VILLAGE).order_by("code")), count)
    Subscriber.objects.update(preferred_channel="sms")
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")  # what autovacuum does to a registry that has been in use
    print(f"{count:,} subscribers generated in {time.perf_counter() - started:.1f} s", flush=True)
    for channel in Channel.objects.filter(code__startswith="alert-"):
        if "url" in channel.config:
            channel.config = {**channel.config, "url": f"{sink.url}/{channel.code.removeprefix('alert-')}"}
            channel.save()
    Channel.objects.filter(code="alert-sms").update(config={"url": f"{sink.url}/sms", "batch_size": 1000})
    capacity = sink_capacity(sink, 200, 1000)
    print(f"the sink's own capacity, {PROCESSES} clients, 1,000 numbers per request: {capacity:,.0f} numbers/s "
          f"({load()})", flush=True)
    processes = _start({**env, "YINGJI_VAR_DIR": tempfile.mkdtemp(prefix="yingji-bench-")}, "worker",
                       os.path.join(env["YINGJI_VAR_DIR"], "million.log"))
    from yingji.alerts.delivery import messages_of

    try:
        started = time.perf_counter()
        sms = messages_of(publish_district_warning()).filter(channel__code="alert-sms")
        while not sms.exists():  # the fan-out is one transaction: its rows appear together
            time.sleep(0.2)
        fanned, expected = time.perf_counter() - started, sms.count()
        while sink.recipients("/sms") < expected:
            time.sleep(0.2)
            if time.perf_counter() - started > 1800:
                raise RuntimeError(f"only {sink.recipients('/sms'):,} of {expected:,} after 30 minutes")
        elapsed = time.perf_counter() - started
    finally:
        _stop(processes)
    received = sink.keys()
    keys = set(sms.values_list("idempotency_key", flat=True))
    assert keys <= set(received), "a subscriber is missing at the sink"
    twice = sum(1 for key in keys if received[key] > 1)
    print(f"{expected:,} SMS recipients handed to the batching sink in {elapsed:.1f} s from 发布 (fan-out committed "
          f"after {fanned:.1f} s; {twice} numbers sent twice) = {expected / elapsed:,.0f} numbers/s ({load()}) | "
          f"sink capacity {capacity:,.0f} numbers/s", flush=True)
    sink.close()


def _database() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        raise SystemExit("DATABASE_URL must name a PostgreSQL database (it is dropped and created again)")
    return url.rsplit("/", 1)[1]


def _drop_queue(mode: str, queue: str) -> None:
    if mode == "worker":
        return
    from kombu import Connection

    with Connection(BROKERS[mode][0]) as connection:
        connection.default_channel.queue_delete(queue)


if __name__ == "__main__":
    what, *rest = sys.argv[1:] or ["single"]
    {"single": single, "million": million}[what](*(int(a) if a.isdigit() else a for a in rest))
