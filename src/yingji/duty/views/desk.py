"""The duty desk home, who is on duty (page and command-board widget)."""

from django.shortcuts import render
from django.utils import timezone

from yingji.core.errors import DomainError
from yingji.core.extensions import DESK_PANELS, render_contributions
from yingji.core.scoping import scope_to_user

from .. import oncall
from ..choices import EscalationStatus, HandoverStatus, InstructionStatus, RollCallResult
from ..lookups import parse_time, region_by_code
from ..models import Escalation, Handover, Instruction, LogEntry, RollCallTarget
from .base import needs


def _rows(request, at, region=None):
    rows = oncall.holders(at, region=region, user=request.user)
    return [{"row": r, "phone": oncall.phone_for(r.person, request.user)} for r in rows]


@needs("duty.view_shift")
def desk(request):
    now, user = timezone.now(), request.user
    rows = _rows(request, now)
    context = {
        "now": now,
        "bureau": [r for r in rows if r["row"].post.role in ("leader", "chief", "officer")],
        "desks": [r for r in rows if r["row"].post.role not in ("leader", "chief", "officer")],
        "my_roll_calls": RollCallTarget.objects.filter(organization_id=user.organization_id,
                                                       result__in=(RollCallResult.PENDING, RollCallResult.MISSED))
        .select_related("roll_call"),
        "instructions": scope_to_user(Instruction.objects.filter(status=InstructionStatus.OPEN), user),
        "handovers": scope_to_user(Handover.objects.exclude(status=HandoverStatus.ACCEPTED), user)
        .select_related("post", "outgoing_shift", "author")[:10],
        "escalations": scope_to_user(Escalation.objects.filter(status=EscalationStatus.ACTIVE), user)
        .select_related("chain")[:20],
        "entries": scope_to_user(LogEntry.objects.select_related("recorded_by"), user)[:10],
        # panels other apps contribute (core.extensions.DESK_PANELS), e.g. the drills app's running drills
        "panels": render_contributions(DESK_PANELS, request, now, lambda panel: panel.context(user, now),
                                       subject="now"),
    }
    return render(request, "duty/desk.html", context)


def _on_duty_context(request):
    error = ""
    try:
        at = parse_time(request.GET.get("at"), default=timezone.now())
        region = region_by_code(request.GET.get("region"), request.user)
    except DomainError as exc:
        at, region, error = timezone.now(), None, exc.message
    return {"at": at, "region": region, "rows": _rows(request, at, region), "error": error}


@needs("duty.view_shift")
def on_duty(request):
    context = _on_duty_context(request)
    from yingji.core.models import Region

    context["townships"] = scope_to_user(Region.objects.townships(), request.user).defer("geometry")
    return render(request, "duty/on_duty.html", context, status=400 if context["error"] else 200)


@needs("duty.view_shift")
def widget(request):
    """A fragment for the command board (htmx: hx-get="/duty/widget/" hx-trigger="every 60s")."""
    return render(request, "duty/_on_duty_widget.html", _on_duty_context(request))
