"""Escalation chains: which event kinds they attach to, and saving a chain with its steps."""

import re
import uuid
from dataclasses import dataclass
from fnmatch import fnmatchcase

from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yingji.core.errors import ConflictError, DomainError, PermissionDeniedError
from yingji.core.scoping import ensure_in_jurisdiction

from . import linked
from .choices import RollCallResult, StepTarget
from .models import EscalationChain, EscalationStep, Handover, RollCallTarget

# The outbox kinds the escalation consumer listens to; a chain's event kind must fall under one of them.
LISTENED = ("incident.*", "duty.*", "handover.*", "plans.*", "task.*", "alert.*", "warning.*", "message.*",
            "prevention.*", "monitoring.*")
KIND_PATTERN = re.compile(r"^[a-z_]+(\.[a-z_*]+)+$")


@dataclass(frozen=True)
class Kind:
    label: str
    stops: tuple[str, ...]  # events on the same object that stop the chain
    settled: object = None  # (payload) -> bool, read at every step: the object no longer needs anyone


def _rollcall_answered(payload):
    return RollCallTarget.objects.filter(uuid=payload.get("uuid")).exclude(result=RollCallResult.MISSED).exists()


def _handover_accepted(payload):
    return Handover.objects.filter(uuid=payload.get("uuid"), status="accepted").exists()


def _receipt_confirmed(payload):
    """A warning message (payload uuid = channels Message) is confirmed by its recipient, or through a fallback."""
    from yingji.channels.models import Message

    try:
        message = uuid.UUID(str(payload.get("uuid")))
    except ValueError:
        return False
    # Found by index one generation at a time: an OR across the self-joins makes PostgreSQL scan the whole table,
    # which a million-recipient warning makes long.
    generation = list(Message.objects.filter(uuid=message).values_list("pk", flat=True))
    family = list(generation)
    for _fallbacks in range(2):  # a message, its fallback, and the fallback's fallback
        generation = list(Message.objects.filter(fallback_of_id__in=generation).values_list("pk", flat=True))
        family += generation
    return bool(family) and Message.objects.filter(pk__in=family, acknowledged_at__isnull=False).exists()


def same_objects(kind, source) -> list[str]:
    """The ids a stop event speaks for: its own object, and for a message, the messages it is a fallback of."""
    if not kind.startswith("message."):
        return [source]
    from yingji.channels.models import Message

    try:
        row = Message.objects.filter(uuid=uuid.UUID(source)).values_list(
            "fallback_of__uuid", "fallback_of__fallback_of__uuid").first()
    except ValueError:
        return [source]
    return [source, *(str(u) for u in row or () if u)]


# Kinds published by the incidents, plans, alerts and duty apps; any other kind under LISTENED may be used
# with the chain's own stop kinds.
KINDS = {
    "incident.reported": Kind(gettext_lazy("新接报事件未确认"),
                              ("incident.verify", "incident.respond", "incident.mark_false", "incident.merge"),
                              lambda p: linked.incident_settled(p.get("uuid"))),
    "incident.deadline_overdue": Kind(gettext_lazy("报送时限超时"), (),
                                      lambda p: linked.clock_settled(p.get("clock_id"))),
    "plans.task_assigned": Kind(gettext_lazy("任务未签收"), ("task.accept",),
                                lambda p: linked.task_settled(p.get("uuid"))),
    "duty.rollcall_missed": Kind(gettext_lazy("点名未应答"), ("duty.rollcall_acknowledged",), _rollcall_answered),
    "duty.handover_overdue": Kind(gettext_lazy("交接班超时"), ("handover.accept",), _handover_accepted),
    "warning.receipt_requested": Kind(gettext_lazy("预警接收未确认"), ("message.acknowledged",), _receipt_confirmed),
    "monitoring.alarm.raised": Kind(gettext_lazy("监测报警未确认"),
                                    ("monitoring.alarm.confirm", "monitoring.alarm.false")),
}


def kind_label(kind: str) -> str:
    return str(KINDS[kind].label) if kind in KINDS else kind


def stop_kinds(chain) -> tuple[str, ...]:
    own = tuple(k.strip() for k in chain.stop_kinds.split(",") if k.strip())
    return own + (KINDS[chain.event_kind].stops if chain.event_kind in KINDS else ())


def _check_kind(kind):
    if not KIND_PATTERN.match(kind or "") or not any(fnmatchcase(kind, p) for p in LISTENED):
        raise DomainError("invalid_event_kind", _("触发事件“%(k)s”无效：应为 %(p)s 之一下的事件类型") % {
            "k": kind, "p": "、".join(LISTENED)}, field="event_kind")


def _clean_steps(steps):
    if not steps:
        raise DomainError("no_steps", _("升级链至少需要一个步骤"), field="steps")
    cleaned = []
    for order, step in enumerate(steps, 1):
        if step.get("target") not in StepTarget.values:
            raise DomainError("invalid_target", _("第 %(n)d 步的通知对象无效") % {"n": order}, field="steps")
        if step["target"] == StepTarget.PERSON and not step.get("person"):
            raise DomainError("person_required", _("第 %(n)d 步须指定人员") % {"n": order}, field="steps")
        if step.get("channel") is None:
            raise DomainError("channel_required", _("第 %(n)d 步须选择通知通道") % {"n": order}, field="steps")
        wait = int(step.get("wait_minutes") or 0)
        if wait < 0 or wait > 7 * 24 * 60:
            raise DomainError("bad_wait", _("第 %(n)d 步的等待时间无效") % {"n": order}, field="steps")
        cleaned.append(EscalationStep(order=order, wait_minutes=wait, target=step["target"],
                                      person=step.get("person"), channel=step["channel"]))
    return cleaned


def _may_configure(actor, permission, region):
    if actor is not None and not actor.has_perm(permission):
        raise PermissionDeniedError("permission_denied", _("您没有配置升级链的权限"))
    ensure_in_jurisdiction(actor, region)


def save_chain(*, actor, code, name, region, event_kind, steps, repeat=0, stop_kinds="", enabled=True,
               instance=None) -> EscalationChain:
    """Create or edit a chain and its steps; a chain with no step is refused and nothing is saved."""
    _may_configure(actor, "duty.change_escalationchain" if instance else "duty.add_escalationchain", region)
    if not (code or "").strip() or not (name or "").strip():
        raise DomainError("name_required", _("请填写编码和名称"), field="name" if (code or "").strip() else "code")
    _check_kind(event_kind)
    cleaned = _clean_steps(steps)
    if not 0 <= int(repeat or 0) <= 10:
        raise DomainError("bad_repeat", _("重复轮数应在 0 至 10 之间"), field="repeat")
    with transaction.atomic():
        if EscalationChain.objects.filter(code=code.strip()).exclude(pk=getattr(instance, "pk", None)).exists():
            raise DomainError("duplicate_code", _("编码已存在"), field="code")
        chain = instance or EscalationChain()
        chain.code, chain.name, chain.region, chain.event_kind = code.strip(), name.strip(), region, event_kind
        chain.repeat, chain.stop_kinds, chain.enabled = int(repeat or 0), (stop_kinds or "").strip(), enabled
        chain.save()
        _replace_steps(chain, cleaned)
    return chain


def _replace_steps(chain, cleaned):
    """Steps are edited in place by their order (running escalations keep their due times and follow the edited
    recipients and channels); a step that already fired cannot be removed."""
    existing = {step.order: step for step in chain.steps.all()}
    for step in cleaned:
        old = existing.pop(step.order, None)
        step.pk, step.chain = (old.pk if old else None), chain
        step.save()
    for old in existing.values():
        try:
            old.delete()
        except ProtectedError as exc:
            raise ConflictError("chain_in_use", _("第 %(n)d 步已有升级记录，不能删除；可停用本链后新建") % {
                "n": old.order}, field="steps") from exc


def set_enabled(chain, *, actor, enabled: bool) -> EscalationChain:
    _may_configure(actor, "duty.change_escalationchain", chain.region)
    chain.enabled = enabled
    chain.save()
    return chain


def delete_chain(chain, *, actor) -> None:
    """Delete a chain that never ran; one with escalations is kept for the record (disable it instead)."""
    _may_configure(actor, "duty.delete_escalationchain", chain.region)
    if chain.escalations.exists():
        raise ConflictError("chain_in_use", _("该升级链已有升级记录，不能删除，只能停用"))
    with transaction.atomic():
        chain.delete()
