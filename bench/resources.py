"""Resources benchmark: near-here, one-map layers, and xlsx export/import of teams, at a quarter and at full
size (10,000 resources and 100,000 stock rows), on SQLite or on PostgreSQL (DATABASE_URL).

    python -m bench.resources                 # SQLite in a temporary directory
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/yingji_bench python -m bench.resources

The database is created from scratch (PostgreSQL: dropped and created again). Figures are the median of
several runs, in milliseconds; the last column is full/quarter, which stays near 4 for linear growth.

At full size, near-here (10 nearest teams) is also measured side by side with its baseline, a bare view doing one
indexed bounding-box query (bench/nearby_urls.py), over HTTP (Django test client) and at the function level, with
the ranking of before issue 13 (every candidate loaded and sorted in Python) replayed in the same run.
`--nearby-only` grows the data straight to full size and measures only that.
"""

import argparse
import io
import os
import random
import statistics
import sys
import tempfile
import time

from bench import serving
from bench.alerts_common import analyze

SIZES = {"quarter": 0.25, "full": 1.0}
NEARBY_ROUNDS = 31
FULL = {"teams": 5_000, "equipment": 2_000, "depots": 1_000, "shelters": 2_000}  # 10,000 resources
MATERIALS = 100  # × 1,000 depots = 100,000 stock rows
ORIGIN = "lon=105.575&lat=30.49"


def _prepare_database():
    os.environ.setdefault("YINGJI_VAR_DIR", tempfile.mkdtemp(prefix="yingji-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "yingji.settings")
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        import psycopg

        base, _sep, name = url.rpartition("/")
        with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
            connection.execute(f'CREATE DATABASE "{name}"')
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("migrate", verbosity=0)
    from yingji.core.context import acting
    from yingji.core.demo_loading import load_demo

    with acting(source="demo"):
        load_demo(progress=lambda message: None)
    analyze()


def _places(count, rng):
    """`count` (region, lon, lat) inside the district, each in the township whose cell holds it."""
    import shapely
    from shapely.geometry import shape

    from yingji.core.models import Region

    townships = [(r, shape(r.geometry)) for r in Region.objects.filter(level=2)]
    for _region, geometry in townships:
        shapely.prepare(geometry)
    out = []
    while len(out) < count:
        lon, lat = rng.uniform(105.43, 105.76), rng.uniform(30.34, 30.66)
        hit = next((r for r, g in townships if shapely.contains_xy(g, lon, lat)), None)
        if hit is not None:
            out.append((hit, round(lon, 6), round(lat, 6)))
    return out


def _grow(scale, rng):
    """Add generated records up to `scale` of the full size (bulk inserts: this is test data)."""
    from decimal import Decimal

    from yingji.core.models import Region
    from yingji.resources import models as m
    from yingji.resources.choices import TeamType

    def missing(model, prefix, full):
        return range(model.objects.filter(code__startswith=prefix).count(), int(full * scale))

    district = Region.objects.get(level=1)
    materials = [m.Material(code=f"BENCH-M{i}", name=f"基准物资{i}", gb_code=f"2{i // 99 + 1:02d}01{i % 99 + 1:02d}",
                            use="rescue", unit="件", region=district)
                 for i in missing(m.Material, "BENCH-M", MATERIALS / scale)]  # every depot holds all materials
    m.Material.objects.bulk_create(materials)
    new = {name: missing(model, f"BENCH-{name[0].upper()}", FULL[name]) for name, model in (
        ("teams", m.RescueTeam), ("equipment", m.Equipment), ("depots", m.Depot), ("shelters", m.Shelter))}
    spots = iter(_places(sum(len(r) for r in new.values()), rng))
    types = list(TeamType.values)
    teams = m.RescueTeam.objects.bulk_create([m.RescueTeam(
        code=f"BENCH-T{i}", name=f"基准救援队{i}", team_type=types[i % len(types)], headcount=rng.randint(5, 60),
        region=r, lon=x, lat=y) for i, (r, x, y) in ((i, next(spots)) for i in new["teams"])], batch_size=2000)
    m.Equipment.objects.bulk_create([m.Equipment(
        code=f"BENCH-E{i}", name="冲锋舟" if i % 10 == 0 else "对讲机", kind="boat" if i % 10 == 0 else "communication",
        team=teams[i % len(teams)] if teams else None, region=r, lon=x, lat=y)
        for i, (r, x, y) in ((i, next(spots)) for i in new["equipment"])], batch_size=2000)
    depots = m.Depot.objects.bulk_create([m.Depot(code=f"BENCH-D{i}", name=f"基准库点{i}", level="township", region=r,
                                                  lon=x, lat=y) for i, (r, x, y) in ((i, next(spots))
                                                                                    for i in new["depots"])])
    m.Shelter.objects.bulk_create([m.Shelter(
        code=f"BENCH-S{i}", name=f"基准避难场所{i}", shelter_class="class_3", site_type="square",
        effective_area_m2=Decimal(3000), capacity=2000, occupancy=rng.randint(0, 2000), region=r, lon=x, lat=y)
        for i, (r, x, y) in ((i, next(spots)) for i in new["shelters"])], batch_size=2000)
    every = list(m.Material.objects.filter(code__startswith="BENCH-M"))
    m.StockBatch.objects.bulk_create([m.StockBatch(depot=d, material=mat, batch_no="B1",
                                                   quantity=Decimal(rng.randint(0, 500))) for d in depots
                                      for mat in every], batch_size=5000)


def _timed(call, runs):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _measure(client):
    def get(url):
        def call():
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code, response.content[:300])
            return response
        return call

    exported = {}

    def export():
        exported["file"] = get("/r/resources/teams/export.xlsx")().content

    def import_():
        upload = io.BytesIO(exported["file"])
        upload.name = "teams.xlsx"
        response = client.post("/r/resources/teams/import/", {"file": upload})
        assert response.status_code == 302, response.content[:2000]

    layer = "/api/onemap/layers/"
    return {
        "nearby team (10 nearest)": _timed(get(f"/api/resources/nearby/?{ORIGIN}&kind=team&limit=10"), 5),
        "nearby team with a boat": _timed(get(f"/api/resources/nearby/?{ORIGIN}&kind=team&equipment=冲锋舟"), 5),
        "nearby depot holding material": _timed(get(
            f"/api/resources/nearby/?{ORIGIN}&kind=depot&material=BENCH-M1&quantity=10"), 5),
        "layer: depots with stock (whole district)": _timed(get(f"{layer}resources-depots/"), 3),
        "layer: shelters (whole district)": _timed(get(f"{layer}resources-shelters/"), 3),
        "layer: all 9 team layers (whole district)": _timed(lambda: [get(f"{layer}resources-teams-{t}/")() for t in (
            "fire_national", "government", "professional", "enterprise", "social", "township", "village",
            "forest_semi", "volunteer")], 3),
        "xlsx export of all teams": _timed(export, 1),
        "xlsx import of all teams (update)": _timed(import_, 1),
    }


def _compare_nearby(client, user):
    """Near-here (10 nearest teams) beside the bare bounding-box query and beside its ranking before issue 13
    (bench/nearby_urls.py): through the Django test client, over HTTP to a real server, and at the function
    level; interleaved round by round so the machine's load hits all alike. Medians in ms."""
    import httpx
    from django.conf import settings

    from bench.nearby_urls import bare_bbox_query, find_before
    from yingji.resources import nearby

    settings.ROOT_URLCONF = "bench.nearby_urls"
    lon, lat = (float(v.split("=")[1]) for v in ORIGIN.split("&"))
    point = {"lon": lon, "lat": lat}
    team, boat = {**point, "kind": "team", "limit": "10"}, {**point, "kind": "team", "equipment": "冲锋舟"}
    port = serving.free_port()
    processes = serving.start("bench.nearby_settings", port, workers=1)
    http = httpx.Client(base_url=f"http://127.0.0.1:{port}", cookies={"sessionid": client.cookies["sessionid"].value})

    def get(through, url, params):
        def call():
            response = through.get(url, params=params) if through is http else through.get(url, params)
            assert response.status_code == 200, (url, response.status_code, response.content[:300])
        return call

    measures = {}
    for level, through in (("HTTP (server)", http), ("test client", client)):
        measures.update({
            (level, "bare bbox view (baseline)"): get(through, "/bench/bare-bbox/", point),
            (level, "nearby team (10 nearest), before"): get(through, "/bench/nearby-before/", team),
            (level, "nearby team (10 nearest), now"): get(through, "/api/resources/nearby/", team),
            (level, "nearby team with a boat, before"): get(through, "/bench/nearby-before/", boat),
            (level, "nearby team with a boat, now"): get(through, "/api/resources/nearby/", boat)})
    measures.update({
        ("function", "bare bbox query (baseline)"): lambda: bare_bbox_query(lon, lat),
        ("function", "nearby.find team, before"): lambda: find_before(user, team),
        ("function", "nearby.find team, now"): lambda: nearby.find(user, team)})
    times = {key: [] for key in measures}
    try:
        for round_ in range(NEARBY_ROUNDS + 1):
            for key, call in measures.items():
                started = time.perf_counter()
                call()
                if round_:  # the first round warms up
                    times[key].append((time.perf_counter() - started) * 1000)
    finally:
        http.close()
        serving.stop(processes)
    return {key: statistics.median(values) for key, values in times.items()}


def _print_nearby(vendor, counts, figures, load):
    print(f"\nnearby · {vendor} · {counts[0]:,} resources ({counts[2]:,} teams) · {NEARBY_ROUNDS} rounds · "
          f"load average {load[0]:.1f} → {load[1]:.1f}")
    print("| level | measure | median (ms) | × bare bbox |\n|---|---|---:|---:|")
    for (level, name), ms in figures.items():
        base = figures[(level, next(n for lv, n in figures if lv == level))]
        print(f"| {level} | {name} | {ms:,.1f} | {ms / base:.2f} |")


def main():
    parser = argparse.ArgumentParser(description="Resources benchmark (bench/README.md)")
    parser.add_argument("--nearby-only", action="store_true", help="full size only, near-here against its baseline")
    nearby_only = parser.parse_args().nearby_only
    _prepare_database()
    from django.db import connection
    from django.test import Client

    from yingji.core.models import User
    from yingji.resources.models import Depot, Equipment, RescueTeam, Shelter, StockBatch

    rng = random.Random(510903)
    client = Client()
    commander = User.objects.get(username="commander")
    client.force_login(commander)
    results = {}
    for label, scale in SIZES.items():
        if nearby_only and label != "full":
            continue
        _grow(scale, rng)
        if connection.vendor == "postgresql":  # what autovacuum does after bulk loads: plans from true sizes
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        counts = (RescueTeam.objects.count() + Equipment.objects.count() + Depot.objects.count()
                  + Shelter.objects.count(), StockBatch.objects.count(), RescueTeam.objects.count())
        print(f"[{connection.vendor}] {label}: {counts[0]:,} resources, {counts[1]:,} stock rows, "
              f"{counts[2]:,} teams", file=sys.stderr)
        results[label] = (counts, None if nearby_only else _measure(client))
    load = os.getloadavg()[0]
    nearby = _compare_nearby(client, commander)
    _print_nearby(connection.vendor, results["full"][0], nearby, (load, os.getloadavg()[0]))
    if nearby_only:
        return
    quarter, full = results["quarter"][1], results["full"][1]
    print(f"\n{connection.vendor} · {results['full'][0][0]:,} resources · {results['full'][0][1]:,} stock rows")
    print("| measure | quarter (ms) | full (ms) | full/quarter |\n|---|---:|---:|---:|")
    for name in full:
        print(f"| {name} | {quarter[name]:,.0f} | {full[name]:,.0f} | {full[name] / max(quarter[name], 0.1):.1f} |")


if __name__ == "__main__":
    main()
