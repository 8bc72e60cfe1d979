"""State machines of the duty desk as transition tables (DESIGN §4.3): swap requests, handovers and
instructions from superiors."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from yingji.core.errors import DomainError, PermissionDeniedError
from yingji.core.scoping import ensure_in_jurisdiction
from yingji.core.workflow import Transition, Workflow, precondition

from .choices import HandoverStatus as H
from .choices import InstructionStatus as I
from .choices import LogKind, ShiftSource
from .choices import SwapStatus as S
from .conflicts import check_assignment
from .journal import write_entry

APPROVE = "duty.approve_swaprequest"


def _now(data):
    return data.get("now") or timezone.now()


# --- swaps -----------------------------------------------------------------------------------------
def manages(post, user) -> bool:
    """A post with a manager (岗位负责人) has its swaps decided by that person's account only (Person.extra
    username); a post without one by anyone holding the approve permission over its region."""
    return post.manager is None or (post.manager.extra or {}).get("username") == user.username


def check_post_manager(post, actor):
    ensure_in_jurisdiction(actor, post.region)
    if actor is not None and not manages(post, actor):
        raise PermissionDeniedError("not_post_manager", _("本岗位的调班由岗位负责人%(m)s审批") % {
            "m": post.manager.name})


@precondition
def _manages_post(swap, actor, data):
    check_post_manager(swap.shift.post, actor)
    if not swap.on_behalf and actor is not None and swap.requested_by_id == actor.pk:
        raise PermissionDeniedError("own_request", _("调班申请须由岗位负责人审批，不能审批本人提交的申请"))


def _still_free(swap, actor, data):
    exclude = [swap.shift_id] + ([swap.counterpart_id] if swap.counterpart_id else [])
    check_assignment(swap.to_person, swap.shift.start, swap.shift.end, exclude=exclude)
    if swap.counterpart_id:
        check_assignment(swap.from_person, swap.counterpart.start, swap.counterpart.end, exclude=exclude)


@precondition
def _is_requester(swap, actor, data):
    if actor is None or swap.requested_by_id != actor.pk:
        raise PermissionDeniedError("not_requester", _("只有申请人可以撤回调班申请"))


def _swap_effects(swap, transition, actor, data):
    swap.decided_by = actor if transition.event != "cancel" else None
    swap.decided_at, swap.decision_note = _now(data), (data.get("note") or "")[:200]
    swap.save()
    if transition.event != "approve":
        return
    _reassign(swap.shift, swap.to_person)
    if swap.counterpart_id:
        _reassign(swap.counterpart, swap.from_person)
    local = timezone.localtime(swap.shift.start)
    write_entry(region=swap.region, kind=LogKind.EVENT, actor=actor, at=swap.decided_at, post=swap.shift.post,
                summary=_("调班：%(post)s %(d)s %(l)s 由 %(a)s 改为 %(b)s（%(r)s）") % {
                    "post": swap.shift.post, "d": f"{local:%m月%d日}", "l": swap.shift.label,
                    "a": swap.from_person, "b": swap.to_person, "r": swap.reason})


def _reassign(shift, person):
    shift.person, shift.source = person, ShiftSource.SWAP
    shift.save()


SWAP_FLOW = Workflow(
    "swap",
    transitions=[
        Transition((S.REQUESTED,), "approve", S.APPROVED, _l("批准调班"), permission=APPROVE,
                   guards=(_manages_post, _still_free)),
        Transition((S.REQUESTED,), "reject", S.REJECTED, _l("驳回调班"), permission=APPROVE, guards=(_manages_post,)),
        Transition((S.REQUESTED,), "cancel", S.CANCELLED, _l("撤回申请"), guards=(_is_requester,)),
    ],
    on_transition=_swap_effects,
)


# --- handovers -------------------------------------------------------------------------------------
@precondition
def _not_author(handover, actor, data):
    if actor is not None and handover.author_id == actor.pk:
        raise DomainError("own_handover", _("交班人不能自己接班，须由接班人确认"), field="event")


def _needs_reason(record, actor, data):
    if not (data.get("reason") or "").strip():
        raise DomainError("reason_required", _("退回须填写理由"), field="reason")


def _handover_effects(handover, transition, actor, data):
    now = _now(data)
    if transition.event == "submit":
        handover.author, handover.submitted_at = actor, now
        handover.remarks = (data.get("remarks") or handover.remarks or "").strip()
        handover.notes = (data.get("notes") or handover.notes or "").strip()
        handover.pending = data.get("pending", handover.pending)
    elif transition.event == "accept":
        handover.accepted_by, handover.accepted_at = actor, now
    else:
        handover.return_reason = data["reason"].strip()
    handover.save()
    write_entry(region=handover.region, kind=LogKind.EVENT, actor=actor, at=now, post=handover.post,
                summary=_("交接班：%(h)s · %(l)s") % {"h": handover, "l": transition.label}
                + (f"（{handover.return_reason}）" if transition.event == "return" else ""))


HANDOVER = "duty.change_handover"
HANDOVER_FLOW = Workflow(
    "handover",
    transitions=[
        Transition((H.DRAFT, H.RETURNED), "submit", H.SUBMITTED, _l("交班"), permission=HANDOVER),
        Transition((H.SUBMITTED,), "accept", H.ACCEPTED, _l("接班"), permission=HANDOVER, guards=(_not_author,)),
        Transition((H.SUBMITTED,), "return", H.RETURNED, _l("退回"), permission=HANDOVER,
                   guards=(_not_author, _needs_reason)),
    ],
    on_transition=_handover_effects,
)


# --- instructions from superiors -----------------------------------------------------------------------
def _needs_result(record, actor, data):
    if not (data.get("note") or "").strip():
        raise DomainError("result_required", _("办结须填写办理结果"), field="note")


def _instruction_effects(instruction, transition, actor, data):
    instruction.completed_at, instruction.completed_by = _now(data), actor
    instruction.completion_note = data["note"].strip()
    instruction.save()
    write_entry(region=instruction.region, kind=LogKind.EVENT, actor=actor, at=instruction.completed_at,
                summary=_("指示办结：%(i)s —— %(n)s") % {"i": instruction, "n": instruction.completion_note})


INSTRUCTION_FLOW = Workflow(
    "instruction",
    transitions=[
        Transition((I.OPEN,), "complete", I.DONE, _l("办结"), permission="duty.change_instruction",
                   guards=(_needs_result,)),
    ],
    on_transition=_instruction_effects,
)


def fire(flow, record, event, *, actor, data=None):
    ensure_in_jurisdiction(actor, record.region)
    return flow.fire(record, event, actor=actor, data=data or {})
