"""Times as people read them: in the district's zone (settings.TIME_ZONE, Asia/Shanghai), one format each.

Everything a person sees or receives (pages, DOCX, SMS, xlsx) is formatted here, never by slicing ISO strings.
"""

from django.utils import timezone

FULL = "%Y年%m月%d日%H时%M分"
SHORT = "%m-%d %H:%M"
MINUTE = "%Y-%m-%d %H:%M"


def local_text(value, fmt: str = FULL, empty: str = "—") -> str:
    """An aware datetime as local text; None as `empty`."""
    return timezone.localtime(value).strftime(fmt) if value else empty
