"""Single shifts and leaves: a manual shift (an override) and a leave, each checked for conflicts."""

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yingji.core.errors import DomainError, PermissionDeniedError
from yingji.core.scoping import ensure_in_jurisdiction

from .choices import ShiftSource
from .conflicts import check_assignment
from .journal import real_user
from .models import Leave, Shift


def _may_roster(actor, region):
    if actor is not None and not actor.has_perm("duty.add_shift"):
        raise PermissionDeniedError("permission_denied", _("您没有排班的权限"))
    ensure_in_jurisdiction(actor, region)


def assign_shift(*, actor, post, start, end, person=None, label="", note="") -> Shift:
    """Add one shift by hand. Refused when it overlaps another shift of the post or of the person."""
    _may_roster(actor, post.region)
    if end <= start:
        raise DomainError("end_before_start", _("结束时间须晚于开始时间"), field="end")
    if end - start > timedelta(hours=48):
        raise DomainError("shift_too_long", _("单个班次不能超过48小时"), field="end")
    if person is None and not post.allow_empty:
        raise DomainError("post_left_empty", _("该岗位不允许空岗，请选择值班人员"), field="person")
    with transaction.atomic():
        clash = Shift.objects.filter(post=post, start__lt=end, end__gt=start).first()
        if clash is not None:
            raise DomainError("shift_overlap", _("与本岗位已有班次（%(s)s）时间重叠") % {"s": clash}, field="start")
        check_assignment(person, start, end)
        return Shift.objects.create(post=post, region=post.region, duty_date=timezone.localtime(start).date(),
                                    label=(label or _("加班")).strip()[:16], start=start, end=end, person=person,
                                    source=ShiftSource.MANUAL, note=(note or "")[:200])


def staff_shift(*, actor, shift, person) -> Shift:
    """Put someone on an empty shift (an override by the roster keeper); a staffed shift changes by a swap."""
    _may_roster(actor, shift.region)
    if person is None:
        raise DomainError("person_required", _("请选择值班人员"), field="person")
    with transaction.atomic():
        shift = Shift.objects.select_for_update().get(pk=shift.pk)
        if shift.person_id is not None:
            raise DomainError("shift_staffed", _("该班次已有值班人员，请用调班"), field="person")
        check_assignment(person, shift.start, shift.end, exclude=[shift.pk])
        shift.person, shift.source = person, ShiftSource.MANUAL
        shift.save()
    return shift


def _check_leave_period(start, end) -> None:
    if end <= start:
        raise DomainError("end_before_start", _("结束时间须晚于开始时间"), field="end")


def record_leave(*, actor, person, start, end, reason="") -> Leave:
    """Record a leave. Shifts the person holds meanwhile are not refused: they show as conflicts on the calendar."""
    _may_roster(actor, person.region)
    _check_leave_period(start, end)
    return Leave.objects.create(person=person, region=person.region, start=start, end=end,
                                reason=(reason or "").strip()[:200], created_by=real_user(actor))


def change_leave(leave, *, actor, start, end, reason="") -> Leave:
    """Correct a leave's dates or reason (the person stays); checked and reported like `record_leave`."""
    _may_roster(actor, leave.region)
    _check_leave_period(start, end)
    with transaction.atomic():
        leave = Leave.objects.select_for_update().get(pk=leave.pk)
        leave.start, leave.end, leave.reason = start, end, (reason or "").strip()[:200]
        leave.save(update_fields=["start", "end", "reason"])
    return leave


def withdraw_leave(leave, *, actor) -> None:
    _may_roster(actor, leave.region)
    with transaction.atomic():
        leave.delete()


def day_bounds(day) -> tuple[datetime, datetime]:
    start = timezone.make_aware(datetime.combine(day, datetime.min.time()))
    return start, start + timedelta(days=1)
