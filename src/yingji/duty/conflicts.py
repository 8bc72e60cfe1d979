"""Conflict checks of a roster: one person in two overlapping shifts, a shift during a leave, a post left
empty, and too little rest between two shifts of one person."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from yingji.core.errors import DomainError

from .models import Leave, Shift


@dataclass(frozen=True)
class Conflict:
    code: str  # overlap, leave, empty, rest
    shift: Shift
    message: str


def _when(shift) -> str:
    return f"{timezone.localtime(shift.start):%m月%d日 %H:%M} {shift.label}"


def overlapping_shifts(person, start, end, exclude=()):
    return Shift.objects.filter(person=person, start__lt=end, end__gt=start).exclude(pk__in=exclude)


def leave_during(person, start, end):
    return Leave.objects.filter(person=person, start__lt=end, end__gt=start).first()


def check_assignment(person, start, end, *, exclude=(), min_rest_hours=0) -> None:
    """Refuse to put `person` on duty from start to end if it clashes; nothing else is checked here."""
    if person is None:
        return
    clash = overlapping_shifts(person, start, end, exclude).select_related("post").first()
    if clash is not None:
        message = _("%(p)s 在 %(w)s 已有值班（%(post)s），时间重叠")
        raise DomainError("shift_overlap", message % {"p": person.name, "w": _when(clash), "post": clash.post},
                          field="person")
    leave = leave_during(person, start, end)
    if leave is not None:
        message = _("%(p)s 该时段请假（%(r)s）") % {"p": person.name, "r": leave.reason or _("请假")}
        raise DomainError("on_leave", message, field="person")
    if min_rest_hours:
        rest = timedelta(hours=min_rest_hours)
        near = overlapping_shifts(person, start - rest, end + rest, exclude).first()
        if near is not None:
            message = _("%(p)s 两次值班间隔不足 %(h)d 小时") % {"p": person.name, "h": min_rest_hours}
            raise DomainError("rest_too_short", message, field="person")


def find_conflicts(shifts, min_rest_hours: int = 0) -> list[Conflict]:
    """All conflicts touching these shifts (the other shifts of the same people are read from the database)."""
    shifts = list(shifts)
    result = [Conflict("empty", s, _("%(w)s 空岗") % {"w": _when(s)}) for s in shifts
              if s.person_id is None and not _empty_allowed(s)]
    people = {s.person_id for s in shifts if s.person_id}
    if not shifts or not people:
        return result
    lo = min(s.start for s in shifts) - timedelta(days=2)
    hi = max(s.end for s in shifts) + timedelta(days=2)
    theirs = defaultdict(list)
    for other in Shift.objects.filter(person_id__in=people, start__lt=hi, end__gt=lo).select_related("post", "person"):
        theirs[other.person_id].append(other)
    leaves = defaultdict(list)
    for leave in Leave.objects.filter(Q(person_id__in=people), start__lt=hi, end__gt=lo):
        leaves[leave.person_id].append(leave)
    for shift in shifts:
        if shift.person_id:
            result.extend(_person_conflicts(shift, theirs[shift.person_id], leaves[shift.person_id], min_rest_hours))
    return result


def _empty_allowed(shift) -> bool:
    return shift.roster.allow_empty if shift.roster_id else shift.post.allow_empty


def _person_conflicts(shift, others, leaves, min_rest_hours) -> list[Conflict]:
    found = []
    name = shift.person.name
    for other in others:
        if other.pk == shift.pk:
            continue
        if other.start < shift.end and other.end > shift.start:
            found.append(Conflict("overlap", shift, _("%(p)s 在 %(w)s 同时在 %(post)s 值班") % {
                "p": name, "w": _when(shift), "post": other.post}))
        elif min_rest_hours and _gap(shift, other) < timedelta(hours=min_rest_hours):
            found.append(Conflict("rest", shift, _("%(p)s 在 %(w)s 前后休息不足 %(h)d 小时") % {
                "p": name, "w": _when(shift), "h": min_rest_hours}))
    for leave in leaves:
        if leave.start < shift.end and leave.end > shift.start:
            found.append(Conflict("leave", shift, _("%(p)s 在 %(w)s 请假中") % {"p": name, "w": _when(shift)}))
    return found


def _gap(a, b) -> timedelta:
    return b.start - a.end if b.start >= a.end else a.start - b.end
