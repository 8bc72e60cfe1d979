"""Calendar arithmetic for reporting clocks, done in local time (config.timezone, Asia/Shanghai).

Day-based periods follow 民法典 第二百零一条、第二百零三条: the starting day is not counted and a
period ends at 24:00 of its last day (returned as 00:00 of the following day).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from yingji.standards.config import get_config
from yingji.standards.errors import StandardsError


def local_zone() -> ZoneInfo:
    return ZoneInfo(get_config().timezone)


def require_aware(value: object, field: str) -> dt.datetime:
    if not isinstance(value, dt.datetime):
        raise StandardsError("invalid_datetime", "时间格式无效", field)
    if value.tzinfo is None or value.utcoffset() is None:
        raise StandardsError("naive_datetime", "时间必须带时区", field)
    return value


def is_working_day(
    day: dt.date,
    holidays: Iterable[dt.date] | None = None,
    makeup_workdays: Iterable[dt.date] | None = None,
) -> bool:
    """Mon–Fri, minus 法定节假日, plus 调休 working weekends (both lists from config by default)."""
    cfg = get_config()
    off = set(cfg.holidays if holidays is None else holidays)
    extra = set(cfg.makeup_workdays if makeup_workdays is None else makeup_workdays)
    if day in extra:
        return True
    return day.weekday() < 5 and day not in off


def add_working_days(
    when: dt.datetime,
    n: int,
    holidays: Iterable[dt.date] | None = None,
    makeup_workdays: Iterable[dt.date] | None = None,
) -> dt.datetime:
    """Move forward ``n`` working days, keeping the local time of day.

    The starting day is not counted: Friday 15:00 + 2 → Tuesday 15:00.
    """
    require_aware(when, "when")
    if isinstance(n, bool) or not isinstance(n, int) or n < 0:
        raise StandardsError("invalid_number", "工作日数必须是非负整数", "n")
    holidays = tuple(holidays) if holidays is not None else None
    makeup_workdays = tuple(makeup_workdays) if makeup_workdays is not None else None
    local = when.astimezone(local_zone())
    day, left = local.date(), n
    while left:
        day += dt.timedelta(days=1)
        if is_working_day(day, holidays, makeup_workdays):
            left -= 1
    return _at(day, local.timetz().replace(tzinfo=None))


def end_of_local_day(when: dt.datetime) -> dt.datetime:
    """24:00 of the local day containing ``when`` (i.e. 00:00 of the next local day)."""
    local = require_aware(when, "when").astimezone(local_zone())
    return _at(local.date() + dt.timedelta(days=1), dt.time(0, 0))


def add_days_ending_at_midnight(when: dt.datetime, days: int) -> dt.datetime:
    """A period of ``days`` days counted from the day after ``when``, ending at 24:00 (民法典)."""
    local = require_aware(when, "when").astimezone(local_zone())
    return _at(local.date() + dt.timedelta(days=days + 1), dt.time(0, 0))


def next_daily_report_due(after: dt.datetime) -> dt.datetime:
    """The first daily 续报 time (default 09:00 local) strictly after ``after`` [S]."""
    cfg = get_config()
    local = require_aware(after, "after").astimezone(local_zone())
    report_time = dt.time(cfg.nd_daily_report_hour, cfg.nd_daily_report_minute)
    candidate = _at(local.date(), report_time)
    if candidate <= local:
        candidate = _at(local.date() + dt.timedelta(days=1), report_time)
    return candidate


def _at(day: dt.date, time: dt.time) -> dt.datetime:
    # zoneinfo resolves the (absent in Asia/Shanghai) DST gaps by fold=0
    return dt.datetime.combine(day, time, tzinfo=local_zone())
