"""Swaps and overrides (调班): a request, then the post manager's decision, with history."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yingji.core.errors import ConflictError, DomainError, PermissionDeniedError
from yingji.core.events import publish
from yingji.core.scoping import ensure_in_jurisdiction

from .choices import SwapStatus
from .conflicts import check_assignment
from .journal import real_user
from .models import SwapRequest
from .workflows import SWAP_FLOW, check_post_manager, fire


def _validate(shift, to_person, counterpart, now):
    if shift.person_id is None:
        raise DomainError("shift_empty", _("该班次为空岗，请直接安排人员"), field="shift")
    if counterpart is not None:
        if counterpart.pk == shift.pk or counterpart.post_id != shift.post_id:
            raise DomainError("bad_counterpart", _("对调班次须为同一岗位的另一个班次"), field="counterpart")
        if counterpart.person_id is None:
            raise DomainError("shift_empty", _("对调班次为空岗"), field="counterpart")
        to_person = counterpart.person
    if to_person is None:
        raise DomainError("to_person_required", _("请选择替班人员"), field="to_person")
    if to_person.pk == shift.person_id:
        raise DomainError("swap_with_self", _("不能与本人调班：替班人员就是原值班人员"), field="to_person")
    if shift.end <= now:
        raise DomainError("shift_over", _("该班次已经结束，不能调班"), field="shift")
    exclude = [shift.pk] + ([counterpart.pk] if counterpart else [])
    check_assignment(to_person, shift.start, shift.end, exclude=exclude)
    if counterpart is not None:
        check_assignment(shift.person, counterpart.start, counterpart.end, exclude=exclude)
    return to_person


def request_swap(*, actor, shift, reason, to_person=None, counterpart=None, on_behalf=False, now=None) -> SwapRequest:
    """File a swap request; with on_behalf=True a manager swaps for someone at once (approved by them)."""
    now = now or timezone.now()
    if actor is not None and not actor.has_perm("duty.add_swaprequest"):
        raise PermissionDeniedError("permission_denied", _("您没有申请调班的权限"))
    if on_behalf and actor is not None and not actor.has_perm("duty.approve_swaprequest"):
        raise PermissionDeniedError("permission_denied", _("只有岗位负责人可以代为调班"))
    ensure_in_jurisdiction(actor, shift.region)
    if on_behalf:
        check_post_manager(shift.post, actor)
    if not (reason or "").strip():
        raise DomainError("reason_required", _("请填写调班事由"), field="reason")
    to_person = _validate(shift, to_person, counterpart, now)
    with transaction.atomic():
        if SwapRequest.objects.filter(shift=shift, status=SwapStatus.REQUESTED).exists():
            raise ConflictError("swap_pending", _("该班次已有待审批的调班申请"), field="shift")
        swap = SwapRequest.objects.create(
            shift=shift, counterpart=counterpart, region=shift.region, from_person=shift.person, to_person=to_person,
            reason=reason.strip()[:200], on_behalf=on_behalf, requested_by=real_user(actor),
        )
        publish("duty.swap_requested", {"uuid": str(swap.uuid), "title": _("调班申请：%(s)s") % {"s": swap}},
                aggregate=swap, region=swap.region)
        if on_behalf:
            swap = fire(SWAP_FLOW, swap, "approve", actor=actor, data={"now": now, "note": _("负责人代为调整")})
    return swap


def decide_swap(swap, *, actor, event, note="", now=None) -> SwapRequest:
    return fire(SWAP_FLOW, swap, event, actor=actor, data={"now": now or timezone.now(), "note": note})
