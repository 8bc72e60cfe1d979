"""Prevention benchmark (issue 16): the hazard list with filters and the prevention dashboard at a tenth and at full
size (10,000 enterprises, 100,000 hazards, 30,000 risk points), each beside a bare SQL COUNT over the same rows, on
PostgreSQL in its own database (dropped and created again).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/yingji_bench_prevention .venv/bin/python -m bench.prevention

Through the Django test client, logged in as the commander (the whole district: jurisdiction scoping, rendering
and JSON included): the hazard list page and API filtered by township + state + grade (first page), the dashboard
page and API, and `dashboard.figures()` itself. Each measure runs `--rounds` times, interleaved with its bare COUNT
so the machine's load hits both alike; medians in ms. `full/tenth` stays near 10 (or below) when a figure grows no
worse than linearly with the data; the load average is printed with the figures.
"""

import argparse
import datetime as dt
import os
import random
import statistics
import sys

from bench.resources import _prepare_database
from bench.timing import interleaved

SIZES = {"tenth": 0.1, "full": 1.0}
FULL = {"enterprises": 10_000, "hazards": 100_000, "risk_points": 30_000}
FILTER = {"state": "rectifying", "grade": "general"}
STATES = (("closed", 55), ("reported", 8), ("returned", 2), ("verified", 6), ("ordered", 8), ("rectifying", 12),
          ("acceptance", 5), ("rechecked", 4))
COLOURS = (("red", 5), ("orange", 15), ("yellow", 35), ("blue", 45))


def _places():
    """Villages (a township's subtree), with their township's code."""
    from yingji.core.models import Region

    villages = list(Region.objects.filter(level=3).only("pk", "path"))
    return villages or list(Region.objects.filter(level=2).only("pk", "path"))


def _missing(model, prefix, full, scale):
    return range(model.objects.filter(code__startswith=prefix).count(), int(full * scale))


def _grow(scale, rng):
    """Add generated enterprises, hazards and risk points up to `scale` of the full size (bulk inserts)."""
    from yingji.prevention.choices import Category
    from yingji.prevention.models import Enterprise, Hazard, RiskPoint

    places, categories, today = _places(), Category.values, dt.date.today()
    Enterprise.objects.bulk_create([Enterprise(
        code=f"BENCH-QY{i}", name=f"基准企业{i}", credit_code="91510903MA6200001K",
        category=categories[i % len(categories)], region=places[i % len(places)], workers=rng.randint(5, 500))
        for i in _missing(
        Enterprise, "BENCH-QY", FULL["enterprises"], scale)], batch_size=5000)
    enterprises = list(Enterprise.objects.filter(code__startswith="BENCH-QY").values_list("pk", "region_id"))
    states, weights = zip(*STATES, strict=True)
    rows = []
    for i in _missing(Hazard, "BENCH-YH", FULL["hazards"], scale):
        enterprise, region = enterprises[rng.randrange(len(enterprises))]
        state, found = rng.choices(states, weights)[0], today - dt.timedelta(days=rng.randrange(1, 1500))
        deadline = found + dt.timedelta(days=rng.randrange(15, 90)) if state not in ("reported", "returned",
                                                                                    "verified") else None
        rows.append(Hazard(code=f"BENCH-YH{i}", name=f"基准隐患{i}", enterprise_id=enterprise, region_id=region,
                           grade="major" if rng.random() < 0.03 else "general", state=state, found_on=found,
                           deadline=deadline, closed_on=deadline if state == "closed" else None,
                           source=rng.choice(("self_check", "grid", "department", "enforcement", "public")),
                           supervision="district" if rng.random() < 0.005 else "none"))
    Hazard.objects.bulk_create(rows, batch_size=5000)
    colours, weights = zip(*COLOURS, strict=True)
    RiskPoint.objects.bulk_create([RiskPoint(
        code=f"BENCH-FXD{i}", name=f"基准风险点{i}", enterprise_id=enterprises[i % len(enterprises)][0],
        region_id=enterprises[i % len(enterprises)][1], colour=rng.choices(colours, weights)[0],
        reassess_due=today + dt.timedelta(days=rng.randrange(-60, 360))) for i in _missing(
        RiskPoint, "BENCH-FXD", FULL["risk_points"], scale)], batch_size=5000)


def _township():
    """The township filtered on (the generated hazards spread evenly over the townships' villages)."""
    from yingji.core.models import Region

    return Region.objects.filter(level=2).order_by("code")[1]


BARE_LIST = """SELECT count(*) FROM prevention_hazard h JOIN core_region r ON r.id = h.region_id
               WHERE r.path LIKE %s AND h.state = %s AND h.grade = %s"""
BARE_DASHBOARD = """SELECT count(*) FROM prevention_hazard h JOIN core_region r ON r.id = h.region_id
                    WHERE r.path LIKE %s AND h.state <> 'closed'"""


def _bare(sql, params=()):
    from django.db import connection

    def call():
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchone()[0]
    return call


def _measures(client, user):
    from yingji.prevention import dashboard

    township = _township()
    query = f"region={township.code}&state={FILTER['state']}&grade={FILTER['grade']}"

    def get(url):
        def call():
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code, response.content[:300])
        return call

    return {
        "bare SQL COUNT, list filter (baseline)": _bare(BARE_LIST, [f"{township.path}%", *FILTER.values()]),
        "hazard list page, township+state+grade": get(f"/r/prevention/hazards/?{query}"),
        "hazard list API, township+state+grade": get(f"/api/prevention/hazards/?{query}"),
        "bare SQL COUNT, open hazards (baseline)": _bare(BARE_DASHBOARD, [f"{user.region.path}%"]),
        "dashboard page /prevention/": get("/prevention/"),
        "dashboard API": get("/api/prevention/dashboard/"),
        "dashboard.figures()": lambda: dashboard.figures(user),
    }


def _run(measures, rounds) -> dict:
    return {name: statistics.median(values) for name, values in interleaved(measures, rounds).items()}


def main():
    parser = argparse.ArgumentParser(description="Prevention benchmark (bench/README.md)")
    parser.add_argument("--rounds", type=int, default=15)
    rounds = parser.parse_args().rounds
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("bench.prevention runs on PostgreSQL: set DATABASE_URL (its own database)")
    _prepare_database()
    from django.db import connection
    from django.test import Client

    from yingji.core.models import User
    from yingji.prevention.models import Enterprise, Hazard, RiskPoint

    rng, client = random.Random(510903), Client()
    commander = User.objects.get(username="commander")
    client.force_login(commander)
    results = {}
    for label, scale in SIZES.items():
        _grow(scale, rng)
        with connection.cursor() as cursor:  # what autovacuum does after bulk inserts: true sizes, visibility map
            cursor.execute("VACUUM ANALYZE")
        counts = (Enterprise.objects.count(), Hazard.objects.count(), RiskPoint.objects.count())
        load = os.getloadavg()[0]
        figures = _run(_measures(client, commander), rounds)
        results[label] = (counts, figures, (load, os.getloadavg()[0]))
        print(f"{label}: {counts[0]:,} enterprises, {counts[1]:,} hazards, {counts[2]:,} risk points · load "
              f"{load:.1f} → {os.getloadavg()[0]:.1f}", file=sys.stderr)
    _print(results, rounds)


def _print(results, rounds):
    (small, tenth, load_1), (big, full, load_2) = results["tenth"], results["full"]
    print(f"\npostgresql · {rounds} rounds · tenth: {small[0]:,} enterprises / {small[1]:,} hazards / {small[2]:,} "
          f"risk points (load {load_1[0]:.1f} → {load_1[1]:.1f}) · full: {big[0]:,} / {big[1]:,} / {big[2]:,} "
          f"(load {load_2[0]:.1f} → {load_2[1]:.1f})")
    print("| measure | tenth (ms) | full (ms) | full/tenth |\n|---|---:|---:|---:|")
    for name in full:
        print(f"| {name} | {tenth[name]:,.1f} | {full[name]:,.1f} | {full[name] / max(tenth[name], 0.01):.1f} |")


if __name__ == "__main__":
    main()
