"""What the duty desk contributes to the platform (core.extensions), registered from apps.py: its menu, the
scheduler tick the worker runs every 30 s, the to-do inbox's duty work (handovers to take over, swap requests to
decide, instructions to complete) with the notice to those who can act, and its demo data."""

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from yingji.core import extensions as ext
from yingji.core.scoping import scope_to_user

HANDOVER, APPROVE_SWAP, COMPLETE = "duty.change_handover", "duty.approve_swaprequest", "duty.change_instruction"


def _handovers(user):
    from .choices import HandoverStatus
    from .models import Handover

    if not user.has_perm(HANDOVER):
        return Handover.objects.none()
    waiting = Handover.objects.filter(status=HandoverStatus.SUBMITTED).exclude(author=user)
    return scope_to_user(waiting, user).select_related("post", "outgoing_shift")


def _swaps(user):
    """Requests of the posts this user decides (the post's manager, or any approver when it has none)."""
    from .choices import SwapStatus
    from .models import SwapRequest

    if not user.has_perm(APPROVE_SWAP):
        return SwapRequest.objects.none()
    mine = Q(shift__post__manager__isnull=True) | Q(shift__post__manager__extra__username=user.username)
    own = Q(requested_by=user, on_behalf=False)
    waiting = SwapRequest.objects.filter(mine, status=SwapStatus.REQUESTED).exclude(own)
    return scope_to_user(waiting, user).select_related("shift__post", "from_person", "to_person")


def _instructions(user):
    from .choices import InstructionStatus
    from .models import Instruction

    if not user.has_perm(COMPLETE):
        return Instruction.objects.none()
    return scope_to_user(Instruction.objects.filter(status=InstructionStatus.OPEN), user)


def _handover_item(handover) -> ext.TodoItem:
    return ext.TodoItem(title=str(handover), url=reverse("duty:handover", kwargs={"uuid": handover.uuid}),
                        kind=_("接班确认"), due_at=handover.due_at, waiting_since=handover.submitted_at)


def _swap_item(swap) -> ext.TodoItem:
    from .views.roster import roster_url

    return ext.TodoItem(title=str(swap), url=roster_url(swap.shift.post, swap.shift.duty_date.replace(day=1)),
                        kind=_("审批调班"), waiting_since=swap.requested_at)


def _instruction_item(instruction) -> ext.TodoItem:
    return ext.TodoItem(title=str(instruction), url=reverse("duty:log") + "#open-instructions",
                        kind=_("办结指示"), due_at=instruction.due_at, waiting_since=instruction.received_at)


def _items(user) -> list[ext.TodoItem]:
    return ([_handover_item(h) for h in _handovers(user).order_by("submitted_at")[:30]]
            + [_swap_item(s) for s in _swaps(user).order_by("requested_at")[:30]]
            + [_instruction_item(i) for i in _instructions(user).order_by("received_at")[:30]])


def _count(user) -> int:
    return _handovers(user).count() + _swaps(user).count() + _instructions(user).count()


def _notice(event):
    """A handover submitted, a swap requested, an instruction received: who can act on it."""
    from yingji.core.actors import holders, who_may

    from .models import Handover, Instruction, SwapRequest
    from .workflows import HANDOVER_FLOW, SWAP_FLOW

    uuid = event.payload.get("uuid")
    if event.kind == "handover.submit":
        handover = Handover.objects.filter(uuid=uuid).select_related("post", "outgoing_shift", "region").first()
        return handover and ext.TodoNotice(_handover_item(handover), tuple(who_may(HANDOVER_FLOW, handover, "accept")))
    if event.kind == "duty.swap_requested":
        swap = SwapRequest.objects.filter(uuid=uuid).select_related("shift__post__manager", "region").first()
        return swap and ext.TodoNotice(_swap_item(swap), tuple(who_may(SWAP_FLOW, swap, "approve")))
    instruction = Instruction.objects.filter(uuid=uuid).select_related("region").first()
    return instruction and ext.TodoNotice(_instruction_item(instruction),
                                          tuple(holders(COMPLETE, instruction.region)))


def _tick():
    from .scheduler import tick

    return tick(deliver=False)  # the worker's own delivery step sends the messages


def register() -> None:
    menu = _("值班值守")
    for title, url_name, permission in (
        (_("值班台"), "duty:desk", "duty.view_shift"),
        (_("当前在岗"), "duty:on-duty", "duty.view_shift"),
        (_("排班表"), "duty:roster", "duty.view_shift"),
        (_("值班日志"), "duty:log", "duty.view_logentry"),
        (_("交接班"), "duty:handovers", "duty.view_handover"),
        (_("点名抽查"), "duty:roll-calls", "duty.view_rollcall"),
        (_("升级通知"), "duty:escalations", "duty.view_escalationchain"),
        (_("值班日报"), "duty:report", "duty.view_shift"),
    ):
        ext.NAVIGATION.add(ext.NavItem(menu, title, url_name, permission))
    # `yingji worker` (and the Celery beat) run the duty scheduler: sweeps, due escalation steps.
    ext.PERIODIC_HOOKS.add(ext.PeriodicHook("duty.tick", _tick, every_seconds=30))
    ext.TODO_PROVIDERS.add(ext.TodoProvider(
        "duty.desk", _("值班待办"), _items, order=30, count=_count,
        notify_on=("handover.submit", "duty.swap_requested", "duty.instruction_received"), notice=_notice))
    ext.DEMO_LOADERS.add(ext.DemoLoader("duty", "yingji.duty.demo.load", order=60))
