"""Escalation pages: the chains and their steps, the escalations running, acknowledging one."""

from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yingji.core.scoping import scope_to_user

from .. import services
from ..chains import kind_label
from ..models import Escalation, EscalationChain
from .base import attempt, needs


@needs("duty.view_escalationchain")
def escalations(request):
    chains = scope_to_user(EscalationChain.objects.prefetch_related("steps__channel", "steps__person"), request.user)
    running = scope_to_user(Escalation.objects.select_related("chain", "region", "stopped_by")
                            .defer("region__geometry").prefetch_related("fires__step"), request.user)
    return render(request, "duty/escalations.html", {
        "chains": [(chain, kind_label(chain.event_kind)) for chain in chains], "escalations": running[:50]})


@require_POST
@needs("duty.change_escalation")
def acknowledge(request, uuid):
    escalation = get_object_or_404(scope_to_user(Escalation.objects.all(), request.user), uuid=uuid)
    return attempt(request, lambda: services.acknowledge_escalation(escalation, actor=request.user),
                   _("已确认，升级通知停止"), "duty:escalations")
