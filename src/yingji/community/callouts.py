"""Call-outs of volunteers to an incident: each volunteer accepts or declines, checks in on site and out again;
the hours between are credited to the volunteer's service hours on check-out."""

from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from yingji.core.errors import DomainError

from .choices import Response as Reply
from .choices import ReviewState
from .models import CallOut, CallOutEntry, Volunteer


def call_out(incident, volunteers, *, task: str, place: str = "", actor=None) -> CallOut:
    """A call-out listing `volunteers` (approved ones only), all invited."""
    volunteers = list(volunteers)
    if not str(task or "").strip():
        raise DomainError("task_required", _("请填写召集任务"), field="task")
    if not volunteers:
        raise DomainError("volunteers_required", _("请至少选择一名志愿者"), field="volunteers")
    refused = [v.name for v in volunteers if v.review_state != ReviewState.APPROVED]
    if refused:
        raise DomainError("volunteer_not_approved", _("未通过审核的志愿者不能召集：%(n)s") % {"n": "、".join(refused)},
                          field="volunteers")
    with transaction.atomic():
        callout = CallOut.objects.create(incident=incident, task=task.strip()[:200], place=(place or "")[:200],
                                         created_by=actor if actor is not None and actor.pk else None)
        CallOutEntry.objects.bulk_create([CallOutEntry(callout=callout, volunteer=v) for v in volunteers])
    return callout


def _moment(value, now, field) -> datetime:
    if value in (None, ""):
        return now
    moment = value if isinstance(value, datetime) else parse_datetime(str(value))
    if moment is None:
        raise DomainError("invalid_datetime", _("时间格式应为 YYYY-MM-DDTHH:MM"), field=field)
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


def act(entry: CallOutEntry, action: str, *, at=None, now=None) -> CallOutEntry:
    """accept | decline | check_in | check_out, with the moment (`at`, default now)."""
    now = now or timezone.now()
    steps = {"accept": _reply, "decline": _reply, "check_in": _check_in, "check_out": _check_out}
    if action not in steps:
        raise DomainError("unknown_action", _("未知的操作：%(a)s") % {"a": action}, field="action")
    with transaction.atomic():
        entry = CallOutEntry.objects.select_for_update().get(pk=entry.pk)
        steps[action](entry, action, _moment(at, now, "at"))
    return entry


def _reply(entry, action, moment):
    if entry.checked_in_at is not None:
        raise DomainError("already_checked_in", _("已签到，不能再更改回复"), field="action")
    entry.response = Reply.ACCEPTED if action == "accept" else Reply.DECLINED
    entry.responded_at = moment
    entry.save(update_fields=["response", "responded_at"])


def _check_in(entry, action, moment):
    if entry.response != Reply.ACCEPTED:
        raise DomainError("not_accepted", _("志愿者接受召集后才能签到"), field="action")
    if entry.checked_in_at is not None:
        raise DomainError("already_checked_in", _("已签到"), field="action")
    entry.checked_in_at = moment
    entry.save(update_fields=["checked_in_at"])


def _check_out(entry, action, moment):
    if entry.checked_in_at is None:
        raise DomainError("not_checked_in", _("尚未签到，不能签退"), field="action")
    if entry.checked_out_at is not None:
        raise DomainError("already_checked_out", _("已签退"), field="action")
    if moment <= entry.checked_in_at:
        raise DomainError("check_out_before_check_in", _("签退时间须晚于签到时间"), field="at")
    hours = Decimal((moment - entry.checked_in_at).total_seconds() / 3600).quantize(Decimal("0.1"), ROUND_HALF_UP)
    entry.checked_out_at, entry.hours = moment, hours
    entry.save(update_fields=["checked_out_at", "hours"])
    Volunteer.objects.filter(pk=entry.volunteer_id).update(service_hours=F("service_hours") + hours)
