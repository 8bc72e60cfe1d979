"""The intake and the pages a commander reloads, in-process (issue 13, fifth pass): CPU per request beside a bare
one-INSERT view, measured in one interleaved run so the shared machine's load hits every measure alike.

    python -m bench.surge_inprocess                 # SQLite; BENCH_DAY reports first (default 1,400), BENCH_ROUNDS
    python -m bench.surge_inprocess profile         # cProfile of BENCH_PROFILE intakes (default 200), top functions
    BENCH_DATABASE_FILE=var/test-templates/demo-….sqlite3 python -m bench.surge_inprocess   # start from a copy

Loads the demo into a fresh database, adds a day of BENCH_DAY reports through the API, then times with the Django
test client (no server, no network): the bare INSERT view (bench/surge_urls.py), an intake
(`POST /api/incidents/incidents/` with a token and an Idempotency-Key), the incident layer of the one-map
(first request after a change, and a reload answered 304), the board's feed, and the login page.
"""

import cProfile
import io
import os
import pstats
import statistics
import sys
import time
import uuid

from bench.timing import interleaved

DAY = int(os.environ.get("BENCH_DAY", "1400"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "60"))
PROFILED = int(os.environ.get("BENCH_PROFILE", "200"))


def _setup():
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.surge_settings"
    prepared = os.environ.get("BENCH_DATABASE_FILE")  # a SQLite file with the demo loaded: no load-demo (minutes)
    if prepared:
        import shutil
        import tempfile

        import django

        var = tempfile.mkdtemp(prefix="yingji-bench-")
        shutil.copy(prepared, os.path.join(var, "yingji.sqlite3"))
        os.environ.update(YINGJI_VAR_DIR=var, YINGJI_MODE="demo")
        os.environ.pop("DATABASE_URL", None)
        django.setup()
    else:
        from bench.alerts_common import fresh_database

        fresh_database("yingji_bench_surge_inprocess")
    from django.db import connection

    from bench.surge_urls import BARE_TABLE

    with connection.cursor() as cursor:
        key = "BIGSERIAL PRIMARY KEY" if connection.vendor == "postgresql" else "INTEGER PRIMARY KEY AUTOINCREMENT"
        cursor.execute(f"CREATE TABLE {BARE_TABLE} (id {key}, statement TEXT, received_at TIMESTAMP)")


def _clients():
    from django.test import Client
    from rest_framework.authtoken.models import Token

    from yingji.core.models import User

    duty = User.objects.get(username="duty")
    token = Token.objects.get_or_create(user=duty)[0].key
    api = Client(HTTP_AUTHORIZATION=f"Token {token}")
    commander = Client()
    commander.force_login(User.objects.get(username="commander"))
    return api, commander, Client()


def _intake(api):
    from bench.intake_surge import _incident_body

    def call():
        answer = api.post("/api/incidents/incidents/", _incident_body(), content_type="application/json",
                          HTTP_IDEMPOTENCY_KEY=str(uuid.uuid4()))
        assert answer.status_code == 201, answer.content[:300]

    return call


def _get(client, path, status=200, **headers):
    def call():
        answer = client.get(path, **headers)
        assert answer.status_code == status, (path, answer.status_code)
        return answer

    return call


def main() -> None:
    _setup()
    api, commander, anonymous = _clients()
    intake = _intake(api)
    for _ in range(DAY):
        intake()
    seen = {}

    def layer():
        answer = _get(commander, "/api/onemap/layers/incidents/", HTTP_ACCEPT_ENCODING="gzip")()
        seen["etag"] = answer.headers.get("ETag")
        return answer

    def layer_reloaded():  # the same user again with the ETag of the layer as it stands
        _get(commander, "/api/onemap/layers/incidents/", 304, HTTP_IF_NONE_MATCH=seen["etag"])()

    first = layer()
    etag = first.headers.get("ETag")
    size = len(first.content)

    def layer_after_change():
        intake()  # a new report: the layer must be rebuilt for the next request
        layer()

    measures = {
        "bare INSERT view": lambda: anonymous.post("/bench/bare-insert/", {"statement": "x"},
                                                   content_type="application/json"),
        "POST /api/incidents/incidents/": intake,
        "intake + GET layer (rebuilt)": layer_after_change,
        "GET layer, unchanged": layer,
    }
    if etag:
        measures["GET layer, If-None-Match (304)"] = layer_reloaded
    board = _get(commander, "/incidents/board/data/")
    measures.update({
        "intake + GET board (rebuilt)": lambda: (intake(), board()),
        "GET board, unchanged": board,
        "GET /accounts/login/": _get(anonymous, "/accounts/login/"),
    })
    load_before = os.getloadavg()
    # CPU time of this process (what a request costs the server; on a shared, loaded machine the wall time is
    # mostly waiting for a core) and wall time, every measure once per round.
    cpu = interleaved(measures, ROUNDS, clock=time.process_time)
    wall = interleaved(measures, ROUNDS)
    load_after = os.getloadavg()
    from django.db import connection

    bare = statistics.median(cpu["bare INSERT view"])
    print(f"\n{connection.vendor}, a day of {DAY} reports before, {ROUNDS} rounds, load average "
          f"{' / '.join(f'{v:.1f}' for v in load_before)} before, {' / '.join(f'{v:.1f}' for v in load_after)} "
          f"after; layer body {size:,} bytes{' (gzip)' if first.headers.get('Content-Encoding') == 'gzip' else ''}\n")
    print("| measure | CPU ms (median) | CPU × bare INSERT | wall ms (median) |")
    print("|---|---:|---:|---:|")
    for name, values in cpu.items():
        median = statistics.median(values)
        print(f"| {name} | {median:.2f} | {median / bare:.1f} | {statistics.median(wall[name]):.1f} |")


def profile() -> None:
    _setup()
    api, _commander, _anonymous = _clients()
    intake = _intake(api)
    for _ in range(20):
        intake()
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(PROFILED):
        intake()
    profiler.disable()
    if os.environ.get("BENCH_PROFILE_OUT"):
        profiler.dump_stats(os.environ["BENCH_PROFILE_OUT"])
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("cumulative").print_stats(60)
    stats.sort_stats("tottime").print_stats(40)
    print(out.getvalue())


if __name__ == "__main__":
    profile() if sys.argv[1:] == ["profile"] else main()
