"""The alarm lifecycle as a table: 触发 → 确认 (the duty desk) → 处置中 → 解除, or 误报 from any open state."""

from django.utils import timezone
from django.utils.translation import gettext as _

from yingji.core.errors import DomainError
from yingji.core.scoping import in_scope
from yingji.core.workflow import Transition, Workflow

from .choices import AlarmState as A
from .models import Alarm, AlarmStep

HANDLE = "monitoring.handle_alarm"


def _needs_note(alarm, actor, data):
    if not str(data.get("note") or "").strip():
        raise DomainError("note_required", _("请填写说明"), field="note")


def _write(alarm, transition, actor, data):
    AlarmStep.objects.create(alarm=alarm, event=transition.event, label=transition.label,
                             from_state=data.get("_from", ""), to_state=transition.target,
                             actor=actor if actor is not None and actor.pk else None,
                             note=str(data.get("note") or "")[:2000], at=data.get("now") or timezone.now())


ALARM_FLOW = Workflow(
    "monitoring.alarm",
    state_field="state",
    transitions=[
        Transition((A.TRIGGERED,), "confirm", A.CONFIRMED, _("确认"), permission=HANDLE),
        Transition((A.CONFIRMED,), "handle", A.HANDLING, _("开始处置"), permission=HANDLE),
        Transition((A.CONFIRMED, A.HANDLING), "resolve", A.RESOLVED, _("解除"), permission=HANDLE,
                   guards=(_needs_note,)),
        Transition((A.TRIGGERED, A.CONFIRMED, A.HANDLING), "false", A.FALSE, _("误报"), permission=HANDLE,
                   guards=(_needs_note,)),
    ],
    on_transition=_write,
)


def fire_alarm(alarm: Alarm, event: str, *, actor, data: dict | None = None) -> Alarm:
    if actor is not None and not in_scope(actor, alarm):
        raise DomainError("not_found", _("未找到该报警"), field="uuid")
    data = {**(data or {}), "_from": alarm.state}
    return ALARM_FLOW.fire(alarm, event, actor=actor, data=data)
