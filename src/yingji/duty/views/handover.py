"""Handover pages: the list, starting the handover of the current shift, submit, accept or return."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yingji.core.errors import DomainError
from yingji.core.refusals import refuse
from yingji.core.scoping import scope_to_user

from .. import services
from ..handovers import gather
from ..models import Handover, Shift
from ..workflows import HANDOVER_FLOW
from .base import attempt, needs


@needs("duty.view_handover")
def handovers(request):
    rows = scope_to_user(Handover.objects.select_related("post", "outgoing_shift__person", "author", "accepted_by"),
                         request.user)
    now = timezone.now()
    current = scope_to_user(Shift.objects.filter(post__requires_handover=True, start__lte=now, end__gt=now),
                            request.user).select_related("post", "person")
    return render(request, "duty/handovers.html", {"handovers": rows[:100], "current": current, "now": now})


@require_POST
@needs("duty.add_handover")
def start(request, shift_uuid):
    shift = get_object_or_404(scope_to_user(Shift.objects.all(), request.user), uuid=shift_uuid)
    try:
        handover = services.open_handover(shift=shift, actor=request.user)
    except DomainError as exc:
        messages.error(request, refuse(request, exc, keep=True).message)
        return redirect("duty:handovers")
    return redirect("duty:handover", uuid=handover.uuid)


@needs("duty.view_handover")
def detail(request, uuid):
    handover = get_object_or_404(scope_to_user(Handover.objects.select_related(
        "post", "outgoing_shift__person", "incoming_shift__person", "author", "accepted_by"), request.user), uuid=uuid)
    pending = gather(handover.post.region) if handover.status in ("draft", "returned") else handover.pending
    actions = [t.event for t in HANDOVER_FLOW.available(handover, request.user)]
    return render(request, "duty/handover.html", {"handover": handover, "pending": pending, "actions": actions,
                                                  "now": timezone.now()})


@require_POST
@needs("duty.change_handover")
def transition(request, uuid):
    handover = get_object_or_404(scope_to_user(Handover.objects.all(), request.user), uuid=uuid)
    event, post = request.POST.get("event", ""), request.POST
    actions = {
        "submit": (lambda: services.submit_handover(handover, actor=request.user, remarks=post.get("remarks", ""),
                                                    notes=post.get("notes", "")), _("已交班，等待接班人确认")),
        "accept": (lambda: services.accept_handover(handover, actor=request.user), _("已接班")),
        "return": (lambda: services.return_handover(handover, actor=request.user, reason=post.get("reason", "")),
                   _("已退回交班人")),
    }
    if event not in actions:
        messages.error(request, _("未知的操作"))
        return redirect("duty:handover", uuid=uuid)
    action, success = actions[event]
    return attempt(request, action, success, f"/duty/handovers/{uuid}/")
