"""The bureau's review of a volunteer's registration: 待审核 → 已通过 / 已拒绝 (a refusal gives its reason)."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from yingji.core.errors import DomainError
from yingji.core.workflow import Transition, Workflow

from .choices import ReviewState as S

REVIEW = "community.review_volunteer"


def _needs_reason(volunteer, actor, data):
    if not str(data.get("reason") or "").strip():
        raise DomainError("reason_required", _("拒绝须填写理由"), field="reason")


def _write(volunteer, transition, actor, data):
    volunteer.review_reason = str(data.get("reason") or "").strip()[:300]
    volunteer.reviewed_at = data.get("now") or timezone.now()
    if actor is not None and actor.pk:
        volunteer.updated_by = actor
    volunteer.save(update_fields=["review_reason", "reviewed_at", "updated_by", "updated"])


VOLUNTEER_REVIEW = Workflow("volunteer_review", state_field="review_state", transitions=[
    Transition((S.PENDING,), "approve", S.APPROVED, _lazy("通过"), permission=REVIEW),
    Transition((S.PENDING,), "reject", S.REJECTED, _lazy("拒绝"), permission=REVIEW, guards=(_needs_reason,)),
    Transition((S.REJECTED, S.APPROVED), "reopen", S.PENDING, _lazy("重新审核"), permission=REVIEW),
], on_transition=_write)


def review(volunteer, event: str, *, actor, data: dict | None = None):
    return VOLUNTEER_REVIEW.fire(volunteer, event, actor=actor, data=dict(data or {}))
