"""Running work at the same moment in several threads, each with its own database connection (PostgreSQL races)."""

import threading

import pytest
from django.db import connection, connections


def postgres_only(what: str) -> None:
    """Skip unless on PostgreSQL: SQLite serialises writers as a whole and its in-memory test database is not
    shared by threads."""
    if connection.vendor != "postgresql":
        pytest.skip(f"{what} are tested on PostgreSQL (DATABASE_URL=postgres://…)")


def in_threads(works, timeout: float = 60) -> None:
    """Start every callable in its own thread at once (a barrier), and wait for all of them."""
    barrier = threading.Barrier(len(works))

    def run(work):
        try:
            barrier.wait()
            work()
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(work,)) for work in works]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
