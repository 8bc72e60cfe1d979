"""The duty log page: calls (optionally registering an incident), instructions, events, corrections."""

from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yingji.core.scoped_fields import scope_choices
from yingji.core.scoping import scope_to_user
from yingji.core.timefmt import INPUT, local_text

from .. import services
from ..choices import InstructionStatus
from ..forms import CallForm, EventForm, InstructionForm
from ..lookups import home_region
from ..models import Instruction, LogEntry
from .base import attempt, needs


@needs("duty.view_logentry")
def log(request):
    return _page(request)


def _page(request, status=200, **forms):
    """The log page; a refused form (`call_form=`, …) comes back bound, its errors beside its fields."""
    entries = scope_to_user(LogEntry.objects.select_related("recorded_by", "corrects", "region")
                            .defer("region__geometry"), request.user)
    kind = request.GET.get("kind", "")
    if kind:
        entries = entries.filter(kind=kind)
    instructions = scope_to_user(Instruction.objects.select_related("completed_by"), request.user)
    return render(request, "duty/log.html", {
        "entries": entries[:200], "kind": kind, "now": timezone.now(),
        "open_instructions": instructions.filter(status=InstructionStatus.OPEN).order_by("due_at"),
        "done_instructions": instructions.filter(status=InstructionStatus.DONE).order_by("-completed_at")[:20],
        "call_form": scope_choices(CallForm(initial={"occurred_at": local_text(timezone.now(), INPUT)}),
                                   request.user),
        "instruction_form": InstructionForm(), "event_form": EventForm(), **forms}, status=status)


@require_POST
@needs("duty.add_logentry")
def add_call(request):
    form = scope_choices(CallForm(request.POST), request.user)
    if not form.is_valid():
        return _page(request, status=400, call_form=form)
    data = form.cleaned_data
    created = _("已记录来电并登记突发事件") if data.get("create_incident") else _("已记录通话")
    return attempt(request, lambda: services.log_call(
        actor=request.user, region=home_region(request.user), kind=data["kind"], summary=data["summary"],
        counterpart=data["counterpart"], phone=data["phone"], new_incident=form.new_incident()), created, "duty:log")


@require_POST
@needs("duty.add_instruction")
def add_instruction(request):
    form = InstructionForm(request.POST)
    if not form.is_valid():
        return _page(request, status=400, instruction_form=form)
    data = form.cleaned_data
    return attempt(request, lambda: services.log_instruction(
        actor=request.user, region=home_region(request.user), issuer=data["issuer"], text=data["text"],
        received_at=data["received_at"], due_at=data["due_at"], assignee=data["assignee"]),
        _("已登记上级指示"), "duty:log")


@require_POST
@needs("duty.add_logentry")
def add_event(request):
    form = EventForm(request.POST)
    if not form.is_valid():
        return _page(request, status=400, event_form=form)
    return attempt(request, lambda: services.log_event(actor=request.user, region=home_region(request.user),
                                                        summary=form.cleaned_data["summary"]), _("已记录"), "duty:log")


@require_POST
@needs("duty.add_logentry")
def correct(request, uuid):
    entry = get_object_or_404(scope_to_user(LogEntry.objects.all(), request.user), uuid=uuid)
    return attempt(request, lambda: services.correct(entry, actor=request.user, summary=request.POST.get("summary")),
                   _("已添加更正（原记录保留）"), "duty:log")


@require_POST
@needs("duty.change_instruction")
def complete(request, uuid):
    instruction = get_object_or_404(scope_to_user(Instruction.objects.all(), request.user), uuid=uuid)
    return attempt(request, lambda: services.complete_instruction(instruction, actor=request.user,
                                                                   note=request.POST.get("note")),
                   _("指示已办结"), "duty:log")
