"""Exchange push throughput (issue 22): partners pushing small records against a real server, beside a bare view.

    python -m bench.exchange_push                       # SQLite
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/yingji_bench_exchange python -m bench.exchange_push

Starts its own `yingji serve` (one web process unless BENCH_WORKERS says otherwise, and no worker process) on a
free port with the demo loaded, then for BENCH_SECONDS each (default 30), BENCH_CLIENTS clients (default 20):
- bare: a Django view on the same server doing one INSERT (bench/surge_urls.py), the baseline;
- `POST /api/exchange/readings/`: one reading per push (the 气象局 demo partner's key, a distinct time per push);
- `POST /api/exchange/incidents/`: a 110 linkage incident per push (the 公安110 demo partner's key).
Every push has its own partner id; the bench then checks each acknowledged push was stored once and that every call
is in the exchange log. The demo partners' rate limits are lifted for the run.
"""

import asyncio
import os
import random
import uuid
from datetime import timedelta

import httpx

from bench import serving
from bench.alerts_common import fresh_database
from bench.intake_surge import Stats, _hammer, print_table

CLIENTS = int(os.environ.get("BENCH_CLIENTS", "20"))
SECONDS = float(os.environ.get("BENCH_SECONDS", "30"))
MET = "Partner yjp_demomet_Chuanshan-demo-only-met"
PSB = "Partner yjp_demo110_Chuanshan-demo-only-110"


def _devices() -> list[str]:
    from yingji.monitoring.models import Sensor

    return sorted(set(Sensor.objects.filter(quantity="rain").values_list("station__device_id", flat=True)))


async def _run(base: str, devices: list[str], groups: dict[str, int]) -> dict[str, Stats]:
    from django.utils import timezone

    start, counter = timezone.now() - timedelta(days=2), [0]

    def reading():
        counter[0] += 1
        moment = start + timedelta(seconds=counter[0])
        return {"id": f"bench-{uuid.uuid4().hex}", "readings": [
            {"device": devices[counter[0] % len(devices)], "time": moment.isoformat(), "values": {"rain": 0.5}}]}

    def incident():
        return {"id": f"bench-{uuid.uuid4().hex}", "linkage": "110", "type_code": "2.2.1",
                "occurred_at": (timezone.now() - timedelta(minutes=5)).isoformat(), "statement": "压测联动警情",
                "lon": 105.59 + random.uniform(-0.01, 0.01), "lat": 30.52 + random.uniform(-0.01, 0.01)}

    limits = httpx.Limits(max_connections=CLIENTS + 10, max_keepalive_connections=CLIENTS + 10)
    async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits) as client:
        return {
            "bare INSERT (baseline)": await _hammer(
                client, lambda c: c.post("/bench/bare-insert/", json={"statement": "x"}), CLIENTS, SECONDS, groups),
            "POST /api/exchange/readings/ (1 reading)": await _hammer(
                client, lambda c: c.post("/api/exchange/readings/", json=reading(), headers={"Authorization": MET}),
                CLIENTS, SECONDS, groups),
            "POST /api/exchange/incidents/": await _hammer(
                client, lambda c: c.post("/api/exchange/incidents/", json=incident(), headers={"Authorization": PSB}),
                CLIENTS, SECONDS, groups),
        }


def main() -> None:
    env = fresh_database("yingji_bench_exchange")
    from django.db import connection

    from yingji.exchange.models import ExchangeCall, Partner, PushRecord

    from .surge_urls import BARE_TABLE

    Partner.objects.update(rate_per_minute=10**7)
    devices = _devices()
    with connection.cursor() as cursor:
        key = "BIGSERIAL PRIMARY KEY" if connection.vendor == "postgresql" else "INTEGER PRIMARY KEY AUTOINCREMENT"
        cursor.execute(f"CREATE TABLE {BARE_TABLE} (id {key}, statement TEXT, received_at TIMESTAMP)")
    connection.close()
    port = serving.free_port()
    processes = serving.start("bench.surge_settings", port, env={**env, "YINGJI_DB_POOL": "1"},
                              workers=os.environ.get("BENCH_WORKERS", "1"))
    try:
        results = asyncio.run(_run(f"http://127.0.0.1:{port}", devices, {"web": processes[0].pid}))
    finally:
        serving.stop(processes)
    load = " / ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"\n{connection.vendor}, {CLIENTS} clients, {SECONDS:.0f} s per path, "
          f"{os.environ.get('BENCH_WORKERS', '1')} web process(es), load average {load}\n")
    print_table(results)
    acknowledged = sum(results[n].statuses.get(201, 0) for n in results if "exchange" in n)
    stored = PushRecord.objects.filter(ref__startswith="bench-").count()
    logged = ExchangeCall.objects.filter(path__startswith="/api/exchange/").count()
    calls = sum(len(results[n].latencies) for n in results if "exchange" in n)
    print(f"\nacknowledged pushes (201): {acknowledged}; stored once: {stored}; calls {calls}, logged {logged}")


if __name__ == "__main__":
    main()
