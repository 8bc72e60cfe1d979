"""填报 → 审核通过 / 退回 (core.workflow): a director role approves; the author may not approve their own.
A report or evaluation (Evaluation): 起草中 → 提交审批 → 批准, or 退回修改 with a reason; not by its drafter."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yingji.core.errors import DomainError, PermissionDeniedError
from yingji.core.workflow import Transition, Workflow, precondition

from .models import EvaluationState, ValueState

APPROVE = "indicators.approve_indicatorvalue"


@precondition
def not_the_author(record, actor, data) -> None:
    if record.entered_by_id == getattr(actor, "pk", None):
        raise PermissionDeniedError("own_entry", _("不能审核本人填报的数值"))


def needs_reason(record, actor, data) -> None:
    if not str(data.get("reason") or "").strip():
        raise DomainError("reason_required", _("请填写退回原因"), field="reason")


def _decided(record, transition, actor, data) -> None:
    record.decided_by, record.decided_at = actor, timezone.now()
    record.reason = str(data.get("reason") or "").strip()
    record.save(update_fields=["decided_by", "decided_at", "reason"])


VALUE_FLOW = Workflow("indicatorvalue", state_field="status", transitions=[
    Transition((ValueState.SUBMITTED,), "approve", ValueState.APPROVED, label=gettext_lazy("审核通过"),
               permission=APPROVE, guards=(not_the_author,)),
    Transition((ValueState.SUBMITTED,), "return", ValueState.RETURNED, label=gettext_lazy("退回"),
               permission=APPROVE, guards=(not_the_author, needs_reason)),
], on_transition=_decided)


APPROVE_EVALUATION = "indicators.approve_evaluation"


@precondition
def not_the_drafter(record, actor, data) -> None:
    if record.created_by_id == getattr(actor, "pk", None):
        raise PermissionDeniedError("own_draft", _("不能审批本人起草的报告"))


def _evaluation_step(record, transition, actor, data) -> None:
    now = timezone.now()
    if transition.target == EvaluationState.SUBMITTED:
        record.submitted_at, record.reason = now, ""
        record.save(update_fields=["submitted_at", "reason"])
    else:
        record.decided_by, record.decided_at = actor, now
        record.reason = str(data.get("reason") or "").strip()
        record.save(update_fields=["decided_by", "decided_at", "reason"])


E = EvaluationState
EVALUATION_FLOW = Workflow("evaluation", state_field="status", transitions=[
    Transition((E.DRAFTED,), "submit", E.SUBMITTED, label=gettext_lazy("提交审批"),
               permission="indicators.change_evaluation"),
    Transition((E.SUBMITTED,), "approve", E.APPROVED, label=gettext_lazy("批准"),
               permission=APPROVE_EVALUATION, guards=(not_the_drafter,)),
    Transition((E.SUBMITTED,), "return", E.DRAFTED, label=gettext_lazy("退回修改"),
               permission=APPROVE_EVALUATION, guards=(not_the_drafter, needs_reason)),
], on_transition=_evaluation_step)
