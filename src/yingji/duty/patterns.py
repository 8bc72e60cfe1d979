"""Shift patterns as text: "08:00-08:00" is one 24-hour shift, "08:00-20:00,20:00-08:00" day and night.

An end at or before the start means the next day. Pure Python, no Django models.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from .choices import PatternKind

SEGMENT = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")


class PatternError(ValueError):
    pass


@dataclass(frozen=True)
class Segment:
    start: time
    minutes: int
    label: str

    def bounds(self, day: date) -> tuple[datetime, datetime]:
        start = timezone.make_aware(datetime.combine(day, self.start))
        return start, start + timedelta(minutes=self.minutes)


def _clock(hour: str, minute: str) -> time:
    h, m = int(hour), int(minute)
    if h > 23 or m > 59:
        raise PatternError(_("时间“%(t)s”无效") % {"t": f"{hour}:{minute}"})
    return time(h, m)


def _labels(kind: str, count: int) -> list[str]:
    if kind == PatternKind.FULL_DAY:
        return [_("全天")]
    if kind == PatternKind.DAY_NIGHT:
        return [_("白班"), _("夜班")]
    return [_("第%(n)d班") % {"n": i + 1} for i in range(count)]


def parse(spec: str, kind: str = PatternKind.CUSTOM) -> list[Segment]:
    parts = [p for p in (spec or "").split(",") if p.strip()]
    if not parts:
        raise PatternError(_("请填写班次时段，如 08:00-08:00"))
    expected = {PatternKind.FULL_DAY: 1, PatternKind.DAY_NIGHT: 2}.get(kind)
    if expected and len(parts) != expected:
        raise PatternError(_("该班制应有 %(n)d 个时段") % {"n": expected})
    segments = []
    for part, label in zip(parts, _labels(kind, len(parts)), strict=True):
        match = SEGMENT.match(part)
        if not match:
            raise PatternError(_("时段“%(p)s”格式应为 HH:MM-HH:MM") % {"p": part.strip()})
        start, end = _clock(*match.group(1, 2)), _clock(*match.group(3, 4))
        minutes = (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)
        segments.append(Segment(start, minutes if minutes > 0 else minutes + 24 * 60, label))
    if kind == PatternKind.FULL_DAY and segments[0].minutes != 24 * 60:
        raise PatternError(_("24小时班的开始和结束时间应相同，如 08:00-08:00"))
    if sum(s.minutes for s in segments) > 24 * 60:
        raise PatternError(_("各时段合计超过24小时"))
    return segments
