"""The annual plan's approval as a table: 制定 → 审核 → 批准 → 发布, with 退回 from 审核 (a reason required)."""

from django.utils.translation import gettext as _

from yingji.core.errors import DomainError
from yingji.core.scoping import in_scope
from yingji.core.workflow import Transition, Workflow

from .choices import PlanState as P
from .models import AnnualPlan

DRAFT = "enforcement.change_annualplan"
REVIEW = "enforcement.review_annualplan"


def _needs_reason(plan, actor, data):
    if not str(data.get("reason") or "").strip():
        raise DomainError("reason_required", _("退回须填写理由"), field="reason")


def _has_lines(plan, actor, data):
    if not plan.lines.exists():
        raise DomainError("plan_empty", _("计划没有检查明细，请先完善检查对象名录库"), field="lines")


PLAN_FLOW = Workflow(
    "enforcement_plan",
    state_field="state",
    transitions=[
        Transition((P.DRAFT,), "submit", P.REVIEWING, _("提交审核"), permission=DRAFT, guards=(_has_lines,)),
        Transition((P.REVIEWING,), "return", P.DRAFT, _("退回"), permission=REVIEW, guards=(_needs_reason,)),
        Transition((P.REVIEWING,), "approve", P.APPROVED, _("批准"), permission=REVIEW),
        Transition((P.APPROVED,), "publish", P.PUBLISHED, _("发布"), permission=REVIEW),
    ],
)


def fire_plan(plan: AnnualPlan, event: str, *, actor, data: dict | None = None) -> AnnualPlan:
    if actor is not None and not in_scope(actor, plan):
        raise DomainError("not_found", _("未找到该计划"), field="uuid")
    return PLAN_FLOW.fire(plan, event, actor=actor, data=data or {})
