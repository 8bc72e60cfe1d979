"""A database of its own for a test's subprocesses (worker, ingester): they cannot see the test's rolled-back
transaction, so each such test gets a fresh copy of the demo template — PostgreSQL when DATABASE_URL is set, else a
SQLite file in tmp_path — and `query` reads it from the test process."""

import os
import sqlite3
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

import dbtemplate


@contextmanager
def own_database(tmp_path: Path):
    """The environment for subprocesses on their own copy of the demo (demo mode, var dir tmp_path)."""
    env = {**os.environ, "YINGJI_MODE": "demo", "YINGJI_VAR_DIR": str(tmp_path), "PYTHONUNBUFFERED": "1"}
    url, name = env.pop("DATABASE_URL", ""), f"yingji_w_{uuid.uuid4().hex[:12]}"
    if url.startswith("postgres"):
        with dbtemplate.postgres_template(url, fast_passwords=True) as (admin, template):
            dbtemplate.copy_postgres(admin, template, name)
        env["DATABASE_URL"] = dbtemplate.with_database(url, name)
    else:
        dbtemplate.copy_sqlite_file(tmp_path / "yingji.sqlite3", fast_passwords=True)
    try:
        yield env
    finally:
        if url.startswith("postgres"):
            dbtemplate.drop_postgres(url, name)


def query(env: dict, sql: str, params=()) -> list[tuple]:
    """Rows of a read-only query (%s placeholders) on the database of `env`."""
    if env.get("DATABASE_URL", "").startswith("postgres"):
        import psycopg

        with psycopg.connect(env["DATABASE_URL"]) as connection:
            return connection.execute(sql, params).fetchall()
    with sqlite3.connect(Path(env["YINGJI_VAR_DIR"]) / "yingji.sqlite3", timeout=30) as connection:
        return connection.execute(sql.replace("%s", "?"), params).fetchall()


def serve(env: dict, port: int, log, *extra: str) -> subprocess.Popen:
    """`yingji serve` on `port` for the database of `env`, once /healthz answers."""
    import httpx

    server = subprocess.Popen([sys.executable, "-m", "yingji.cli", "serve", "--port", str(port), *extra],
                              env=env, stdout=log, stderr=log)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return server
        except httpx.HTTPError:
            time.sleep(0.2)
    server.kill()
    raise AssertionError("the server did not start")
