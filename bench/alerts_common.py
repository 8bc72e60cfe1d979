"""Shared set-up of the alerts benchmarks: a fresh PostgreSQL (or SQLite) database with the demo district."""

import os
import subprocess
import sys
import tempfile


def load() -> str:
    """The machine's load average (1, 5, 15 minutes), printed beside each figure: the machine is shared."""
    return "load " + "/".join(f"{value:.1f}" for value in os.getloadavg())


def fresh_database(name: str, subscribers: int = 0) -> dict:
    """Create the database from scratch and load the demo; returns the environment for worker processes."""
    env = {**os.environ, "YINGJI_MODE": "demo", "YINGJI_DEMO_SUBSCRIBERS": str(subscribers),
           "YINGJI_VAR_DIR": os.environ.get("YINGJI_VAR_DIR") or tempfile.mkdtemp(prefix="yingji-bench-")}
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        import psycopg

        base, _db = url.rsplit("/", 1)
        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
        env["DATABASE_URL"] = f"{base}/{name}"
    subprocess.run([sys.executable, "-m", "yingji.cli", "load-demo"], env=env, check=True, capture_output=True)
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "yingji.settings")
    import django

    django.setup()
    analyze()
    return env


def analyze() -> None:
    """What autovacuum does to tables that have grown: statistics, so the planner sees their true sizes. This
    machine's PostgreSQL runs with autovacuum off; without this every bench planned with the defaults of empty
    tables (a board feed with 1,400 incidents read every incident's clocks and entries: 7 ms a query, not 0.2)."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def publish_district_warning():
    from yingji.alerts import services
    from yingji.core.context import acting
    from yingji.core.models import User

    users = {u.username: u for u in User.objects.all()}
    data = {"type_code": "met.rainstorm", "level": "red", "description": "基准测试", "area_kind": "district",
            "effective": "2020-01-01T00:00:00+08:00", "expires": "2099-01-01T00:00:00+08:00"}
    with acting(source="cli"):
        warning = services.create_draft(actor=users["duty"], data=data)
        for event, who in (("submit", "duty"), ("review", "duty-chief"), ("sign", "commander")):
            warning = services.fire(warning, event, actor=users[who])
    return warning
