"""Record numbers people quote: prefix + the district's local date + a per-day counter (SJ20261205-0007).

Never random (random suffixes collided after a few hundred reports a day and lost them) and never reused;
gaps are allowed (a number taken by a request that then fails is not given out again).

The counter is one row per prefix and day, incremented with one `INSERT … ON CONFLICT DO UPDATE … RETURNING`.
On PostgreSQL that statement runs on a separate autocommitted connection (one per process, shared under a
lock: the statement takes a moment), so the row is locked for a moment rather than for the whole of the
caller's transaction (many intakes at once would otherwise queue on it). On SQLite, writers are serialised by
the database anyway, so it runs in the caller's transaction.
"""

import threading

from django.db import connection
from django.utils import timezone

from .models import DailySequence

_UPSERT = (f"INSERT INTO {DailySequence._meta.db_table} (prefix, day, last) VALUES (%s, %s, 1) "
           f"ON CONFLICT (prefix, day) DO UPDATE SET last = {DailySequence._meta.db_table}.last + 1 RETURNING last")
_side_lock = threading.Lock()
_side: dict[str, object] = {}  # database name → its side connection in this process


def next_number(prefix: str, day) -> int:
    if connection.vendor == "postgresql":
        with _side_lock, _side_connection().cursor() as cursor:
            cursor.execute(_UPSERT, (prefix, day))
            return cursor.fetchone()[0]
    with connection.cursor() as cursor:
        cursor.execute(_UPSERT, (prefix, day))
        return cursor.fetchone()[0]


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
    """Tests close them before the test database is dropped."""
    with _side_lock:
        while _side:
            _side.popitem()[1].close()
