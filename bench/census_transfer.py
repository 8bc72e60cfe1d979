"""Transfer-speed benchmark (issue 19: "Transfer page for 5,000 households updates and re-renders in < 300 ms per
change on PostgreSQL"). The demo district (its ~5,000 registered households) with one district-wide transfer of
the live incident covering all of them; each round marks one household (the marking API, as the phone page's
offline queue posts it) and then re-renders what the commander watches: the transfer page's live part (the poll
`?live=1&since=<stamp>` the open page sends every 5 s, answered with the re-rendered figures), the progress API and
the whole transfer page; and the poll when nothing changed (204).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/yingji_bench_census .venv/bin/python -m bench.census_transfer

Through the Django test client as the commander (jurisdiction scoping, rendering and JSON included). Medians in ms
of `--rounds` changes (the first round warms up); "change + re-render" is the mark plus the live part's re-render
(what the commander's open page costs per change). The load average is printed with the figures.
"""

import argparse
import os
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


def main():
    parser = argparse.ArgumentParser(description="Census transfer benchmark (bench/README.md)")
    parser.add_argument("--rounds", type=int, default=30)
    rounds = parser.parse_args().rounds
    _prepare_database()
    from django.db import connection
    from django.test import Client

    from yingji.core.models import User

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE") if connection.vendor == "postgresql" else None
    client = Client()
    client.force_login(User.objects.get(username="commander"))
    transfer, households, registered = _transfer()
    marks_url = f"/api/census/transfers/{transfer.uuid}/marks/"
    progress_url = f"/api/census/transfers/{transfer.uuid}/progress/"
    page_url = f"/census/transfers/{transfer.uuid}/"
    times = {"mark one household (API)": [], "live part re-rendered (poll after a change)": [],
             "poll, nothing changed (204)": [], "progress API": [], "whole transfer page": [],
             "change + re-render (mark + live part)": []}
    since = re.search(r'data-stamp="([^"]+)"', client.get(page_url).content.decode()).group(1)
    load = os.getloadavg()[0]
    for round_ in range(rounds + 1):
        household = households[round_ * (len(households) // (rounds + 1))]
        started = time.perf_counter()
        response = client.post(marks_url, {"household": household, "mark": "transferred",
                                           "submission_key": str(uuid.uuid4())}, content_type="application/json")
        assert response.status_code == 201, response.content[:300]
        marked = time.perf_counter()
        live = client.get(f"{page_url}?live=1&since={since}")
        assert live.status_code == 200
        lived = time.perf_counter()
        since = re.search(r'data-stamp="([^"]+)"', live.content.decode()).group(1)
        assert client.get(f"{page_url}?live=1&since={since}").status_code == 204
        idle = time.perf_counter()
        assert client.get(progress_url).status_code == 200
        progressed = time.perf_counter()
        assert client.get(page_url).status_code == 200
        rendered = time.perf_counter()
        if round_:
            times["mark one household (API)"].append((marked - started) * 1000)
            times["live part re-rendered (poll after a change)"].append((lived - marked) * 1000)
            times["poll, nothing changed (204)"].append((idle - lived) * 1000)
            times["progress API"].append((progressed - idle) * 1000)
            times["whole transfer page"].append((rendered - progressed) * 1000)
            times["change + re-render (mark + live part)"].append((lived - started) * 1000)
    print(f"{connection.vendor} · {rounds} rounds · {len(households):,} households in the transfer "
          f"({registered:,} registered) · load {load:.1f} → {os.getloadavg()[0]:.1f}", file=sys.stderr)
    print("| measure | median (ms) | max (ms) |\n|---|---:|---:|")
    for name, values in times.items():
        print(f"| {name} | {statistics.median(values):,.1f} | {max(values):,.1f} |")


if __name__ == "__main__":
    main()
