"""Handover (交接班): at a shift's end the pending items are gathered; the outgoing officer adds remarks
and submits; the incoming officer accepts or returns it with a reason. Late handovers escalate."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yingji.core.errors import PermissionDeniedError
from yingji.core.events import publish
from yingji.core.scoping import ensure_in_jurisdiction
from yingji.core.timefmt import SHORT, local_text

from . import linked
from .choices import EscalationStatus, HandoverStatus, InstructionStatus, RollCallResult
from .config import get_config
from .models import Escalation, Handover, Instruction, RollCallTarget, Shift
from .workflows import HANDOVER_FLOW, fire


def _local(value) -> str:
    return local_text(value, SHORT)


def gather(region, now=None) -> list[dict]:
    """The pending items a handover carries, as a snapshot: [{"key", "title", "items": [text, …]}]."""
    now = now or timezone.now()
    sections = [
        ("incidents", _("未结事件及报送时限"), [_incident_line(i) for i in linked.open_incidents(region, now)]),
        ("tasks", _("未签收的任务"), linked.unacknowledged_tasks(region)),
        ("warnings", _("生效中的预警"), [f"{w['name']} {w['level']}".strip()
                                         for w in linked.warnings_in_force(region, now)]),
        ("instructions", _("未办结的上级指示"), _instruction_lines(region, now)),
        ("escalations", _("未确认的升级通知"), _escalation_lines(region)),
        ("roll_calls", _("未应答的点名"), _roll_call_lines(region)),
        ("roster", _("排班情况"), _roster_lines(region, now)),
    ]
    return [{"key": key, "title": str(title), "items": items} for key, title, items in sections]


def _incident_line(row) -> str:
    clocks = "；".join(f"{c['name']} {c['due_at']}（{c['state']}）" for c in row["clocks"])
    return f"{row['name']}〔{row['status']}〕" + (f" —— {clocks}" if clocks else "")


def _instruction_lines(region, now):
    rows = Instruction.objects.filter(status=InstructionStatus.OPEN, region__path__startswith=region.path)
    return [f"{i.issuer}：{i.text[:60]}（时限 {_local(i.due_at)}{_('，已超时') if i.is_overdue(now) else ''}）"
            for i in rows.order_by("due_at")]


def _escalation_lines(region):
    rows = Escalation.objects.filter(status=EscalationStatus.ACTIVE, region__path__startswith=region.path)
    return [f"{e.title}（{_local(e.started_at)} 起）" for e in rows.order_by("started_at")[:30]]


def _roll_call_lines(region):
    rows = RollCallTarget.objects.filter(result__in=(RollCallResult.PENDING, RollCallResult.MISSED),
                                         roll_call__region__path__startswith=region.path).select_related(
        "organization", "roll_call")
    return [f"{t.organization.short_name or t.organization.name}：{t.roll_call.message}（{t.get_result_display()}）"
            for t in rows[:30]]


def _roster_lines(region, now):
    soon = Shift.objects.filter(region__path__startswith=region.path, start__gte=now,
                                start__lt=now + timedelta(hours=24), person__isnull=True).select_related("post")
    return [_("空岗：%(p)s %(t)s %(l)s") % {"p": s.post.name, "t": _local(s.start), "l": s.label} for s in soon[:30]]


def next_shift(shift):
    return Shift.objects.filter(post=shift.post, start__gte=shift.end).order_by("start").first()


def open_handover(*, shift, actor=None, now=None, is_demo=False) -> Handover:
    """The handover of one shift (created once): due a grace period after the shift ends."""
    if actor is not None and not actor.has_perm("duty.add_handover"):
        raise PermissionDeniedError("permission_denied", _("您没有发起交接班的权限"))
    ensure_in_jurisdiction(actor, shift.region)
    grace = timedelta(minutes=get_config().handover_grace_minutes)
    handover, _created = Handover.objects.get_or_create(
        outgoing_shift=shift,
        defaults={"post": shift.post, "region": shift.region, "incoming_shift": next_shift(shift),
                  "due_at": shift.end + grace, "pending": gather(shift.post.region, now), "is_demo": is_demo},
    )
    return handover


def submit(handover, *, actor, remarks="", notes="", now=None) -> Handover:
    now = now or timezone.now()
    data = {"remarks": remarks, "notes": notes, "now": now, "pending": gather(handover.post.region, now)}
    return fire(HANDOVER_FLOW, handover, "submit", actor=actor, data=data)


def accept(handover, *, actor, now=None) -> Handover:
    return fire(HANDOVER_FLOW, handover, "accept", actor=actor, data={"now": now or timezone.now()})


def return_handover(handover, *, actor, reason, now=None) -> Handover:
    return fire(HANDOVER_FLOW, handover, "return", actor=actor, data={"reason": reason, "now": now or timezone.now()})


def sweep(now) -> dict:
    """Scheduler: open handovers for shifts that just ended; announce those not accepted in time."""
    lookback = now - timedelta(hours=get_config().handover_lookback_hours)
    ended = Shift.objects.filter(post__requires_handover=True, end__lte=now, end__gt=lookback,
                                 handovers_out__isnull=True).select_related("post__region").defer("post__region__geometry")
    opened = 0
    for shift in ended:
        open_handover(shift=shift, now=now)
        opened += 1
    late = Handover.objects.filter(due_at__lte=now, overdue_notified_at__isnull=True).exclude(
        status=HandoverStatus.ACCEPTED)
    overdue = 0
    for handover in late.select_related("post", "outgoing_shift"):
        with transaction.atomic():
            publish("duty.handover_overdue",
                    {"uuid": str(handover.uuid), "title": _("交接班超时未完成：%(h)s") % {"h": handover}},
                    aggregate=handover, region=handover.region, key=f"duty.handover_overdue:{handover.uuid}")
            Handover.objects.filter(pk=handover.pk).update(overdue_notified_at=now)
        overdue += 1
    return {"handovers_opened": opened, "handovers_overdue": overdue}
