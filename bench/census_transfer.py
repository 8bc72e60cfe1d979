"""Transfer-speed benchmark (issue 19: "Transfer page for 5,000 households updates and re-renders in < 300 ms per
change on PostgreSQL"). The demo district (its ~5,000 registered households) with one district-wide transfer of
the live incident covering all of them; each round marks one household (the marking API, as the phone page's
offline queue posts it) and then re-renders what the commander watches: the transfer page's live part (the poll
`?live=1&since=<stamp>` the open page sends every 5 s, answered with the re-rendered figures).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/yingji_bench_census .venv/bin/python -m bench.census_transfer

In-process, through the Django test client as the commander (jurisdiction scoping, rendering included), before and
after interleaved in every round: "before" re-reads and re-tallies all households and marks on each re-render
and renders the fragment with the request (its context processors build the menus: `census.evacuation.KEEP_TALLIES`
and `census.views.BARE_FRAGMENT` False), "after" brings the tally kept from the previous re-render up to date with
the new marks, redraws only the changed village's row and renders the fragment alone. Each round: one mark, then
both re-renders in alternating order (the mark is shared; the two must draw the same figures). The SQL queries of
one re-render are counted (CaptureQueriesContext); `--profile` prints cProfile's top functions of one change for
each. `--keep-db` uses the database as it is (already migrated and loaded with the demo).
"""

import argparse
import cProfile
import io
import os
import pstats
import re
import statistics
import sys
import time
import uuid

from bench.resources import _prepare_database


def _transfer():
    from django.utils import timezone

    from yingji.census.models import Household, Transfer
    from yingji.core.models import Region
    from yingji.incidents.models import Incident

    incident = Incident.objects.exclude(code="SJ20200813-0001").order_by("-occurred_at").first()
    transfer = Transfer.objects.create(code=f"ZY-BENCH-{uuid.uuid4().hex[:6]}", name="基准：全区避险转移",
                                       incident=incident, region=Region.objects.get(level=1),
                                       started_at=timezone.now())
    households = list(transfer.households().order_by("code").values_list("code", flat=True))
    return transfer, households, Household.objects.count()


def _setup(keep_db: bool):
    if keep_db:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "yingji.settings")
        import django

        django.setup()
        from django.conf import settings

        settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    else:
        _prepare_database()


def main():
    parser = argparse.ArgumentParser(description="Census transfer benchmark (bench/README.md)")
    parser.add_argument("--rounds", type=int, default=60)
    parser.add_argument("--keep-db", action="store_true")
    parser.add_argument("--profile", action="store_true")
    options = parser.parse_args()
    _setup(options.keep_db)
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from yingji.census import evacuation, views
    from yingji.core.models import User

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    client = Client()
    client.force_login(User.objects.get(username="commander"))
    transfer, households, registered = _transfer()
    marks_url = f"/api/census/transfers/{transfer.uuid}/marks/"
    page_url = f"/census/transfers/{transfer.uuid}/"
    client.get(page_url)
    marks = iter(households[k * (len(households) // (options.rounds + 4))] for k in range(options.rounds + 4))

    def mark():
        response = client.post(marks_url, {"household": next(marks), "mark": "transferred",
                                           "submission_key": str(uuid.uuid4())}, content_type="application/json")
        assert response.status_code == 201, response.content[:300]

    def live(keep: bool):
        evacuation.KEEP_TALLIES = views.BARE_FRAGMENT = keep
        response = client.get(f"{page_url}?live=1&since=x")
        assert response.status_code == 200
        return response

    names = {False: "before: re-read and re-tally all", True: "after: kept tally, the new marks applied"}
    changes = {False: "change + re-render, before (mark + live part)",
               True: "change + re-render, after (mark + live part)"}
    times = {name: [] for name in (*names.values(), "mark one household (API)", *changes.values())}
    queries = {}
    load = os.getloadavg()[0]
    for round_ in range(options.rounds + 1):
        started = time.perf_counter()
        mark()
        elapsed = (time.perf_counter() - started) * 1000
        order = (False, True) if round_ % 2 else (True, False)
        results = {}
        for keep in order:
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as captured:
                results[keep] = live(keep)
            results[keep] = ((time.perf_counter() - started) * 1000, len(captured), results[keep])
        if round_:
            times["mark one household (API)"].append(elapsed)
            for keep, (ms, count, _response) in results.items():
                times[names[keep]].append(ms)
                times[changes[keep]].append(elapsed + ms)
                queries[names[keep]] = count
        same = [re.sub(r'data-stamp="[^"]*"|数据时间 [0-9:]+|since=[^"&]+', "", r[2].content.decode())
                for r in results.values()]
        assert same[0] == same[1], "before and after drew different figures"
    print(f"{connection.vendor} · {options.rounds} rounds · {len(households):,} households in the transfer "
          f"({registered:,} registered) · load {load:.1f} → {os.getloadavg()[0]:.1f}", file=sys.stderr)
    print("| measure | median (ms) | p90 (ms) | max (ms) | SQL queries |\n|---|---:|---:|---:|---:|")
    for name, values in times.items():
        values = sorted(values)
        print(f"| {name} | {statistics.median(values):,.1f} | {values[int(len(values) * 0.9)]:,.1f} | "
              f"{values[-1]:,.1f} | {queries.get(name, '')} |")
    if options.profile:
        for keep in (False, True):
            mark()
            profiler = cProfile.Profile()
            profiler.enable()
            live(keep)
            profiler.disable()
            out = io.StringIO()
            stats = pstats.Stats(profiler, stream=out).sort_stats(os.environ.get("BENCH_SORT", "cumulative"))
            stats.print_stats(int(os.environ.get("BENCH_TOP", "25")))
            print(f"\n--- {names[keep]} ---\n{out.getvalue()}", file=sys.stderr)
    evacuation.KEEP_TALLIES = views.BARE_FRAGMENT = True


if __name__ == "__main__":
    main()
