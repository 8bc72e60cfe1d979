"""Where the time of one exchange push goes, in-process (no server, no network): cProfile around N pushes through
Django's test client, on a fresh demo database.

    python -m bench.exchange_profile [readings|incidents|hazards] [N]
    DATABASE_URL=postgres://… python -m bench.exchange_profile readings 500

Prints the pushes per second of the one process (CPU of the client included, a small share) and the functions
with the most cumulative and own time."""

import cProfile
import io
import pstats
import sys
import time
import uuid
from datetime import timedelta

from bench.alerts_common import fresh_database

MET = "Partner yjp_demomet_Chuanshan-demo-only-met"
PSB = "Partner yjp_demo110_Chuanshan-demo-only-110"
HYDRO = "Partner yjp_demohydro_Chuanshan-demo-only-hydro"


def main() -> None:
    kind = sys.argv[1] if len(sys.argv) > 1 else "readings"
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 300
    fresh_database("yingji_bench_exchange_profile")
    from django.test import Client
    from django.utils import timezone

    from yingji.core.models import Region
    from yingji.exchange.models import Partner
    from yingji.monitoring.models import Sensor

    Partner.objects.update(rate_per_minute=10**7)
    devices = sorted(set(Sensor.objects.filter(quantity="rain").values_list("station__device_id", flat=True)))
    township = Region.objects.filter(level=2).order_by("code").first().code
    start = timezone.now() - timedelta(days=2)
    client = Client(HTTP_HOST="127.0.0.1")

    def body(i):
        ref = f"prof-{uuid.uuid4().hex}"
        if kind == "incidents":
            return "/api/exchange/incidents/", PSB, {
                "id": ref, "linkage": "110", "type_code": "2.2.1", "statement": "压测联动警情",
                "occurred_at": (timezone.now() - timedelta(minutes=5)).isoformat(), "lon": 105.59, "lat": 30.52}
        if kind == "hazards":
            return "/api/exchange/hazards/", HYDRO, {"id": ref, "name": "压测隐患", "region": township}
        return "/api/exchange/readings/", MET, {"id": ref, "readings": [
            {"device": devices[i % len(devices)], "time": (start + timedelta(seconds=i)).isoformat(),
             "values": {"rain": 0.5}}]}

    def push(i):
        path, key, data = body(i)
        reply = client.post(path, data, content_type="application/json", HTTP_AUTHORIZATION=key)
        assert reply.status_code == 201, reply.content[:500]

    for i in range(20):  # warm up: imports, caches, first queries
        push(count + i)
    profiler = cProfile.Profile()
    began = time.perf_counter()
    profiler.enable()
    for i in range(count):
        push(i)
    profiler.disable()
    elapsed = time.perf_counter() - began
    print(f"{kind}: {count} pushes in {elapsed:.2f} s = {count / elapsed:.0f} per second (profiled)")
    for order in ("cumulative", "tottime"):
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats(order).print_stats(45)
        print(out.getvalue())


if __name__ == "__main__":
    main()
