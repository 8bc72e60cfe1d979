"""Generating a month's roster by rotation, keeping the rest rules (排班).

Rotation is round-robin over the given people. For every slot the next person in turn who is free is
chosen: not on another shift at the same time, not on leave, and rested (no back-to-back 24-hour
shifts; at least `min_rest_hours` since their last shift). A slot nobody can take is an error unless
the roster explicitly allows an empty post. Nothing is saved when there is an error.
"""

import calendar
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yingji.core.errors import ConflictError, DomainError, PermissionDeniedError
from yingji.core.scoping import ensure_in_jurisdiction

from .choices import ShiftSource
from .config import get_config
from .journal import real_user
from .models import Handover, Leave, Roster, Shift, SwapRequest


@dataclass
class Plan:
    shifts: list[Shift] = field(default_factory=list)
    empty: list[str] = field(default_factory=list)


def month_start(value: date) -> date:
    return value.replace(day=1)


def month_days(month: date) -> list[date]:
    count = calendar.monthrange(month.year, month.month)[1]
    return [month.replace(day=d) for d in range(1, count + 1)]


def slots(post, month: date):
    segments = post.pattern.segment_list()
    for day in month_days(month):
        for segment in segments:
            start, end = segment.bounds(day)
            yield day, segment, start, end


class _Busy:
    """What each person already does in and around the month (other posts, leaves, this plan)."""

    def __init__(self, people, post, month):
        lo = timezone.make_aware(datetime.combine(month, time())) - timedelta(days=2)
        hi = lo + timedelta(days=36)
        ids = [p.pk for p in people]
        self.spans = {pk: [] for pk in ids}
        others = Shift.objects.filter(person_id__in=ids, start__lt=hi, end__gt=lo)
        for shift in others.exclude(post=post, duty_date__in=month_days(month)):
            self.spans[shift.person_id].append((shift.start, shift.end))
        self.leaves = {pk: [] for pk in ids}
        for leave in Leave.objects.filter(person_id__in=ids, start__lt=hi, end__gt=lo):
            self.leaves[leave.person_id].append((leave.start, leave.end))

    def free(self, person, start, end, rest) -> bool:
        if any(s < end and e > start for s, e in self.leaves[person.pk]):
            return False
        back_to_back = end - start >= timedelta(hours=24)
        for s, e in self.spans[person.pk]:
            if s < end + rest and e > start - rest:
                return False
            if back_to_back and (e == start or s == end):
                return False
        return True

    def take(self, person, start, end):
        self.spans[person.pk].append((start, end))


def plan_roster(post, month: date, people, *, min_rest_hours: int, allow_empty: bool) -> Plan:
    month, people, plan = month_start(month), list(people), Plan()
    busy, rest, turn = _Busy(people, post, month), timedelta(hours=min_rest_hours), 0
    for day, segment, start, end in slots(post, month):
        chosen = None
        for offset in range(len(people)):
            candidate = people[(turn + offset) % len(people)]
            if busy.free(candidate, start, end, rest):
                chosen, turn = candidate, (turn + offset + 1) % len(people)
                busy.take(candidate, start, end)
                break
        if chosen is None:
            plan.empty.append(f"{day:%m月%d日} {segment.label}")
        plan.shifts.append(Shift(post=post, region=post.region, duty_date=day, label=segment.label, start=start,
                                 end=end, person=chosen, source=ShiftSource.GENERATED))
    if plan.empty and not allow_empty:
        shown = "、".join(plan.empty[:5]) + (_(" 等") if len(plan.empty) > 5 else "")
        message = _("排班后有 %(n)d 个班次空岗：%(s)s。请增加轮班人员、放宽休息要求，或勾选“允许空岗”")
        raise DomainError("post_left_empty", message % {"n": len(plan.empty), "s": shown}, field="people")
    return plan


def _check(actor, post, people):
    if actor is not None and not actor.has_perm("duty.add_shift"):
        raise PermissionDeniedError("permission_denied", _("您没有排班的权限"))
    ensure_in_jurisdiction(actor, post.region)
    if not people:
        raise DomainError("no_people", _("请选择轮班人员"), field="people")
    if len({p.pk for p in people}) != len(people):
        raise DomainError("duplicate_people", _("轮班人员有重复"), field="people")


def generate_roster(*, actor, post, month: date, people, min_rest_hours=None, allow_empty=None, bulk=False) -> Roster:
    """Generate (or regenerate) one post's roster for a month. Atomic: all shifts or none."""
    people = list(people)
    _check(actor, post, people)
    month = month_start(month)
    rest = get_config().min_rest_hours if min_rest_hours is None else int(min_rest_hours)
    allow = post.allow_empty if allow_empty is None else bool(allow_empty)
    with transaction.atomic():
        existing = Shift.objects.filter(post=post, duty_date__in=month_days(month))
        if (SwapRequest.objects.filter(shift__in=existing).exists()
                or Handover.objects.filter(outgoing_shift__in=existing).exists()):
            raise ConflictError("roster_has_swaps", _("本月该岗位已有调班或交接班记录，不能重新生成；请逐班调整"))
        plan = plan_roster(post, month, people, min_rest_hours=rest, allow_empty=allow)
        for shift in existing:
            shift.delete()
        roster = Roster.objects.filter(post=post, month=month).first() or Roster(post=post, month=month)
        roster.region, roster.rotation, roster.min_rest_hours = post.region, [p.code for p in people], rest
        roster.allow_empty, roster.created_by = allow, real_user(actor)
        roster.save()
        for shift in plan.shifts:
            shift.roster = roster
        if bulk:
            Shift.objects.bulk_create(plan.shifts)
        else:
            for shift in plan.shifts:
                shift.save()
    return roster
