"""SQLite writers are served in turn (issue 13 §1): every write transaction first queues on an OS file lock shared by
all processes, so writers that wait sleep in the kernel instead of polling for SQLite's lock, and none runs out of
its busy timeout. Several processes hammer one database file with short write transactions (nested atomic blocks,
plain autocommitted saves) and a busy timeout of a few milliseconds: none is refused, every row is stored.
(Without the queue the same run gives `database is locked`: bench/README.md, "Third pass".)"""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

WRITER = """
import json, sys
import django
from django.conf import settings
path, queue, rounds = sys.argv[1], sys.argv[2] == "1", int(sys.argv[3])
settings.configure(DATABASES={"default": {
    "ENGINE": "yingji.core.sqlite_backend", "NAME": path,
    "OPTIONS": {"init_command": "PRAGMA busy_timeout=5; PRAGMA journal_mode=WAL;",
                "transaction_mode": "IMMEDIATE", "write_queue": queue}}})
django.setup()
from django.db import OperationalError, connection, transaction
locked = 0
for n in range(rounds):
    try:
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SELECT count(*) FROM note")
                cursor.execute("INSERT INTO note (body) VALUES (%s)", [f"outer {n}"])
                with transaction.atomic():  # a savepoint: inside the same turn
                    cursor.execute("INSERT INTO note (body) VALUES (%s)", [f"inner {n}"])
        with connection.cursor() as cursor:  # autocommitted, as a plain save() outside a transaction
            cursor.execute("UPDATE note SET body = body WHERE id = 1")
    except OperationalError as error:
        locked += "locked" in str(error)
print(json.dumps({"locked": locked, "queued": connection.queue is not None}))
"""


def hammer(path: Path, *, queue: bool, processes: int = 4, rounds: int = 150) -> list[dict]:
    import sqlite3

    with sqlite3.connect(path) as db:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("CREATE TABLE IF NOT EXISTS note (id INTEGER PRIMARY KEY, body TEXT)")
        db.execute("INSERT INTO note (body) VALUES ('first')")
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, str(path), "1" if queue else "0", str(rounds)],
                                stdout=subprocess.PIPE, text=True) for _ in range(processes)]
    return [json.loads(writer.communicate(timeout=300)[0]) for writer in writers]


def stored(path: Path) -> int:
    import sqlite3

    with sqlite3.connect(path) as db:
        return db.execute("SELECT count(*) FROM note").fetchone()[0]


def test_concurrent_writers_in_several_processes_are_never_refused(tmp_path):
    results = hammer(tmp_path / "queued.sqlite3", queue=True)
    assert all(result["queued"] for result in results)
    assert [result["locked"] for result in results] == [0, 0, 0, 0]
    assert stored(tmp_path / "queued.sqlite3") == 1 + 4 * 150 * 2
    assert (tmp_path / "queued.sqlite3.write-lock").exists()


def test_a_writer_that_dies_inside_its_transaction_leaves_the_queue_free(tmp_path):
    path = tmp_path / "crash.sqlite3"
    hammer(path, queue=True, processes=1, rounds=1)
    crash = WRITER.replace("locked = 0", "locked = 0\nimport os\ntransaction.atomic().__enter__()\n"
                           "connection.cursor().execute('INSERT INTO note (body) VALUES (1)')\nos._exit(9)")
    assert subprocess.run([sys.executable, "-c", crash, str(path), "1", "1"], timeout=60).returncode == 9
    assert [result["locked"] for result in hammer(path, queue=True, processes=2, rounds=20)] == [0, 0]
    assert stored(path) == 1 + 2 + 2 * 20 * 2 + 1  # the dead writer's row was rolled back


@pytest.mark.django_db
def test_the_test_database_in_memory_needs_no_queue():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    with connection.cursor():
        pass
    assert getattr(connection, "queue", None) is None and connection.is_in_memory_db()
