"""Fan-out benchmark (issue 13 §4): one district-wide warning to N generated subscribers, measured side by side
with its baselines in the same run, on PostgreSQL:

- the fan-out (`alerts.delivery.fan_out`: every recipient×channel row in one INSERT … SELECT) against COPY of the
  very rows it wrote into a table with the same indexes and fill factor;
- the fan-out run again over the same warning (0 rows to write, as after a crash) against the anti-join that
  finds nothing to write (targeted subscribers without a message under their key), three times each, alternating.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/yingji_bench_fanout .venv/bin/python bench/alerts_fanout.py [n]

The database named in DATABASE_URL is dropped and created again. Each figure is printed with the load average.
"""

import os
import statistics
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench.alerts_common import fresh_database, load, publish_district_warning


def main(count: int = 200_000) -> None:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        raise SystemExit("DATABASE_URL must name a PostgreSQL database (it is dropped and created again)")
    fresh_database(url.rsplit("/", 1)[1])
    from django.db import connection

    from yingji.alerts.delivery import fan_out, messages_of
    from yingji.alerts.demo import _subscribers
    from yingji.alerts.targeting import reach_preview
    from yingji.core.models import Region, RegionLevel

    started = time.perf_counter()
    _subscribers(list(Region.objects.filter(level=RegionLevel.VILLAGE).order_by("code")), count)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")  # what autovacuum does to a registry that has been in use
    print(f"{count:,} subscribers generated in {time.perf_counter() - started:.1f} s", flush=True)
    warning = publish_district_warning()
    started = time.perf_counter()
    preview = reach_preview(warning)
    print(f"reach preview: {preview['people']:,} people in {time.perf_counter() - started:.2f} s", flush=True)

    fanned, written = _timed(lambda: fan_out(warning))
    copied = _copy_baseline(connection, warning)
    total = messages_of(warning).count()
    print(f"fan-out: {written:,} rows in {fanned:.2f} s ({load()}) | COPY of the same {total:,} rows into a table "
          f"with the same indexes: {copied:.2f} s ({load()}) | ratio {fanned / copied:.2f}", flush=True)

    reruns, antijoins, antijoin_query = [], [], _antijoin_query(warning)
    for _round in range(3):
        again, rewritten = _timed(lambda: fan_out(warning))
        assert rewritten == 0
        reruns.append(again)
        antijoins.append(_timed(lambda: _antijoin(connection, *antijoin_query))[0])
    rerun, antijoin = statistics.median(reruns), statistics.median(antijoins)
    print(f"fan-out again (0 rows to write), median of 3: {rerun:.3f} s | the anti-join finding nothing to write: "
          f"{antijoin:.3f} s | ratio {rerun / antijoin:.2f} ({load()})", flush=True)


def _timed(action):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("CHECKPOINT")  # no checkpoint of the previous step's writes inside this one's time
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def _copy_baseline(connection, warning) -> float:
    """COPY the warning's rows, as written, into an empty table with the same indexes and storage settings."""
    with connection.cursor() as cursor, tempfile.TemporaryFile() as rows:
        raw = cursor.cursor
        with raw.copy("COPY (SELECT * FROM channels_message WHERE source_id = %s) TO STDOUT",
                      [str(warning.uuid)]) as copy:
            for chunk in copy:
                rows.write(chunk)
        cursor.execute("DROP TABLE IF EXISTS bench_copy")
        cursor.execute("SELECT reloptions FROM pg_class WHERE relname = 'channels_message'")
        options = ", ".join(cursor.fetchone()[0] or [])
        cursor.execute("CREATE TABLE bench_copy (LIKE channels_message INCLUDING ALL)"
                       + (f" WITH ({options})" if options else ""))

        def copy_in():
            rows.seek(0)
            with raw.copy("COPY bench_copy FROM STDIN") as copy:
                while chunk := rows.read(1 << 20):
                    copy.write(chunk)

        elapsed = _timed(copy_in)[0]
        cursor.execute("DROP TABLE bench_copy")
    return elapsed


def _antijoin_query(warning) -> tuple[str, list]:
    """The targeted subscribers who have no message under their key (what a re-run must find: none), as SQL."""
    from yingji.alerts.config import ROUTES, SUBSCRIBER_CHANNELS
    from yingji.alerts.targeting import target_of
    from yingji.channels.models import ADDRESS_FIELD, Channel

    kinds = dict(Channel.objects.values_list("code", "kind"))
    column = {name: ADDRESS_FIELD[kinds[ROUTES[name]]].replace("device", "phone") for name in SUBSCRIBER_CHANNELS}
    key = "CASE s.preferred_channel " + " ".join(
        f"WHEN '{name}' THEN 'warning:{warning.cap.identifier}:{ROUTES[name]}:' || s.{column[name]}"
        for name in SUBSCRIBER_CHANNELS) + " END"
    return (f"SELECT count(*) FROM alerts_subscriber s WHERE s.region_id = ANY(%s) AND NOT s.opted_out "
            f"AND NOT EXISTS (SELECT 1 FROM channels_message m WHERE m.idempotency_key = {key})",
            [sorted(target_of(warning).region_ids)])


def _antijoin(connection, sql: str, params: list) -> int:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        missing = cursor.fetchone()[0]
    assert missing == 0, missing
    return missing


if __name__ == "__main__":
    numbers = [int(a) for a in sys.argv[1:] if a.isdigit()]
    main(numbers[0] if numbers else 200_000)
