"""制作 → 审核 → 签发 → 发布, and 急发, as a transition table (DESIGN §4.3).

Each step is taken by a different person: the reviewer is not the author, the signer is neither the
author nor the reviewer, and a retrospective approval of an urgent warning is not by its publisher.
Who may do what is in registrations.py (roles).
"""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from yingji.core.errors import DomainError
from yingji.core.workflow import Transition, Workflow, precondition

from .models import WarningEvent
from .models import WarningStatus as S
from .models.warnings import MsgType


def _now(data):
    return data.get("now") or timezone.now()


def _same(user, other_id) -> bool:
    return user is not None and other_id is not None and user.pk == other_id


@precondition
def _not_author(warning, actor, data):
    if _same(actor, warning.author_id):
        raise DomainError("approver_is_author", _("不能审核或签发自己制作的预警，请由其他人员办理"), field="event")


@precondition
def _not_reviewer(warning, actor, data):
    if _same(actor, warning.reviewer_id):
        raise DomainError("signer_is_reviewer", _("签发人不能与审核人为同一人"), field="event")


@precondition
def _not_publisher(warning, actor, data):
    if _same(actor, warning.publisher_id) or _same(actor, warning.author_id):
        raise DomainError("approver_is_author", _("补充审核须由急发人和制作人以外的人员办理"), field="event")


@precondition
def _needs_retro(warning, actor, data):
    if not warning.urgent or warning.retro_approver_id:
        raise DomainError("no_retro_needed", _("该预警不需要补充审核"), field="event")


def _needs_reason(warning, actor, data):
    if not str(data.get("reason") or "").strip():
        raise DomainError("reason_required", _("请填写退回理由"), field="reason")


def _not_expired(warning, actor, data):
    if warning.expires <= _now(data):
        raise DomainError("already_expired", _("预警的失效时间已过，不能发布"), field="expires")
    previous = warning.references
    if warning.msg_type != MsgType.ALERT and (previous is None or not previous.in_force):
        raise DomainError("warning_not_in_force", _("被更新或解除的预警已不在生效中"), field="references")


def for_exercise(warning) -> bool:
    """Is the warning about a drill's exercise incident? Such a warning may be drafted and reviewed as practice,
    never published: a real public warning is never sent for a drill (docs/drills.md)."""
    from yingji.incidents.models import Incident

    uuid = (warning.incident_uuid or "").strip()
    if not uuid:
        return False
    try:
        return Incident.objects.filter(uuid=uuid, is_exercise=True).exists()
    except (ValueError, ValidationError):
        return False


@precondition
def _not_exercise(warning, actor, data):
    if for_exercise(warning):
        raise DomainError("exercise_incident", _("这是演练事件的预警，不能向公众发布真实预警"), field="incident_uuid")


@precondition
def _is_cancel(warning, actor, data):
    if warning.msg_type != MsgType.CANCEL:
        raise DomainError("not_a_cancel", _("只有解除消息可以这样发布"), field="event")


@precondition
def _not_cancel(warning, actor, data):
    if warning.msg_type == MsgType.CANCEL:
        raise DomainError("not_a_cancel", _("解除消息不走审核流程"), field="event")


def _effects(warning, transition, actor, data):
    from . import publishing

    now = _now(data)
    event = transition.event
    if event == "submit":
        warning.author = warning.author or actor
    elif event == "review":
        warning.reviewer = actor
    elif event == "sign":
        warning.signer = actor
    elif event == "retro_approve":
        warning.retro_approver = actor
    elif event in ("publish", "urgent", "issue_cancel"):
        publishing.publish(warning, actor=actor, now=now, urgent=event == "urgent")
    elif event in ("expire", "supersede", "cancel"):
        warning.closed_at = now
    warning.save()
    WarningEvent.objects.create(warning=warning, at=now, actor=actor, event=event, label=str(transition.label),
                                note=str(data.get("reason") or data.get("note") or ""))


REVIEW, SIGN = "alerts.review_warning", "alerts.sign_warning"

WARNING_FLOW = Workflow(
    "warning",
    transitions=[
        Transition((S.DRAFT,), "submit", S.PENDING_REVIEW, _l("提交审核"), permission="alerts.submit_warning",
                   guards=(_not_cancel,)),
        Transition((S.PENDING_REVIEW,), "review", S.PENDING_SIGN, _l("审核通过"), permission=REVIEW,
                   guards=(_not_author,)),
        Transition((S.PENDING_REVIEW, S.PENDING_SIGN), "return", S.DRAFT, _l("退回修改"), permission=REVIEW,
                   guards=(_needs_reason,)),
        Transition((S.PENDING_SIGN,), "sign", S.SIGNED, _l("签发"), permission=SIGN,
                   guards=(_not_exercise, _not_author, _not_reviewer)),
        Transition((S.SIGNED,), "publish", S.PUBLISHED, _l("发布"), permission="alerts.publish_warning",
                   guards=(_not_exercise, _not_expired)),
        Transition((S.DRAFT,), "urgent", S.PUBLISHED, _l("急发（事后补审）"), permission="alerts.urgent_warning",
                   guards=(_not_exercise, _not_cancel, _not_expired)),
        Transition((S.DRAFT,), "issue_cancel", S.PUBLISHED, _l("发布解除"), permission="alerts.cancel_warning",
                   guards=(_not_exercise, _is_cancel, _not_expired)),
        Transition((S.PUBLISHED,), "retro_approve", S.PUBLISHED, _l("补充审核"), permission=REVIEW,
                   guards=(_needs_retro, _not_publisher)),
        Transition((S.PUBLISHED,), "expire", S.EXPIRED, _l("到期自动结束")),
        Transition((S.PUBLISHED,), "supersede", S.SUPERSEDED, _l("已被更新")),
        Transition((S.PUBLISHED,), "cancel", S.CANCELLED, _l("已解除")),
    ],
    on_transition=_effects,
)
