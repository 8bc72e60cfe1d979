"""Writes of the consultation app, each in one transaction with its audit rows, events and timeline entries.

convene → the invitees are told (the `consultation.convened` event: the to-do inbox's notice to the invited
units' accounts, and an SMS to each expert on the task SMS channel) → each acknowledges (a unit's account, or the
convener for an expert reached by phone) → attendance and minutes → decisions, each becoming a response task
(plans) or a duty instruction (duty) in the same step → close. An incident's consultation and its decisions are on
the incident's timeline."""

import secrets
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from yingji.core.errors import ConflictError, DomainError, PermissionDeniedError
from yingji.core.events import publish
from yingji.core.models import Organization, OrganizationKind
from yingji.core.scoping import PICK, ensure_in_jurisdiction, scope_to_user
from yingji.core.sequences import next_code

from .choices import DecisionKind, InviteeKind, State, Subject
from .models import Consultation, Decision, Invitee, RoomTemplate

DEPARTMENT_KINDS = (OrganizationKind.DEPARTMENT, OrganizationKind.EMERGENCY_BUREAU, OrganizationKind.FIRE_RESCUE,
                    OrganizationKind.ENTERPRISE, OrganizationKind.SOCIAL)
TIMELINE_KIND, DECISION_KIND = "consultation", "consult_decision"


def _need(user, permission: str, message) -> None:
    if user is not None and not user.has_perm(permission):
        raise PermissionDeniedError("permission_denied", message)


def _text(value, field: str, message, limit: int) -> str:
    text = (value or "").strip() if isinstance(value, str) else ""
    if not text:
        raise DomainError(f"{field}_required", message, field=field)
    if len(text) > limit:
        raise DomainError("too_long", _("内容过长（最多 %(n)d 字）") % {"n": limit}, field=field)
    return text


def _moment(value, field: str) -> datetime:
    from django.utils.dateparse import parse_datetime

    from yingji.core.validators import date_range_error

    try:
        moment = value if isinstance(value, datetime) else parse_datetime(str(value or "").strip())
    except ValueError:  # well formed but not a time (month 13): parse_datetime raises
        moment = None
    if moment is None:
        raise DomainError("invalid_datetime", _("请填写正确的时间"), field=field)
    error = date_range_error(moment)
    if error is not None:
        raise DomainError("date_out_of_range", error.message, field=field)
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


def _timeline(consultation, *, kind, title, body="", actor=None, data=None):
    if consultation.incident_id is None:
        return
    from yingji.incidents import timeline
    from yingji.incidents.titles import canonical

    timeline.write(consultation.incident, kind=kind, title=canonical(*title[:1], **title[1]), body=body,
                   actor=actor, data={"consultation": str(consultation.uuid), **(data or {})})


def _organizations(user, codes, kinds) -> list[Organization]:
    codes = [c for c in dict.fromkeys(codes or []) if c]
    found = {o.code: o for o in Organization.objects.filter(code__in=codes, kind__in=kinds)}
    missing = [c for c in codes if c not in found]
    if missing:
        raise DomainError("unknown_organization", _("单位不存在：%(c)s") % {"c": "、".join(missing[:5])},
                          field="townships" if OrganizationKind.TOWNSHIP in kinds else "departments")
    return [found[c] for c in codes]


def _experts(user, codes):
    from yingji.resources.models import Expert

    codes = [c for c in dict.fromkeys(codes or []) if c]
    found = {e.code: e for e in scope_to_user(Expert.objects.filter(code__in=codes), user, PICK)}
    missing = [c for c in codes if c not in found]
    if missing:
        raise DomainError("unknown_expert", _("专家不存在或不可选：%(c)s") % {"c": "、".join(missing[:5])},
                          field="experts")
    return [found[c] for c in codes]


def _subject(user, incident, warning, subject):
    if incident is not None:
        ensure_in_jurisdiction(user, incident.region)
        return Subject.INCIDENT
    if warning is not None:
        return Subject.WARNING
    if subject != Subject.FORECAST:
        raise DomainError("subject_required", _("请选择会商的事件或预警，或选择趋势研判"), field="incident")
    return Subject.FORECAST


def convene(*, actor, title, scheduled_at, agenda, incident=None, warning=None, subject="", room_template=None,
            place="", departments=(), townships=(), experts=(), now=None) -> Consultation:
    now = now or timezone.now()
    _need(actor, "consultation.convene_consultation", _("您没有召集会商的权限"))
    kind = _subject(actor, incident, warning, subject)
    title = _text(title, "title", _("请填写会商主题"), 200)
    agenda = _text(agenda, "agenda", _("请填写会商议程"), 4000)
    scheduled_at = _moment(scheduled_at, "scheduled_at")
    if scheduled_at < now - timezone.timedelta(hours=1):
        raise DomainError("scheduled_in_past", _("会商时间不能早于现在一小时以上"), field="scheduled_at")
    if room_template is not None and not scope_to_user(RoomTemplate.objects.filter(pk=room_template.pk), actor,
                                                       PICK).exists():
        raise DomainError("unknown_room_template", _("会议系统不可选"), field="room_template")
    invited = ([(InviteeKind.DEPARTMENT, o) for o in _organizations(actor, departments, DEPARTMENT_KINDS)]
               + [(InviteeKind.TOWNSHIP, o) for o in _organizations(actor, townships, (OrganizationKind.TOWNSHIP,))])
    expert_rows = _experts(actor, experts)
    if not invited and not expert_rows:
        raise DomainError("invitees_required", _("请至少邀请一个部门、乡镇（街道）或专家"), field="departments")
    region = actor.region
    with transaction.atomic():
        consultation = Consultation.objects.create(
            code=next_code("HS", now, 3), title=title, subject=kind, incident=incident, warning=warning,
            region=region, scheduled_at=scheduled_at, agenda=agenda, room_template=room_template,
            room=f"yingji-{secrets.token_hex(6)}" if room_template is not None else "", place=(place or "")[:200],
            convened_by=actor, convened_at=now)
        rows = _add_invitees(consultation, invited, expert_rows, now)
        publish("consultation.convened", {"uuid": str(consultation.uuid), "title": title},
                aggregate=consultation, region=region, key=f"consultation-convened:{consultation.uuid}")
        tell_by_sms(consultation, rows)
        _timeline(consultation, kind=TIMELINE_KIND, actor=actor,
                  title=(gettext_noop("召集会商：%(t)s"), {"t": title}), body=agenda)
    return consultation


def _add_invitees(consultation, invited, experts, now) -> list[Invitee]:
    rows = [Invitee.objects.create(consultation=consultation, kind=kind, organization=organization,
                                   name=organization.short_name or organization.name, notified_at=now)
            for kind, organization in invited]
    return rows + [Invitee.objects.create(consultation=consultation, kind=InviteeKind.EXPERT, expert=expert,
                                          name=f"{expert.name}（{expert.get_field_display()}）", notified_at=now)
                   for expert in experts]


def invite(*, actor, consultation, departments=(), townships=(), experts=(), now=None) -> list[Invitee]:
    """More departments, townships or experts invited to a consultation not yet closed; they are told as at
    convening (the `consultation.invited` event for the units' accounts, an SMS with a confirmation link)."""
    now = now or timezone.now()
    _need(actor, "consultation.run_consultation", _("您没有主持会商的权限"))
    _editable(consultation)
    invited = ([(InviteeKind.DEPARTMENT, o) for o in _organizations(actor, departments, DEPARTMENT_KINDS)]
               + [(InviteeKind.TOWNSHIP, o) for o in _organizations(actor, townships, (OrganizationKind.TOWNSHIP,))])
    expert_rows = _experts(actor, experts)
    if not invited and not expert_rows:
        raise DomainError("invitees_required", _("请至少邀请一个部门、乡镇（街道）或专家"), field="departments")
    present = consultation.invitees.all()
    orgs = {i.organization_id for i in present if i.organization_id}
    known = {i.expert_id for i in present if i.expert_id}
    twice = [o.short_name or o.name for _k, o in invited if o.pk in orgs] + [e.name for e in expert_rows
                                                                             if e.pk in known]
    if twice:
        raise DomainError("already_invited", _("已邀请：%(n)s") % {"n": "、".join(twice[:5])},
                          field="experts" if not invited else "departments")
    with transaction.atomic():
        rows = _add_invitees(consultation, invited, expert_rows, now)
        _tell_invited(consultation, rows)
    return rows


def _tell_invited(consultation, rows) -> None:
    """The new invitees are told as at convening: the `consultation.invited` event (the units' accounts) and an SMS
    with a confirmation link (experts). In the caller's transaction."""
    publish("consultation.invited", {"uuid": str(consultation.uuid), "title": consultation.title,
                                     "invitees": [r.pk for r in rows]},
            aggregate=consultation, region=consultation.region)
    tell_by_sms(consultation, rows)


def _expert_field(field):
    from yingji.resources.choices import ExpertField

    if not isinstance(field, str) or field not in ExpertField.values:
        raise DomainError("invalid_field", _("请选择专业领域"), field="field")
    return field, ExpertField(field).label


def field_experts(*, actor, consultation, field) -> dict:
    """The preview of inviting a whole expert field (专业领域): the experts of the field the convener may pick
    (the expert registry of the resources app, by jurisdiction), split into those to invite, those already invited
    and those marked 不可调用 (left out)."""
    from yingji.resources.choices import Availability
    from yingji.resources.models import Expert

    _need(actor, "consultation.run_consultation", _("您没有主持会商的权限"))
    field, label = _expert_field(field)
    experts = list(scope_to_user(Expert.objects.filter(field=field), actor, PICK).order_by("code"))
    known = set(consultation.invitees.filter(expert__isnull=False).values_list("expert_id", flat=True))
    unavailable = [e for e in experts if e.availability == Availability.UNAVAILABLE and e.pk not in known]
    return {"field": field, "label": label,
            "to_invite": [e for e in experts if e.pk not in known and e not in unavailable],
            "already_invited": [e for e in experts if e.pk in known], "unavailable": unavailable}


def invite_field(*, actor, consultation, field, now=None) -> list[Invitee]:
    """Invite every expert of a field at once (after the preview, `field_experts`): idempotent — experts already
    invited are skipped, and a second call creates and tells nobody. The new invitees are told as `invite` does."""
    now = now or timezone.now()
    _need(actor, "consultation.run_consultation", _("您没有主持会商的权限"))
    _editable(consultation)
    field, label = _expert_field(field)
    with transaction.atomic():
        # One invitation at a time per consultation: two presses of the button cannot invite an expert twice.
        Consultation.objects.select_for_update().filter(pk=consultation.pk).first()
        preview = field_experts(actor=actor, consultation=consultation, field=field)
        if not preview["to_invite"] and not preview["already_invited"]:
            raise DomainError("no_experts", _("专家库中没有可邀请的“%(f)s”专家") % {"f": label}, field="field")
        rows = _add_invitees(consultation, [], preview["to_invite"], now)
        if rows:
            _tell_invited(consultation, rows)
    return rows


def sms_channel():
    from yingji.channels.models import Channel
    from yingji.plans.notify import task_sms_channel_code

    return Channel.objects.filter(code=task_sms_channel_code(), enabled=True).first()


def _sms_recipients(invitee) -> list:
    """Who is told by SMS with a confirmation link: an expert with a mobile number; a unit with no account
    here (the fire brigade, an enterprise) through its contact people. Units with accounts are told by the to-do
    notice and confirm on the page."""
    from yingji.channels.services import Recipient
    from yingji.core.models import Person, User

    if invitee.expert_id:
        mobile = invitee.expert.mobile
        return [Recipient(name=invitee.expert.name, contacts={"phone": mobile})] if mobile else []
    if invitee.organization_id is None or User.objects.filter(organization_id=invitee.organization_id,
                                                              is_active=True).exists():
        return []
    people = Person.objects.filter(organization_id=invitee.organization_id).exclude(mobile="")
    return [Recipient(name=p.name, contacts={"phone": p.mobile}) for p in people]


def tell_by_sms(consultation, invitees) -> int:
    """One SMS per person on the task SMS channel (when enabled), each with its own confirmation link
    ({ack_url}, channels): opening it and pressing 确认 acknowledges the invitation (`acknowledge_by_link`)."""
    from yingji.channels.services import enqueue
    from yingji.core.timefmt import MINUTE, local_text

    sms = sms_channel()
    if sms is None:
        return 0
    body = _("会商通知：%(t)s，时间 %(w)s。确认参会请点击") % {
        "t": consultation.title, "w": local_text(consultation.scheduled_at.isoformat(), MINUTE)} + "：{ack_url}"
    written = 0
    for invitee in invitees:
        people = _sms_recipients(invitee)
        if people:
            written += enqueue(channel=sms, recipients=people, subject=consultation.title, body=body,
                               key_prefix=f"consultation:{consultation.uuid}:{invitee.pk}", source=invitee)
    return written


def acknowledge_by_link(*, invitee_id, message_uuid, now=None) -> Invitee | None:
    """An invitee acknowledged through the link of its SMS (the channels' `message.acknowledged`). Nothing
    happens for a consultation already closed or an invitation already acknowledged."""
    from yingji.channels.models import Message

    invitee = Invitee.objects.select_related("consultation").filter(pk=invitee_id).first()
    if invitee is None or invitee.acknowledged_at is not None or invitee.consultation.state == State.CLOSED:
        return None
    message = Message.objects.filter(uuid=message_uuid).first()
    who = message.recipient_name if message is not None else ""
    invitee.acknowledged_at = now or timezone.now()
    invitee.ack_note = (_("短信链接确认") + (f"：{who}" if who else ""))[:200]
    invitee.save()
    return invitee


def _editable(consultation):
    if consultation.state == State.CLOSED:
        raise ConflictError("consultation_closed", _("会商已结束，不能再修改"))


def my_invitations(user, consultation):
    return [i for i in consultation.invitees.all() if i.organization_id and i.organization_id == user.organization_id]


def acknowledge(*, actor, consultation, now=None) -> list[Invitee]:
    """The invited unit of `actor` confirms it will attend."""
    _editable(consultation)
    mine = [i for i in my_invitations(actor, consultation) if i.acknowledged_at is None]
    if not mine:
        raise DomainError("not_invited", _("您的单位未被邀请参加此会商，或已确认"), field="consultation")
    with transaction.atomic():
        for invitee in mine:
            invitee.acknowledged_at, invitee.acknowledged_by = now or timezone.now(), actor
            invitee.save()
    return mine


def acknowledge_for(*, actor, consultation, invitee, note="", now=None) -> Invitee:
    """The convener records an acknowledgement given another way (an expert's phone call)."""
    _need(actor, "consultation.run_consultation", _("您没有主持会商的权限"))
    _editable(consultation)
    if invitee.consultation_id != consultation.pk:
        raise DomainError("unknown_invitee", _("参加单位不存在"), field="invitee")
    if invitee.acknowledged_at is not None:
        raise ConflictError("already_acknowledged", _("已确认"))
    invitee.acknowledged_at, invitee.acknowledged_by = now or timezone.now(), actor
    invitee.ack_note = (note or _("电话确认"))[:200]
    invitee.save()
    return invitee


def record_attendance(*, actor, consultation, present: dict, now=None) -> Consultation:
    """`present`: invitee id → the name of who attended ("" absent). Opens the meeting if it is not yet open."""
    _need(actor, "consultation.run_consultation", _("您没有主持会商的权限"))
    _editable(consultation)
    with transaction.atomic():
        for invitee in consultation.invitees.all():
            name = (present.get(invitee.pk) or "").strip()[:100]
            attended = invitee.pk in present
            if (invitee.attended, invitee.attendee) != (attended, name):
                invitee.attended, invitee.attendee = attended, name
                invitee.save()
        _open(consultation, now)
    return consultation


def _open(consultation, now):
    """The first attendance, minutes or decision opens the meeting (only those fields are written: the caller's
    copy may be older than the minutes someone has just saved)."""
    current = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if current.state == State.SCHEDULED:
        current.state, current.opened_at = State.OPEN, now or timezone.now()
        current.version += 1
        current.save(update_fields=["state", "opened_at", "version"])
    consultation.state, consultation.opened_at, consultation.version = (current.state, current.opened_at,
                                                                        current.version)


def save_minutes(*, actor, consultation, minutes, expected_version=None, now=None) -> Consultation:
    _need(actor, "consultation.run_consultation", _("您没有主持会商的权限"))
    _editable(consultation)
    minutes = _text(minutes, "minutes", _("请填写会商纪要"), 20000)
    with transaction.atomic():
        current = Consultation.objects.select_for_update().get(pk=consultation.pk)
        if expected_version is not None and current.version != expected_version:
            raise ConflictError("edit_conflict", _("纪要已被他人修改，请刷新后再保存"))
        current.minutes = minutes
        current.version += 1
        if current.state == State.SCHEDULED:
            current.state, current.opened_at = State.OPEN, now or timezone.now()
        current.save()
    return current


def _active_response(incident):
    from yingji.plans.choices import ENDED
    from yingji.plans.models import Response

    return Response.objects.filter(incident=incident).exclude(level=ENDED).order_by("-activated_at").first()


def decide(*, actor, consultation, kind, text, organization, deadline, owner="", now=None) -> Decision:
    """A decision becomes, in the same transaction, a task of the incident's active response (kind task) or a
    duty instruction (kind instruction), with its owner and deadline."""
    now = now or timezone.now()
    _need(actor, "consultation.run_consultation", _("您没有主持会商的权限"))
    _editable(consultation)
    text = _text(text, "text", _("请填写决定事项"), 2000)
    if kind not in DecisionKind.values:
        raise DomainError("invalid_kind", _("请选择落实方式"), field="kind")
    if organization is None:
        raise DomainError("organization_required", _("请选择责任单位"), field="organization")
    deadline = _moment(deadline, "deadline")
    if deadline <= now:
        raise DomainError("deadline_in_past", _("完成时限须晚于现在"), field="deadline")
    owner = (owner or "").strip()[:100]
    with transaction.atomic():
        decision = Decision(consultation=consultation, kind=kind, text=text, organization=organization, owner=owner,
                            deadline=deadline, decided_by=actor, decided_at=now)
        if kind == DecisionKind.TASK:
            decision.task = _task(actor, consultation, decision, now)
        else:
            decision.instruction = _instruction(actor, consultation, decision, now)
        decision.save()
        _open(consultation, now)
        _timeline(consultation, kind=DECISION_KIND, actor=actor,
                  title=(gettext_noop("会商决定：%(t)s"), {"t": text[:60]}),
                  body=_("%(k)s · 责任单位 %(o)s%(p)s · 时限 %(d)s") % {
                      "k": decision.get_kind_display(), "o": organization.short_name or organization.name,
                      "p": f"（{owner}）" if owner else "", "d": timezone.localtime(deadline).strftime("%m-%d %H:%M")},
                  data={"decision": str(decision.uuid)})
    return decision


def _task(actor, consultation, decision, now):
    from yingji.plans.models import Task

    _need(actor, "plans.add_task", _("您没有下达响应任务的权限"))
    if consultation.incident_id is None:
        raise DomainError("no_incident", _("只有针对事件的会商才能下达响应任务，请改为值班指令"), field="kind")
    response = _active_response(consultation.incident)
    if response is None:
        raise DomainError("no_active_response", _("该事件尚未启动应急响应，请先启动响应或改为值班指令"), field="kind")
    task = Task.objects.create(
        response=response, incident=consultation.incident, region=response.region, level=response.level,
        template_key=f"consultation-{decision.uuid.hex}", title=decision.text[:200], group=_("会商决定"),
        organization=decision.organization, requirements={}, assigned_at=now, deadline=decision.deadline,
        is_demo=consultation.is_demo)
    publish("plans.task_assigned", {"uuid": str(task.uuid), "title": _("新任务：%(t)s") % {"t": task.title},
                                    "organization": decision.organization.code,
                                    "incident": consultation.incident.name, "deadline": task.deadline.isoformat()},
            aggregate=task, region=response.region, key=f"task-assigned:{task.uuid}")
    return task


def _instruction(actor, consultation, decision, now):
    from yingji.duty.dutylog import log_instruction

    assignee = decision.organization.short_name or decision.organization.name
    if decision.owner:
        assignee = f"{assignee} {decision.owner}"
    issuer = (_("会商：%(t)s") % {"t": consultation.title})[:100]
    return log_instruction(actor=actor, region=consultation.region, issuer=issuer, text=decision.text,
                           received_at=now, due_at=decision.deadline, assignee=assignee[:100], now=now)


def close(*, actor, consultation, now=None) -> Consultation:
    _need(actor, "consultation.run_consultation", _("您没有主持会商的权限"))
    now = now or timezone.now()
    with transaction.atomic():
        consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
        _editable(consultation)
        if not consultation.minutes.strip():
            raise DomainError("minutes_required", _("结束会商前请先填写会商纪要"), field="minutes")
        consultation.state, consultation.closed_at = State.CLOSED, now
        consultation.opened_at = consultation.opened_at or now
        consultation.version += 1
        consultation.save()
        publish("consultation.closed", {"uuid": str(consultation.uuid), "title": consultation.title},
                aggregate=consultation, region=consultation.region)
        _timeline(consultation, kind=TIMELINE_KIND, actor=actor,
                  title=(gettext_noop("会商结束：%(t)s"), {"t": consultation.title}), body=consultation.minutes[:2000])
    return consultation
