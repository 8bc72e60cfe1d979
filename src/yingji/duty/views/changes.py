"""Changes to a roster by hand: a manual shift (加班/临时班次), a leave, someone put on an empty shift."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yingji.core.errors import DomainError, PermissionDeniedError
from yingji.core.scoping import scope_to_user

from .. import services
from ..forms import LeaveForm, ShiftForm, StaffForm
from ..models import Leave, Shift
from .base import attempt, form_errors, needs
from .roster import posted_form, roster_url


@require_POST
@needs("duty.add_shift")
def add_shift(request):
    return posted_form(request, ShiftForm, lambda post, _month, data: services.assign_shift(
        actor=request.user, post=post, start=data["start"], end=data["end"], person=data["person"],
        label=data["label"], note=data["note"]), _("已安排班次"))


@require_POST
@needs("duty.add_leave")
def add_leave(request):
    return posted_form(request, LeaveForm, lambda post, _month, data: services.record_leave(
        actor=request.user, person=data["person"], start=data["start"], end=data["end"], reason=data["reason"]),
        _("已登记请假"))


@require_POST
@needs("duty.delete_leave")
def withdraw_leave(request, uuid):
    leave = get_object_or_404(scope_to_user(Leave.objects.all(), request.user), uuid=uuid)
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = "duty:roster"
    return attempt(request, lambda: services.withdraw_leave(leave, actor=request.user), _("已撤销请假"), back)


@needs("duty.change_leave")
def edit_leave(request, uuid):
    """Correct a leave (the person stays); back to the roster month the link came from."""
    leave = get_object_or_404(scope_to_user(Leave.objects.select_related("person"), request.user), uuid=uuid)
    form = LeaveForm(request.POST or None, leave=leave)
    back = _safe_next(request, request.GET.get("next", "")) or reverse("duty:roster")
    if request.method == "POST":
        if form.is_valid() and _change(request, leave, form):
            messages.success(request, _("已修改请假"))
            return redirect(back)
        return render(request, "duty/leave_edit.html", {"leave": leave, "form": form, "back": back}, status=400)
    return render(request, "duty/leave_edit.html", {"leave": leave, "form": form, "back": back})


def _change(request, leave, form) -> bool:
    data = form.cleaned_data
    try:
        services.change_leave(leave, actor=request.user, start=data["start"], end=data["end"], reason=data["reason"])
    except PermissionDeniedError as exc:
        raise PermissionDenied(exc.message) from exc
    except DomainError as exc:
        field = next(iter(exc.fields), None)
        form.add_error(field if field in form.fields else None, exc.message)
        return False
    return True


def _safe_next(request, url: str) -> str:
    return url if url and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}) else ""


@needs("duty.add_shift")
def staff(request, uuid):
    shift = get_object_or_404(scope_to_user(Shift.objects.select_related("post", "person"), request.user), uuid=uuid)
    form = StaffForm(request.POST or None, shift=shift)
    back = roster_url(shift.post, shift.duty_date.replace(day=1))
    if request.method == "POST":
        if form.is_valid():
            person = form.cleaned_data["person"]
            return attempt(request, lambda: services.staff_shift(actor=request.user, shift=shift, person=person),
                           _("已安排值班人员"), back)
        messages.error(request, form_errors(form))
    return render(request, "duty/staff.html", {"shift": shift, "form": form, "back": back})
