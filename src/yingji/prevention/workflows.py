"""The hazard rectification loop as a table (issue 16): 上报 → 核实 → 下达整改 → 整改中 → 申请验收 → 复查 → 销号,
with 退回 at each check. A 重大 hazard needs the 五落实 (责任、措施、资金、时限、预案) before 下达整改 completes."""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from yingji.core.errors import DomainError, PermissionDeniedError
from yingji.core.events import publish
from yingji.core.scoping import in_scope
from yingji.core.workflow import Transition, Workflow

from .choices import HazardGrade, HazardSource
from .choices import HazardState as H
from .models import Hazard, HazardStep
from .models.hazards import FIVE_IMPLEMENTATIONS

VERIFY = "prevention.verify_hazard"
CHANGE = "prevention.change_hazard"
RECTIFY = "prevention.rectify_hazard"
REPORT = "prevention.add_hazard"


def _today(data):
    return data.get("today") or timezone.localdate()


def _date(data, field, label):
    value = data.get(field)
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value or "").strip())
    except ValueError:
        raise DomainError("date_required" if not value else "invalid_date",
                          _("请填写%(l)s（YYYY-MM-DD）") % {"l": label}, field=field) from None


def _needs_deadline(hazard, actor, data):
    deadline = _date(data, "deadline", _("整改期限"))
    if deadline < _today(data):
        raise DomainError("deadline_in_past", _("整改期限不能早于今天"), field="deadline")
    data["deadline"] = deadline


def _plan_value(hazard, data, field):
    value = data.get(field, getattr(hazard, field))
    if field == "plan_deadline" and value not in (None, ""):
        return _date({field: value}, field, _("治理时限"))
    if field == "plan_funds" and value not in (None, ""):
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            raise DomainError("invalid_number", _("治理资金必须是数字"), field=field) from None
        if not number.is_finite() or number < 0:
            raise DomainError("invalid_number", _("治理资金必须是非负数字"), field=field)
        return number
    return value.strip() if isinstance(value, str) else value


def _five_implementations(hazard, actor, data):
    """五落实 for a 重大 hazard: all five present (from the record or the step's data)."""
    plan = {field: _plan_value(hazard, data, field) for field, _label in FIVE_IMPLEMENTATIONS}
    if hazard.grade == HazardGrade.MAJOR:
        missing = [(f, str(label)) for f, label in FIVE_IMPLEMENTATIONS if plan[f] in (None, "")]
        if missing:
            raise DomainError("five_implementations_required",
                              _("重大隐患须落实治理方案“五落实”，尚缺：%(m)s")
                              % {"m": "、".join(m[1] for m in missing)},
                              field=missing[0][0])
    data["plan"] = {f: v for f, v in plan.items() if v not in (None, "")}


def _needs_reason(hazard, actor, data):
    if not str(data.get("reason") or "").strip():
        raise DomainError("reason_required", _("退回须填写理由"), field="reason")


def _write(hazard, transition, actor, data):
    if transition.event == "order":
        hazard.deadline = data["deadline"]
    if transition.event in ("order", "start"):
        for field, value in data["plan"].items():
            setattr(hazard, field, value)
    if transition.target == H.CLOSED:
        hazard.closed_on = _today(data)
        _review_item_done(hazard)
    hazard.updated_by = actor if actor is not None and actor.pk else hazard.updated_by
    hazard.save()
    HazardStep.objects.create(hazard=hazard, event=transition.event, label=transition.label,
                              from_state=data.get("_from", ""), to_state=transition.target,
                              actor=actor if actor is not None and actor.pk else None,
                              note=str(data.get("reason") or data.get("note") or _plan_note(hazard, transition)
                                       )[:2000],
                              at=data.get("now") or timezone.now())


def _review_item_done(hazard) -> None:
    """销号 of a hazard filed from an incident review's rectification item (转为隐患) completes that item: the review
    and its DOCX then read 已完成 (the item's own save, so the audit trail records it)."""
    item = hazard.review_item
    if item is not None and not item.done:
        item.done = True
        item.save(update_fields=["done"])


def _plan_note(hazard, transition) -> str:
    """The 治理方案 as the history records it (in the district's language, whoever acted), on the steps that set
    it for a 重大 hazard."""
    if transition.event not in ("order", "start") or hazard.grade != HazardGrade.MAJOR:
        return ""
    with translation.override(settings.LANGUAGE_CODE):
        values = [f"{Hazard._meta.get_field(field).verbose_name}：{_shown(getattr(hazard, field))}"
                  for field, _label in FIVE_IMPLEMENTATIONS]
        return _("治理方案（五落实）") + "——" + "；".join(values)


def _shown(value) -> str:
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    return value.isoformat() if isinstance(value, dt.date) else str(value or "—")


HAZARD_FLOW = Workflow(
    "hazard",
    state_field="state",
    transitions=[
        Transition((H.REPORTED,), "verify", H.VERIFIED, _("核实"), permission=VERIFY),
        Transition((H.REPORTED,), "return", H.RETURNED, _("退回"), permission=VERIFY, guards=(_needs_reason,)),
        Transition((H.RETURNED,), "resubmit", H.REPORTED, _("重新上报"), permission=REPORT),
        Transition((H.VERIFIED,), "order", H.ORDERED, _("下达整改"), permission=VERIFY,
                   guards=(_needs_deadline, _five_implementations)),
        Transition((H.ORDERED,), "start", H.RECTIFYING, _("开始整改"), permission=RECTIFY,
                   guards=(_five_implementations,)),  # the unit's 治理方案 (重大: 五落实) as it starts
        Transition((H.RECTIFYING,), "apply", H.ACCEPTANCE, _("申请验收"), permission=RECTIFY),
        Transition((H.ACCEPTANCE,), "recheck", H.RECHECKED, _("复查合格"), permission=VERIFY),
        Transition((H.ACCEPTANCE, H.RECHECKED), "return", H.RECTIFYING, _("退回"), permission=VERIFY,
                   guards=(_needs_reason,)),
        Transition((H.RECHECKED,), "close", H.CLOSED, _("销号"), permission=VERIFY),
    ],
    on_transition=_write,
)

# Who acts in each state (the to-do inbox): the step's permission.
WAITING = {H.REPORTED: VERIFY, H.VERIFIED: VERIFY, H.ORDERED: RECTIFY, H.RECTIFYING: RECTIFY,
           H.ACCEPTANCE: VERIFY, H.RECHECKED: VERIFY, H.RETURNED: REPORT}


def fire_hazard(hazard: Hazard, event: str, *, actor, data: dict | None = None) -> Hazard:
    """The one way a hazard moves: in the actor's reach (township, and the enterprise for enterprise accounts)."""
    if actor is not None and not in_scope(actor, hazard):
        raise DomainError("not_found", _("未找到该隐患"), field="uuid")
    data = {**(data or {}), "_from": hazard.state}
    return HAZARD_FLOW.fire(hazard, event, actor=actor, data=data)


def available_steps(hazard: Hazard, user) -> list:
    """The steps `user` may take on `hazard` now (none outside the user's reach): the page's buttons."""
    return HAZARD_FLOW.available(hazard, user) if in_scope(user, hazard) else []


def _history(hazard, event, label, actor, note, now=None) -> None:
    """A row of the hazard's history for an action that keeps its state, and its outbox event."""
    HazardStep.objects.create(hazard=hazard, event=event, label=label, from_state=hazard.state,
                              to_state=hazard.state, actor=actor if actor is not None and actor.pk else None,
                              note=note[:2000], at=now or timezone.now())
    publish(f"hazard.{event}", {"uuid": str(hazard.uuid), "title": f"{hazard} · {label}"}, aggregate=hazard,
            region=hazard.region)


def link_incident(hazard: Hazard, incident, *, actor) -> Hazard:
    """关联事件: the hazard turned into this accident (the caller has checked the incident is in the user's reach)."""
    if not in_scope(actor, hazard):
        raise DomainError("not_found", _("未找到该隐患"), field="uuid")
    if not actor.has_perm(CHANGE):
        raise PermissionDeniedError("permission_denied", _("您没有权限关联事件"))
    with transaction.atomic():
        hazard = Hazard.objects.select_for_update().get(pk=hazard.pk)
        hazard.incident, hazard.updated_by = incident, actor
        hazard.save()
        _history(hazard, "link_incident", _("关联事件"), actor, f"{incident.code} {incident.name}")
    return hazard


def hazard_from_review_item(item, *, actor) -> Hazard:
    """转为隐患: an incident review's rectification item becomes a hazard (source 事故复盘) linked to the incident;
    a second time gives the hazard already filed."""
    if not actor.has_perm(REPORT):
        raise PermissionDeniedError("permission_denied", _("您没有上报隐患的权限"))
    incident = item.review.incident
    with transaction.atomic():
        existing = Hazard.objects.filter(review_item=item).first()
        if existing is not None:
            return existing
        hazard = Hazard.objects.create(
            name=item.content[:200], source=HazardSource.REVIEW, region=incident.region, incident=incident,
            review_item=item, plan_responsible=(item.owner or "")[:100], plan_deadline=item.due_date,
            description=_("事件“%(n)s”应急评估的整改事项") % {"n": incident.name}, created_by=actor, updated_by=actor)
        _history(hazard, "from_review", _("由评估整改事项转入"), actor, item.content)
    return hazard
