"""Intake surge (issue 13): many clients report incidents at once against a real server, beside a bare baseline.

    python -m bench.intake_surge                       # SQLite
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/yingji_bench_surge python -m bench.intake_surge

Starts its own `yingji serve` (and `yingji worker`) on a free port with the demo district loaded, then for
BENCH_SECONDS each (default 60):
- bare: a Django view on the same server doing one INSERT (bench/surge_urls.py), the baseline;
- intake: `POST /api/incidents/incidents/` with an Idempotency-Key, BENCH_CLIENTS clients (default 50);
- pages a commander reloads (the `/incidents/` list, the board's feed, the incident map layer) and the login page
  as their baseline, 20 clients each, after the intake phase has added its reports (and the tables are analysed,
  as autovacuum would have done by then: bench.alerts_common.analyze).
Prints requests/s, p50/p99/max latency and errors per path, and checks that every acknowledged report was
stored exactly once. BENCH_WORKERS sets the web processes (default: `yingji serve`'s own default); BENCH_WORKER=0
leaves out the `yingji worker` process (a diagnosis only: on SQLite it shows how much the worker's writes delay the
intake's).
"""

import asyncio
import os
import random
import statistics
import time
import uuid
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

import httpx

from bench import cpu_share, serving
from bench.alerts_common import analyze, fresh_database

ROOT = Path(__file__).resolve().parents[1]
CLIENTS = int(os.environ.get("BENCH_CLIENTS", "50"))
SECONDS = float(os.environ.get("BENCH_SECONDS", "60"))
MARK = "压测接报"


@dataclass
class Stats:
    latencies: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    failures: int = 0  # no answer at all (connection refused, timeout)
    failure_kinds: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    cpu: str = ""  # CPU per request by process group (bench/cpu_share.py)

    def add(self, status: int, latency: float) -> None:
        self.statuses[status] = self.statuses.get(status, 0) + 1
        self.latencies.append(latency)

    @property
    def errors(self) -> int:
        return self.failures + sum(n for status, n in self.statuses.items() if status >= 400)

    def row(self, name: str) -> str:
        ordered = sorted(self.latencies) or [0.0]
        p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
        rate = len(self.latencies) / self.seconds if self.seconds else 0
        codes = ", ".join([f"{status}×{n}" for status, n in sorted(self.statuses.items())]
                          + [f"no answer: {kind}×{n}" for kind, n in sorted(self.failure_kinds.items())])
        return (f"| {name} | {rate:.1f} | {1000 * statistics.median(ordered):.0f} | {1000 * p99:.0f} | "
                f"{1000 * ordered[-1]:.0f} | {self.errors} | {codes} |")


async def _hammer(client: httpx.AsyncClient, request, clients: int, seconds: float, groups=None) -> Stats:
    """`clients` closed-loop clients sending `request` for `seconds`; with `groups` (name → root pid of a process
    tree), the CPU per answered request of each group, the database and this client (bench/cpu_share.py)."""
    stats, deadline = Stats(), time.monotonic() + seconds
    before = cpu_share.snapshot(groups or {})

    async def one_client():
        while time.monotonic() < deadline:
            started = time.monotonic()
            try:
                response = await request(client)
            except httpx.HTTPError as exc:
                stats.failures += 1
                kind = type(exc).__name__
                stats.failure_kinds[kind] = stats.failure_kinds.get(kind, 0) + 1
                continue
            stats.add(response.status_code, time.monotonic() - started)

    started = time.monotonic()
    await asyncio.gather(*(one_client() for _ in range(clients)))
    stats.seconds = time.monotonic() - started
    stats.cpu = cpu_share.per_request(before, cpu_share.snapshot(groups or {}), len(stats.latencies))
    return stats


def print_table(results: dict[str, Stats]) -> None:
    print("| path | req/s | p50 ms | p99 ms | max ms | errors | answers |")
    print("|---|---:|---:|---:|---:|---:|---|")
    for name, stats in results.items():
        print(stats.row(name))
    print("\nCPU per answered request, by process group:\n")
    for name, stats in results.items():
        print(f"- {name}: {stats.cpu}")


def _incident_body() -> dict:
    from django.utils import timezone

    from yingji.demo.townships import TOWNSHIPS

    seat = random.choice(TOWNSHIPS).seat
    return {"type_code": "1.1.1", "occurred_at": (timezone.now() - timedelta(minutes=5)).isoformat(),
            "statement": f"{MARK}：河水漫过道路，有群众被困", "lon": seat[0] + random.uniform(-0.003, 0.003),
            "lat": seat[1] + random.uniform(-0.003, 0.003), "trapped": 2}


LIMITS = httpx.Limits(max_connections=CLIENTS + 10, max_keepalive_connections=CLIENTS + 10)


def hammer(client, request, clients: int, groups: dict[str, int]):
    return _hammer(client, request, clients, SECONDS, groups)


async def _reports(base: str, groups: dict[str, int]) -> dict[str, Stats]:
    async with httpx.AsyncClient(base_url=base, timeout=60, limits=LIMITS) as client:
        token = (await client.post("/api/auth/token/", json={"username": "duty", "password": "Chuanshan@2025"})).json()
        headers = {"Authorization": f"Token {token['token']}"}
        results = {"bare INSERT (baseline)": await hammer(
            client, lambda c: c.post("/bench/bare-insert/", json={"statement": MARK}), CLIENTS, groups)}
        results["POST /api/incidents/incidents/"] = await hammer(
            client, lambda c: c.post("/api/incidents/incidents/", json=_incident_body(),
                                     headers={**headers, "Idempotency-Key": str(uuid.uuid4())}), CLIENTS, groups)
    return results


async def _pages(base: str, groups: dict[str, int]) -> dict[str, Stats]:
    results = {}
    async with httpx.AsyncClient(base_url=base, timeout=60, limits=LIMITS) as pages:
        await pages.get("/accounts/login/")
        await pages.post("/accounts/login/", data={"username": "commander", "password": "Chuanshan@2025",
                                                   "csrfmiddlewaretoken": pages.cookies["csrftoken"]},
                         headers={"Referer": f"{base}/accounts/login/"})
        for path in ("/incidents/", "/incidents/board/data/", "/api/onemap/layers/incidents/"):
            results[f"GET {path} (20 clients)"] = await hammer(pages, lambda c, path=path: c.get(path), 20, groups)
    async with httpx.AsyncClient(base_url=base, timeout=60, limits=LIMITS) as anonymous:
        results["GET /accounts/login/ (baseline, 20 clients)"] = await hammer(
            anonymous, lambda c: c.get("/accounts/login/"), 20, groups)
    return results


def main() -> None:
    env = fresh_database("yingji_bench_surge")
    from django.db import connection

    from yingji.incidents.models import Incident

    from .surge_urls import BARE_TABLE

    with connection.cursor() as cursor:
        key = "BIGSERIAL PRIMARY KEY" if connection.vendor == "postgresql" else "INTEGER PRIMARY KEY AUTOINCREMENT"
        cursor.execute(f"CREATE TABLE {BARE_TABLE} (id {key}, statement TEXT, received_at TIMESTAMP)")
    connection.close()
    port = serving.free_port()
    processes = serving.start("bench.surge_settings", port, env={**env, "YINGJI_DB_POOL": "1"},
                              workers=os.environ.get("BENCH_WORKERS"),
                              worker_process=os.environ.get("BENCH_WORKER", "1") != "0")
    try:
        groups = dict(zip(("web", "worker"), (process.pid for process in processes), strict=False))
        base = f"http://127.0.0.1:{port}"
        results = asyncio.run(_reports(base, groups))
        # The surge has multiplied the incidents, their clocks and timeline: autovacuum would have analysed them
        # within its minute before the commanders' pages are measured.
        analyze()
        connection.close()
        results.update(asyncio.run(_pages(base, groups)))
    finally:
        serving.stop(processes)
    acknowledged = results["POST /api/incidents/incidents/"].statuses.get(201, 0)
    stored = Incident.objects.filter(description__startswith=MARK).count()
    load = " / ".join(f"{value:.1f}" for value in os.getloadavg())
    worker = "with" if os.environ.get("BENCH_WORKER", "1") != "0" else "without"
    print(f"\n{connection.vendor}, {CLIENTS} clients, {SECONDS:.0f} s per path, {worker} the worker process, "
          f"load average {load}\n")
    print_table(results)
    print(f"\nacknowledged reports (201): {acknowledged}; stored: {stored}; lost: {acknowledged - stored}")


if __name__ == "__main__":
    main()
