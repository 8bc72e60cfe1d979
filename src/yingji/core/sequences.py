"""Record numbers people quote: prefix + the district's local date + a per-day counter (SJ20261205-0007).

Never random (random suffixes collided after a few hundred reports a day and lost them) and never reused;
gaps are allowed (a number taken by a request that then fails is not given out again).

The counter is one row per prefix and day, incremented with one `INSERT … ON CONFLICT DO UPDATE … RETURNING`.
On PostgreSQL that statement runs on a separate autocommitted connection (one per process, shared under a
lock: the statement takes a moment), so the row is locked for a moment rather than for the whole of the
caller's transaction (many intakes at once would otherwise queue on it).

On SQLite the caller's transaction holds the database's one write lock, so a second connection to the same file
would wait for it. The count is therefore taken in a small autocommitted side database beside it
(``<database>.sequences``; a per-process in-memory one for an in-memory database), as
max(side's last, the table's last) + 1, and then written to the table in the caller's transaction too. A request
that rolls back loses its table row but not the side's count, so its number is never given out again (issue 17:
on SQLite a rolled-back 执法文书 number was reused). A lost side file only costs the numbers taken since the last
commit: the table is the floor.
"""

import os
import sqlite3
import threading

from django.db import connection
from django.utils import timezone

from .models import DailySequence

_UPSERT = (f"INSERT INTO {DailySequence._meta.db_table} (prefix, day, last) VALUES (%s, %s, 1) "
           f"ON CONFLICT (prefix, day) DO UPDATE SET last = {DailySequence._meta.db_table}.last + 1 RETURNING last")
PREFIX_LENGTH = DailySequence._meta.get_field("prefix").max_length
_side_lock = threading.Lock()
_side: dict[str, object] = {}  # database name → its side connection in this process


def next_number(prefix: str, day) -> int:
    if len(prefix) > PREFIX_LENGTH:  # SQLite would keep a longer one; PostgreSQL refuses it (a 500 there only)
        raise ValueError(f"sequence prefix {prefix!r} is longer than {PREFIX_LENGTH} characters")
    if connection.vendor == "postgresql":
        with _side_lock, _side_connection().cursor() as cursor:
            cursor.execute(_UPSERT, (prefix, day))
            return cursor.fetchone()[0]
    if connection.vendor == "sqlite":
        return _sqlite_next(prefix, day)
    with connection.cursor() as cursor:
        cursor.execute(_UPSERT, (prefix, day))
        return cursor.fetchone()[0]


_SIDE_TABLE = "CREATE TABLE IF NOT EXISTS sequence (prefix TEXT, day TEXT, last INTEGER, PRIMARY KEY (prefix, day))"
_SIDE_UPSERT = ("INSERT INTO sequence (prefix, day, last) VALUES (?, ?, ?) ON CONFLICT (prefix, day) "
                "DO UPDATE SET last = max(sequence.last + 1, excluded.last) RETURNING last")
_TABLE_SET = (f"INSERT INTO {DailySequence._meta.db_table} (prefix, day, last) VALUES (%s, %s, %s) "
              f"ON CONFLICT (prefix, day) DO UPDATE SET last = max({DailySequence._meta.db_table}.last, excluded.last)")


def _sqlite_next(prefix: str, day) -> int:
    table = DailySequence._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT last FROM {table} WHERE prefix = %s AND day = %s", (prefix, day))
        row = cursor.fetchone()
        floor = row[0] if row else 0
        with _side_lock:
            side = _sqlite_side()
            number = side.execute(_SIDE_UPSERT, (prefix, str(day), floor + 1)).fetchone()[0]
        cursor.execute(_TABLE_SET, (prefix, day, number))
    return number


def _sqlite_side():
    """The side database of this process's SQLite database (opened once per process)."""
    name = ":memory:" if connection.is_in_memory_db() else f"{connection.settings_dict['NAME']}.sequences"
    key = f"sqlite:{os.getpid()}:{name}"
    side = _side.get(key)
    if side is None:
        side = sqlite3.connect(name, isolation_level=None, check_same_thread=False, timeout=30)
        if name != ":memory:":
            side.execute("PRAGMA journal_mode=WAL")
        side.execute(_SIDE_TABLE)
        _side[key] = side
    return side


def next_code(prefix: str, when=None, digits: int = 4) -> str:
    """`prefix` + local date of `when` (default now) + '-' + the day's next number, zero-padded."""
    day = timezone.localdate(when) if when is not None else timezone.localdate()
    return f"{prefix}{day:%Y%m%d}-{next_number(prefix, day):0{digits}d}"


def _side_connection():
    import psycopg

    params = {k: v for k, v in connection.get_connection_params().items() if k not in {"cursor_factory", "pool"}}
    side = _side.get(params.get("dbname"))
    if side is None or side.closed or side.broken:
        side = _side[params.get("dbname")] = psycopg.connect(**params, autocommit=True)
    return side


def close_side_connections() -> None:
    """Tests close them before the test database is dropped (PostgreSQL's and SQLite's side connections)."""
    with _side_lock:
        while _side:
            _side.popitem()[1].close()
