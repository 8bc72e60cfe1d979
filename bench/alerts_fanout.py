"""Fan-out benchmark: 1,000,000 generated subscribers; time to resolve the targets of a district-wide warning
and to write the outbox rows (one Message per recipient×channel, batched).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/yingji_bench .venv/bin/python bench/alerts_fanout.py [n]

After the fan-out it runs the fan-out again over the same warning, to show it writes nothing twice.
"""

import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench.alerts_common import fresh_database, publish_district_warning


def main(count: int = 1_000_000) -> None:
    fresh_database("yingji_alerts_fanout")
    from yingji.alerts.delivery import fan_out, messages_of
    from yingji.alerts.demo import _subscribers
    from yingji.alerts.models import Subscriber
    from yingji.alerts.targeting import reach_preview, target_of
    from yingji.core.models import Region, RegionLevel

    started = time.perf_counter()
    _subscribers(list(Region.objects.filter(level=RegionLevel.VILLAGE).order_by("code")), count)
    generated = time.perf_counter() - started
    warning = publish_district_warning()
    started = time.perf_counter()
    preview = reach_preview(warning)
    previewed = time.perf_counter() - started
    started = time.perf_counter()
    target_of(warning)
    written = fan_out(warning)
    fanned = time.perf_counter() - started
    total = messages_of(warning).count()
    print(f"subscribers generated: {Subscriber.objects.count():,} in {generated:.1f} s")
    print(f"reach preview (per township and channel): {preview['people']:,} people in {previewed:.2f} s")
    print(f"fan-out: {written:,} outbox rows ({total:,} in table) in {fanned:.1f} s = {written / fanned:,.0f} rows/s")
    started = time.perf_counter()
    again = fan_out(warning)
    print(f"fan-out again over the same warning: {again} new rows in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    numbers = [int(a) for a in sys.argv[1:] if a.isdigit()]
    main(numbers[0] if numbers else 1_000_000)
