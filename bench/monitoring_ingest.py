"""Monitoring ingest benchmark (issue 18, P6): Mosquitto's own raw pub/sub throughput beside the ingester's, in one
run on the same broker, with the rules evaluated; the reading-to-alarm latency; and the count check
(received = stored + dead-lettered, nothing lost).

    .venv/bin/python -m bench.monitoring_ingest [--messages 20000] [--publishers 4] [--paced 0.5]
        [--processes 1] [--evaluate-every 0.25]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/yingji_bench_monitoring .venv/bin/python -m bench.monitoring_ingest

The publishers are `--publishers` paho clients in this process; the subscribers are `--processes` forked child
processes in both runs (with more than one, a shared subscription `$share/bench/…`, as `yingji ingest --processes`
does), so both runs have the same shape. Both rates are messages from the first publish to the last arrival (raw)
or to the commit of the batch holding the last message (ingest).
1. raw: the publishers send `--messages` QoS 1 messages (the ingest payload size) that bare paho subscribers count.
2. ingest: the same publishers send as many messages, one per demo station in turn (each a reading of every sensor,
   a distinct time per message), to `monitoring.mqtt.Ingester`s (batches of up to 500, rules evaluated). Some rain
   gauges get a red hour of rain: the time from publishing that message to the commit of its alarm row is the
   latency. With `--paced F` the publishers send at F × the raw rate just measured: if the ingesters keep up, the
   latency is the pipeline's (batch wait, store, rules pass), not a burst's backlog.
The bench starts its own Mosquitto on a free loopback port with no queue limit (the broker's default keeps at most
1000 messages for a slow QoS 1 subscriber and drops the rest: a bench at full speed would measure that); needs the
`mosquitto` program. The database is made afresh with the demo (bench.resources._prepare_database).
"""

import argparse
import json
import os
import queue
import socket
import statistics
import subprocess
import tempfile
import threading
import time
import uuid
from contextlib import contextmanager
from datetime import timedelta
from types import SimpleNamespace

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



def _publish(payloads, publishers, rate=None):
    """Send (topic, bytes) in `publishers` parallel clients of this process, QoS 1, at `rate` messages per second
    in all (None: as fast as they can); returns the send times by index (time.monotonic: one clock for every
    process on Linux)."""
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


def raw(count, publishers, size, processes=1):
    """Mosquitto's own pub/sub: `processes` bare subscribers (forked, a shared subscription when more than one)
    count what arrives; messages per second from the first publish to the last arrival."""
    import multiprocessing

    root = f"bench-raw/{uuid.uuid4().hex[:8]}"
    context = multiprocessing.get_context("fork")
    shared = SimpleNamespace(messages=context.Array("q", processes), arrived_at=context.Array("d", processes),
                             ready=context.Semaphore(0), stop=context.Event())
    children = [context.Process(target=_bare_subscriber, args=(index, processes, root, shared))
                for index in range(processes)]
    for child in children:
        child.start()
    for _child in children:
        shared.ready.acquire(timeout=30)
    body = b"x" * size
    sent = _publish([(f"{root}/D{i % 150}/readings", body) for i in range(count)], publishers)
    deadline = time.monotonic() + 600
    while sum(shared.messages) < count and time.monotonic() < deadline:
        time.sleep(0.02)
    shared.stop.set()
    for child in children:
        child.join(30)
    return sum(shared.messages), max(shared.arrived_at) - min(moment for moment in sent if moment)


def _bare_subscriber(index, processes, root, shared):
    subscriber, subscribed = _client(f"bench-sub-{index}"), threading.Event()
    subscriber.on_subscribe = lambda *args: subscribed.set()
    counted = [0]

    def arrived(client, userdata, message):
        counted[0] += 1
        shared.messages[index], shared.arrived_at[index] = counted[0], time.monotonic()

    subscriber.on_message = arrived
    topic = f"{root}/+/readings"
    subscriber.subscribe(f"$share/bench/{topic}" if processes > 1 else topic, qos=1)
    subscribed.wait(10)
    shared.ready.release()
    shared.stop.wait(900)
    subscriber.loop_stop()
    subscriber.disconnect()


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


def ingest(count, publishers, rate=None, evaluate_every=None, processes=1):
    """The ingest run: `processes` ingesters, each a forked process of its own (a shared subscription when more
    than one), the publishers as in the raw run. Messages per second from the first publish to the commit of the
    last batch."""
    import multiprocessing

    from django.db import connection

    from yingji.monitoring.models import Alarm, DeadLetter, Reading

    root = f"bench-ingest/{uuid.uuid4().hex[:8]}"
    payloads, storms = _payloads(count, root)
    readings_in = sum(len(json.loads(body)["values"]) for _t, body in payloads)
    before = Reading.objects.count()
    context = multiprocessing.get_context("fork")
    shared = SimpleNamespace(messages=context.Array("q", processes), readings=context.Array("q", processes),
                             stored_at=context.Array("d", processes), ready=context.Semaphore(0),
                             stop=context.Event(), alarms=context.Queue())
    connection.close()  # the children open their own; an inherited one would be shared with this process
    children = [context.Process(target=_ingester_process, args=(index, processes, root, evaluate_every, shared))
                for index in range(processes)]
    for child in children:
        child.start()
    for _child in children:
        shared.ready.acquire(timeout=30)
    sent = _publish(payloads, publishers, rate)
    deadline = time.monotonic() + 900
    while sum(shared.messages) < count and time.monotonic() < deadline:
        time.sleep(0.02)
    shared.stop.set()
    committed = {}
    while any(child.is_alive() for child in children) or not shared.alarms.empty():
        try:
            station, at = shared.alarms.get(timeout=0.1)
            committed.setdefault(station, at)
        except queue.Empty:
            pass
    first = min(moment for moment in sent if moment)
    stored = Reading.objects.count() - before
    return {"messages": sum(shared.messages), "readings_in": readings_in, "received": sum(shared.readings),
            "stored": stored, "dead": DeadLetter.objects.count(), "elapsed": max(shared.stored_at) - first,
            "latencies": _latencies(storms, sent, committed), "alarms": Alarm.objects.count()}


def _ingester_process(index, processes, root, evaluate_every, shared):
    """One ingester in a forked child: runs until told to stop, telling the parent its counts, the time its
    latest batch was stored, and when each station's first alarm row committed."""
    from yingji.monitoring.mqtt import Ingester, Options, forget_session

    _watch_alarm_commits(shared.alarms)
    options = Options(HOST, PORT, client_id=f"bench-ingest-{uuid.uuid4().hex[:8]}-{index}", root=root,
                      batch_size=500, batch_wait=0.05, share="bench" if processes > 1 else "")
    if evaluate_every is not None:
        options.evaluate_every = evaluate_every
    ingester, stop = Ingester(options), threading.Event()
    worker = threading.Thread(target=ingester.run, args=(stop,), kwargs={"report_every": 3600})
    worker.start()
    ingester.subscribed.wait(10)
    shared.ready.release()
    seen = 0
    while not shared.stop.is_set():
        if ingester.messages != seen:
            seen = ingester.messages
            shared.messages[index], shared.readings[index] = seen, ingester.total.received
            shared.stored_at[index] = time.monotonic()
        time.sleep(0.005)
    stop.set()
    worker.join()
    forget_session(options)


def _watch_alarm_commits(out):
    """Put (station id, wall time) on `out` when the transaction that wrote a raised alarm commits (the alarm row
    is there for everyone from then on; its triggered_at is the rules pass's clock, taken before the pass)."""
    from django.db import transaction

    from yingji.monitoring import alarms

    announce = alarms._announce

    def watched(kind, alarm):
        announce(kind, alarm)
        if kind == "monitoring.alarm.raised":
            station = alarm.station_id
            transaction.on_commit(lambda: out.put((station, time.time())))

    alarms._announce = watched


def _latencies(storms, sent, committed):
    """Seconds from publishing each storm message to the commit of its alarm row (the publishers' time.monotonic
    set against the wall clock of the commit)."""
    from yingji.monitoring.models import Alarm

    wall_minus_monotonic = time.time() - time.monotonic()
    result = []
    for index, station in storms.items():
        alarm = Alarm.objects.filter(station_id=station, rule__kind="accumulation").order_by("id").first()
        if alarm is not None:
            published = wall_minus_monotonic + sent[index]
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
    parser.add_argument("--processes", type=int, default=1,
                        help="ingester processes sharing the stream (a shared subscription), and as many bare "
                             "subscribers in the raw run")
    options = parser.parse_args()
    _prepare_database()
    from django.db import connection

    print(f"database: {connection.vendor}; load average {os.getloadavg()[0]:.1f}; "
          f"{options.processes} subscriber/ingester process(es)")
    with broker():
        measure(options)
    print(f"load average after: {os.getloadavg()[0]:.1f}")


def measure(options):
    got, seconds = raw(options.messages, options.publishers, 160, options.processes)
    raw_rate = got / seconds
    print(f"raw Mosquitto pub/sub: {got} messages in {seconds:.2f} s = {raw_rate:,.0f} msg/s")
    paced = raw_rate * options.paced if options.paced else None
    if paced:
        print(f"ingest publishers paced at {paced:,.0f} msg/s ({100 * options.paced:.0f} % of raw)")
    result = ingest(options.messages, options.publishers, paced, options.evaluate_every, options.processes)
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
