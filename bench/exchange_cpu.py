"""CPU per request of an exchange push beside the bare views, in one process (no server, no network, no other
client): what one web process could serve at most if it had a core to itself.

    python -m bench.exchange_cpu [N] [--profile]
    DATABASE_URL=postgres://… python -m bench.exchange_cpu 1000

On a fresh demo database, through Django's full request handler (middleware included; django.test.Client's WSGI
handler), interleaved in rounds of 50 so that the machine's load falls on every path alike: the surge bench's bare
Django view (one INSERT), a bare DRF view (one INSERT), and `POST /api/exchange/readings/` with one reading (the
气象局 demo key). CPU is the process's (time.process_time: user + system), so other processes' load inflates it
less than wall time; the client's own share is inside every figure alike. `--profile` prints cProfile's top
functions of the push path."""

import cProfile
import io
import os
import pstats
import sys
import time
import uuid
from datetime import timedelta

from bench.alerts_common import fresh_database

MET = "Partner yjp_demomet_Chuanshan-demo-only-met"
ROUND = 50


def main() -> None:
    count = int(next((a for a in sys.argv[1:] if a.isdigit()), "600"))
    profile = "--profile" in sys.argv
    os.environ["YINGJI_EXCHANGE_GATHER_SECONDS"] = os.environ.get("YINGJI_EXCHANGE_GATHER_SECONDS", "1")
    fresh_database("yingji_bench_exchange_cpu")
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings
    from django.utils import timezone

    from bench.surge_urls import BARE_TABLE
    from yingji.exchange import gathering
    from yingji.exchange.models import Partner
    from yingji.monitoring.models import Sensor

    Partner.objects.update(rate_per_minute=10**7)
    devices = sorted(set(Sensor.objects.filter(quantity="rain").values_list("station__device_id", flat=True)))
    with connection.cursor() as cursor:
        key = "BIGSERIAL PRIMARY KEY" if connection.vendor == "postgresql" else "INTEGER PRIMARY KEY AUTOINCREMENT"
        cursor.execute(f"CREATE TABLE IF NOT EXISTS {BARE_TABLE} (id {key}, statement TEXT, received_at TIMESTAMP)")
    client = Client(HTTP_HOST="127.0.0.1")
    start = timezone.now() - timedelta(days=2)
    sequence = iter(range(10**9))

    def bare():
        reply = client.post("/bench/bare-insert/", {"statement": "x"}, content_type="application/json")
        assert reply.status_code == 201

    def bare_drf():
        reply = client.post("/bench/bare-drf-insert/", {"statement": "x"}, content_type="application/json")
        assert reply.status_code == 201, reply.content[:300]

    def push():
        i = next(sequence)
        data = {"id": f"cpu-{uuid.uuid4().hex}", "readings": [
            {"device": devices[i % len(devices)], "time": (start + timedelta(seconds=i)).isoformat(),
             "values": {"rain": 0.5}}]}
        reply = client.post("/api/exchange/readings/", data, content_type="application/json", HTTP_AUTHORIZATION=MET)
        assert reply.status_code == 201, reply.content[:300]

    paths = {"bare Django view (1 INSERT)": bare, "bare DRF view (1 INSERT)": bare_drf,
             "readings push (1 reading)": push}
    with override_settings(ROOT_URLCONF="bench.exchange_cpu_urls"):
        for call in paths.values():  # warm up: imports, caches, first queries
            for _ in range(30):
                call()
        cpu = dict.fromkeys(paths, 0.0)
        wall = dict.fromkeys(paths, 0.0)
        for _ in range(max(1, count // ROUND)):
            for name, call in paths.items():
                began, began_wall = time.process_time(), time.perf_counter()
                for _ in range(ROUND):
                    call()
                cpu[name] += time.process_time() - began
                wall[name] += time.perf_counter() - began_wall
        gathering.LOG.flush()
        done = max(1, count // ROUND) * ROUND
        load = " / ".join(f"{v:.1f}" for v in os.getloadavg())
        print(f"\n{connection.vendor}, {done} requests per path, interleaved by {ROUND}; load average {load}\n")
        print("| path | CPU ms per request | at most req/s per core (1000 / CPU ms) | wall ms | ÷ bare DRF |")
        print("|---|---:|---:|---:|---:|")
        base = cpu["bare DRF view (1 INSERT)"] / done
        for name in paths:
            per = cpu[name] / done
            print(f"| {name} | {per * 1000:.2f} | {1 / per:,.0f} | {wall[name] / done * 1000:.2f} | "
                  f"{base / per * 100:.0f} % |")
        if profile:
            profiler = cProfile.Profile()
            profiler.enable()
            for _ in range(300):
                push()
            profiler.disable()
            for order in ("cumulative", "tottime"):
                out = io.StringIO()
                pstats.Stats(profiler, stream=out).sort_stats(order).print_stats(40)
                print(out.getvalue())


if __name__ == "__main__":
    main()
