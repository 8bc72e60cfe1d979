"""The duty log (值班日志): calls (linked to the incident they created or updated), instructions from
superiors followed to completion, other events, and corrections (entries are never edited)."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yingji.core.errors import DomainError, PermissionDeniedError
from yingji.core.events import publish
from yingji.core.scoping import ensure_in_jurisdiction

from . import linked
from .choices import LogKind
from .config import get_config
from .journal import write_entry
from .models import Instruction, LogEntry
from .workflows import INSTRUCTION_FLOW, fire

CALL_KINDS = (LogKind.CALL_IN, LogKind.CALL_OUT)


def _allowed(actor, region):
    if actor is not None and not actor.has_perm("duty.add_logentry"):
        raise PermissionDeniedError("permission_denied", _("您没有记录值班日志的权限"))
    ensure_in_jurisdiction(actor, region)


def _text(value, field, message):
    value = (value or "").strip()
    if not value:
        raise DomainError(f"{field}_required", message, field=field)
    return value


def log_call(*, actor, region, kind=LogKind.CALL_IN, summary, counterpart="", phone="", at=None, post=None,
             incident_uuid=None, new_incident: dict | None = None, now=None) -> LogEntry:
    """Record a call. `new_incident` (type_code, occurred_at, …) also registers an incident from it;
    `incident_uuid` links the call to an incident it updates (and notes it on that incident's timeline)."""
    now = now or timezone.now()
    _allowed(actor, region)
    if kind not in CALL_KINDS:
        raise DomainError("invalid_kind", _("请选择来电或去电"), field="kind")
    summary = _text(summary, "summary", _("请填写通话内容"))
    with transaction.atomic():
        incident = _incident_for_call(actor, region, summary, counterpart, phone, at or now, incident_uuid,
                                      new_incident, now)
        entry = write_entry(region=region, kind=kind, summary=summary, actor=actor, at=at or now, post=post,
                            counterpart=counterpart.strip()[:100], phone=phone.strip()[:32],
                            incident_uuid=incident.uuid if incident else None,
                            incident_label=incident.name[:200] if incident else "")
        publish("duty.call_logged", {"uuid": str(entry.uuid), "title": _("值班来电：%(s)s") % {"s": summary[:40]}},
                aggregate=entry, region=region)
    return entry


def _incident_for_call(actor, region, summary, counterpart, phone, at, incident_uuid, new_incident, now):
    if new_incident:
        data = {"statement": summary, "caller_name": counterpart, "caller_phone": phone, "received_at": at,
                "reporter_name": counterpart, "reporter_phone": phone, "region": region, **new_incident}
        return linked.create_incident_from_call(actor=actor, data=data, now=now)
    if incident_uuid:
        incident = linked.find_incident(incident_uuid)
        if incident is None:
            raise DomainError("unknown_incident", _("关联的事件不存在"), field="incident")
        linked.note_call_on_incident(incident, actor=actor, body=_("值班电话：%(s)s") % {"s": summary}, now=now)
        return incident
    return None


def log_event(*, actor, region, summary, at=None, post=None) -> LogEntry:
    _allowed(actor, region)
    return write_entry(region=region, kind=LogKind.EVENT, actor=actor, at=at, post=post,
                       summary=_text(summary, "summary", _("请填写事项内容")))


def correct(entry, *, actor, summary, now=None) -> LogEntry:
    """A correction is a new entry pointing at the one it corrects; the original stays as it was."""
    _allowed(actor, entry.region)
    summary = _text(summary, "summary", _("请填写更正内容"))
    return write_entry(region=entry.region, kind=entry.kind, actor=actor, at=now or timezone.now(), post=entry.post,
                       summary=summary, corrects=entry, counterpart=entry.counterpart, phone=entry.phone,
                       incident_uuid=entry.incident_uuid, incident_label=entry.incident_label)


def log_instruction(*, actor, region, issuer, text, received_at=None, due_at=None, assignee="", post=None,
                    now=None) -> Instruction:
    now = now or timezone.now()
    if actor is not None and not actor.has_perm("duty.add_instruction"):
        raise PermissionDeniedError("permission_denied", _("您没有登记上级指示的权限"))
    _allowed(actor, region)
    issuer = _text(issuer, "issuer", _("请填写指示人"))
    text = _text(text, "text", _("请填写指示内容"))
    received_at = received_at or now
    due_at = due_at or received_at + timedelta(hours=get_config().instruction_due_hours)
    if due_at <= received_at:
        raise DomainError("due_before_received", _("办理时限须晚于接收时间"), field="due_at")
    with transaction.atomic():
        entry = write_entry(region=region, kind=LogKind.INSTRUCTION, actor=actor, at=received_at, post=post,
                            counterpart=issuer[:100], summary=text)
        instruction = Instruction.objects.create(region=region, entry=entry, issuer=issuer, text=text,
                                                 received_at=received_at, due_at=due_at,
                                                 assignee=(assignee or "").strip()[:100])
        publish("duty.instruction_received", {"uuid": str(instruction.uuid), "title": str(instruction)},
                aggregate=instruction, region=region)
    return instruction


def complete_instruction(instruction, *, actor, note, now=None) -> Instruction:
    return fire(INSTRUCTION_FLOW, instruction, "complete", actor=actor,
                data={"note": note, "now": now or timezone.now()})
