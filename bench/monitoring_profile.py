"""Where the MQTT ingester spends its time per reading (issue 18, P6), in-process and without a broker: the bench's
messages (bench.monitoring_ingest._payloads: one per demo station in turn, every 400th a red hour of rain) handed to
`monitoring.mqtt.Ingester.step` as if they had come from Mosquitto (QoS 0, so nothing to acknowledge), under
cProfile, and the SQL statements counted (CaptureQueriesContext).

    .venv/bin/python -m bench.monitoring_profile [--messages 20000] [--top 30] [--no-profile]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/yingji_bench_monitoring .venv/bin/python -m bench.monitoring_profile

Prints messages and readings per second of CPU-bound ingest (store + rules), the statements per batch and per
reading, and the functions with the most cumulative and own time.
"""

import argparse
import cProfile
import io
import os
import pstats
import time
import uuid
from types import SimpleNamespace

from bench.resources import _prepare_database


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=20_000)
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--no-profile", action="store_true", help="time only (cProfile slows Python down ~2×)")
    options = parser.parse_args()
    _prepare_database()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bench.monitoring_ingest import _payloads
    from yingji.monitoring.models import Alarm, DeadLetter, Reading
    from yingji.monitoring.mqtt import Ingester, Options

    root = f"bench-profile/{uuid.uuid4().hex[:8]}"
    payloads, _storms = _payloads(options.messages, root)
    # A rules pass after every batch (evaluate_every 0): the same work whatever the load, so runs compare.
    ingester = Ingester(Options(root=root, batch_size=500, batch_wait=0.0, evaluate_every=0.0))
    for topic, body in payloads:
        ingester.inbox.put(SimpleNamespace(topic=topic, payload=body, qos=0, mid=0))
    before = Reading.objects.count()
    print(f"database: {connection.vendor}; load average {os.getloadavg()[0]:.2f}")
    profile = cProfile.Profile()
    with CaptureQueriesContext(connection) as queries:
        started, cpu = time.perf_counter(), time.process_time()
        if not options.no_profile:
            profile.enable()
        batches = 0
        while ingester.step():
            batches += 1
        ingester.flush()
        if not options.no_profile:
            profile.disable()
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    readings = ingester.total.received
    stored = Reading.objects.count() - before
    print(f"{ingester.messages} messages, {readings} readings in {batches} batches: {elapsed:.2f} s wall, "
          f"{cpu:.2f} s CPU = {ingester.messages / elapsed:,.0f} msg/s, {readings / elapsed:,.0f} readings/s "
          f"({1e6 * cpu / readings:.0f} µs CPU per reading){' under cProfile' if not options.no_profile else ''}")
    print(f"stored {stored} + dead letters {DeadLetter.objects.count()} = {readings}? "
          f"{stored + DeadLetter.objects.count() == readings}; alarms {Alarm.objects.count()}")
    print(f"SQL statements: {len(queries)} ({len(queries) / max(1, batches):.1f} per batch, "
          f"{len(queries) / readings:.3f} per reading)")
    kinds = {}
    for query in queries.captured_queries:
        words = query["sql"].split()
        key = " ".join(words[:4])[:70]
        kinds[key] = kinds.get(key, 0) + 1
    for key, count in sorted(kinds.items(), key=lambda kv: -kv[1])[:15]:
        print(f"  {count:6}  {key}")
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    if not options.no_profile:
        for order in ("cumulative", "tottime"):
            out = io.StringIO()
            pstats.Stats(profile, stream=out).sort_stats(order).print_stats(options.top)
            print(out.getvalue())


if __name__ == "__main__":
    main()
