"""Times as people read them: in the district's zone (settings.TIME_ZONE, Asia/Shanghai), one format each.

Everything a person sees or receives (pages, DOCX, SMS, xlsx) is formatted here, never by slicing ISO strings:
`local_text(value, MINUTE)` in Python, `{{ value|local:"minute" }}` in templates (`{% load timefmt %}`), and
`YJTime.text(iso, "minute")` in scripts (web/behaviours.js; the zone comes from `<html data-time-zone>`).
A value that arrives as ISO text (an outbox payload) is parsed back with `parse_aware` first.
"""

from datetime import datetime

from django.utils import timezone
from django.utils.dateparse import parse_datetime

FULL = "%Y年%m月%d日%H时%M分"
SHORT = "%m-%d %H:%M"
MINUTE = "%Y-%m-%d %H:%M"
SECOND = "%Y-%m-%d %H:%M:%S"
DAY = "%Y-%m-%d"
TIME = "%H:%M"
INPUT = "%Y-%m-%dT%H:%M"  # the value of an <input type="datetime-local">
FORMATS = {"full": FULL, "short": SHORT, "minute": MINUTE, "second": SECOND, "day": DAY, "time": TIME, "input": INPUT}


def parse_aware(value) -> datetime | None:
    """An aware datetime from a datetime or ISO text (naive values are taken as the district's time)."""
    if isinstance(value, str):
        value = parse_datetime(value.strip()) if value.strip() else None
    if value is None:
        return None
    return value if timezone.is_aware(value) else timezone.make_aware(value)


def local_text(value, fmt: str = FULL, empty: str = "—") -> str:
    """An aware datetime (or ISO text) as local text; None as `empty`. `fmt` is a format or a name in FORMATS."""
    moment = parse_aware(value) if value else None
    if moment is None:
        return empty
    return timezone.localtime(moment).strftime(FORMATS.get(fmt, fmt))
