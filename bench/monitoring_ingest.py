"""Monitoring ingest benchmark (issue 18, P6): Mosquitto's own raw pub/sub throughput beside the ingester's, in one
run on the same broker, with the rules evaluated; the reading-to-alarm latency; and the count check
(received = stored + dead-lettered, nothing lost).

    .venv/bin/python -m bench.monitoring_ingest [--messages 20000] [--publishers 4] [--paced 0.5]
        [--publishers-apart] [--evaluate-every 0.25]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/yingji_bench_monitoring .venv/bin/python -m bench.monitoring_ingest

1. raw: `--publishers` paho clients publish `--messages` QoS 1 messages (the ingest payload size) to a topic that a
   bare paho subscriber (QoS 1) counts; messages per second from the first publish to the last arrival.
2. ingest: the same publishers send the same number of messages, one per demo station in turn (each a reading of
   every sensor, a distinct time per message), to the ingester (monitoring.mqtt.Ingester in this process, its own
   database connection, rules evaluated after each batch); messages per second until the last is stored. Some rain
   gauges get a red hour of rain: the time from publishing that message to the commit of its alarm row is the
   latency. With
   `--paced F` the publishers send at F × the raw rate just measured: at a rate the ingester keeps up with, the
   latency is the pipeline's (batch wait, store, rules pass), not a burst's backlog.
The bench starts its own Mosquitto on a free loopback port with no queue limit (the broker's default keeps at most
1000 messages for a slow QoS 1 subscriber and drops the rest: a bench at full speed would measure that); needs the
`mosquitto` program. The database is made afresh with the demo (bench.resources._prepare_database).
"""

import argparse
import json
import os
import socket
import statistics
import subprocess
import tempfile
import threading
import time
import uuid
from contextlib import contextmanager
from datetime import timedelta

from bench.resources import _prepare_database

HOST, PORT = "127.0.0.1", 1883
BROKER = """listener {port} 127.0.0.1
allow_anonymous true
persistence false
max_queued_messages 0
max_inflight_messages 1000
"""


@contextmanager
def broker():
    """A Mosquitto of the bench's own on a free port (ended when the bench ends)."""
    global PORT
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        PORT = probe.getsockname()[1]
    with tempfile.NamedTemporaryFile("w", suffix=".conf", delete=False) as conf:
        conf.write(BROKER.format(port=PORT))
    process = subprocess.Popen(["mosquitto", "-c", conf.name], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            with socket.socket() as probe:
                if probe.connect_ex((HOST, PORT)) == 0:
                    break
            time.sleep(0.05)
        yield
    finally:
        process.terminate()
        process.wait(10)
        os.unlink(conf.name)


def _client(name):
    import paho.mqtt.client as mqtt

    client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id=f"{name}-{uuid.uuid4().hex[:8]}")
    client.max_inflight_messages_set(200)
    client.max_queued_messages_set(0)
    client.connect(HOST, PORT)
    client.loop_start()
    return client


APART = False  # --publishers-apart: the publishers in a child process (as devices are: not in the ingester's)


def _publish(payloads, publishers, rate=None):
    """Send (topic, bytes) in `publishers` parallel clients, QoS 1, at `rate` messages per second in all (None: as
    fast as they can); returns the send times by index (time.monotonic, one clock for every process on Linux)."""
    if APART:
        import multiprocessing

        with multiprocessing.get_context("fork").Pool(1) as pool:
            return pool.apply(_publish_here, (payloads, publishers, rate))
    return _publish_here(payloads, publishers, rate)


def _publish_here(payloads, publishers, rate=None):
    sent = [0.0] * len(payloads)
    begin = time.monotonic()

    def run(part):
        client = _client("bench-pub")
        infos = []
        for index in range(part, len(payloads), publishers):
            topic, body = payloads[index]
            if rate:
                time.sleep(max(0.0, begin + index / rate - time.monotonic()))
            sent[index] = time.monotonic()
            infos.append(client.publish(topic, body, qos=1))
        for info in infos:
            info.wait_for_publish(60)
        client.loop_stop()
        client.disconnect()

    threads = [threading.Thread(target=run, args=(p,)) for p in range(publishers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sent


def raw(count, publishers, size):
    root, received, done = f"bench-raw/{uuid.uuid4().hex[:8]}", [0], threading.Event()
    subscriber = _client("bench-sub")
    subscribed = threading.Event()
    subscriber.on_subscribe = lambda *args: subscribed.set()

    def arrived(client, userdata, message):
        received[0] += 1
        if received[0] >= count:
            done.set()

    subscriber.on_message = arrived
    subscriber.subscribe(f"{root}/+/readings", qos=1)
    subscribed.wait(10)
    body = b"x" * size
    payloads = [(f"{root}/D{i % 150}/readings", body) for i in range(count)]
    start = time.monotonic()
    _publish(payloads, publishers)
    done.wait(600)
    elapsed = time.monotonic() - start
    subscriber.loop_stop()
    subscriber.disconnect()
    return received[0], elapsed


def _payloads(count, root):
    """One message per demo station in turn, a distinct second per message; every 400th to a rain gauge: 60 mm."""
    from django.utils import timezone

    from yingji.monitoring.simulator import demo_stations, value_of

    stations = [s for s in demo_stations() if list(s.sensors.all())]
    start = timezone.now().replace(microsecond=0) - timedelta(seconds=count + 60)
    gauges = [s for s in stations if s.station_type == "rain"]
    payloads, storms = [], {}
    for i in range(count):
        moment = start + timedelta(seconds=i)
        if i % 400 == 399 and len(storms) < len(gauges):
            station = gauges[len(storms)]
            values = {"rain": 60.0}
            storms[i] = station.pk
        else:
            station = stations[i % len(stations)]
            values = {s.quantity: value_of(s, s.pk, moment) for s in station.sensors.all()}
        body = {"device": station.device_id, "time": moment.isoformat(), "values": values}
        payloads.append((f"{root}/{station.device_id}/readings", json.dumps(body).encode()))
    return payloads, storms


def ingest(count, publishers, rate=None, evaluate_every=None):
    from django.db import connection

    from yingji.monitoring.models import Alarm, DeadLetter, Reading
    from yingji.monitoring.mqtt import Ingester, Options, forget_session

    root = f"bench-ingest/{uuid.uuid4().hex[:8]}"
    payloads, storms = _payloads(count, root)
    committed = _watch_alarm_commits()
    readings_in = sum(len(json.loads(body)["values"]) for _t, body in payloads)
    before = Reading.objects.count()
    options = Options(HOST, PORT, client_id=f"bench-ingest-{uuid.uuid4().hex[:8]}", root=root, batch_size=500,
                      batch_wait=0.05)
    if evaluate_every is not None:
        options.evaluate_every = evaluate_every
    ingester, stop = Ingester(options), threading.Event()
    worker = threading.Thread(target=lambda: (ingester.run(stop, report_every=3600), connection.close()))
    worker.start()
    ingester.subscribed.wait(10)
    start = time.monotonic()
    sent = _publish(payloads, publishers, rate)
    deadline = time.monotonic() + 900
    while ingester.messages < count and time.monotonic() < deadline:
        time.sleep(0.05)
    elapsed = time.monotonic() - start
    stop.set()
    worker.join()
    forget_session(options)
    stored = Reading.objects.count() - before
    dead = DeadLetter.objects.count()
    latencies = _latencies(storms, sent, start, committed)
    return {"messages": ingester.messages, "readings_in": readings_in, "received": ingester.total.received,
            "stored": stored, "dead": dead, "elapsed": elapsed, "latencies": latencies,
            "alarms": Alarm.objects.count()}


def _watch_alarm_commits():
    """Station id → the wall time the transaction that wrote its first raised alarm committed (the alarm row is
    there for everyone from then on; its triggered_at is the rules pass's clock, taken before the pass)."""
    from django.db import transaction

    from yingji.monitoring import alarms

    committed, announce = {}, alarms._announce

    def watched(kind, alarm):
        announce(kind, alarm)
        if kind == "monitoring.alarm.raised":
            station = alarm.station_id
            transaction.on_commit(lambda: committed.setdefault(station, time.time()))

    alarms._announce = watched
    return committed


def _latencies(storms, sent, start, committed):
    """Seconds from publishing each storm message to the commit of its alarm row (wall clock, aligned at the
    start)."""
    from yingji.monitoring.models import Alarm

    wall_at_start = time.time() - (time.monotonic() - start)
    result = []
    for index, station in storms.items():
        alarm = Alarm.objects.filter(station_id=station, rule__kind="accumulation").order_by("id").first()
        if alarm is not None:
            published = wall_at_start + (sent[index] - start)
            result.append(committed.get(station, alarm.triggered_at.timestamp()) - published)
    return result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=20_000)
    parser.add_argument("--publishers", type=int, default=4)
    parser.add_argument("--paced", type=float, default=None,
                        help="publish the ingest run at this fraction of the raw rate (e.g. 0.5): the latency at "
                             "a sustained rate, not the backlog of a burst")
    parser.add_argument("--evaluate-every", type=float, default=None,
                        help="the ingester's rules interval in seconds (default: monitoring.mqtt.Options')")
    parser.add_argument("--publishers-apart", action="store_true",
                        help="run the publishers in a child process (both runs), not beside the ingester")
    options = parser.parse_args()
    global APART
    APART = options.publishers_apart
    _prepare_database()
    from django.db import connection

    print(f"database: {connection.vendor}; load average {os.getloadavg()[0]:.1f}"
          f"{'; publishers in a child process' if APART else ''}")
    with broker():
        measure(options)
    print(f"load average after: {os.getloadavg()[0]:.1f}")


def measure(options):
    got, seconds = raw(options.messages, options.publishers, 160)
    raw_rate = got / seconds
    print(f"raw Mosquitto pub/sub: {got} messages in {seconds:.2f} s = {raw_rate:,.0f} msg/s")
    paced = raw_rate * options.paced if options.paced else None
    if paced:
        print(f"ingest publishers paced at {paced:,.0f} msg/s ({100 * options.paced:.0f} % of raw)")
    result = ingest(options.messages, options.publishers, paced, options.evaluate_every)
    rate = result["messages"] / result["elapsed"]
    print(f"ingest with rules: {result['messages']} messages ({result['received']} readings) in "
          f"{result['elapsed']:.2f} s = {rate:,.0f} msg/s ({result['received'] / result['elapsed']:,.0f} readings/s),"
          f" {100 * rate / raw_rate:.1f} % of raw")
    total = result["stored"] + result["dead"]
    verdict = "nothing lost" if total == result["readings_in"] else "MISMATCH"
    print(f"count: sent {result['readings_in']} readings, stored {result['stored']} + dead letters {result['dead']}"
          f" = {total} ({verdict})")
    if result["latencies"]:
        latencies = sorted(result["latencies"])
        p99 = latencies[min(len(latencies) - 1, int(0.99 * len(latencies)))]
        print(f"reading-to-alarm: {len(latencies)} alarms, median {statistics.median(latencies):.3f} s, "
              f"p99 {p99:.3f} s (alarms in all: {result['alarms']})")


if __name__ == "__main__":
    main()
