"""Pages of a penalty case: the panel on the case's registry page (step, clocks, buttons, documents, the case file
ZIP), a step posted from it, and the case file download."""

from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from yingji.core.errors import DomainError
from yingji.core.scoping import scope_to_user

from . import cases
from .api_cases import zip_response
from .models import InspectionTask, PenaltyCase


def case_panel(user, case, error=None) -> dict | None:
    if not user.has_perm("enforcement.view_penaltycase"):
        return None
    return {"case": case, "clocks": cases.case_clocks(case), "steps": cases.CASE_FLOW.available(case, user),
            "documents": case.documents.select_related("attachment").order_by("id"), "error": error}


def _case(request, uuid) -> PenaltyCase:
    case = scope_to_user(PenaltyCase.objects.all(), request.user).filter(uuid=uuid).first()
    if case is None:
        raise Http404
    return case


def _detail(case) -> str:
    return reverse("registry:enforcement-cases-detail", kwargs={"uuid": case.uuid})


@login_required
@permission_required("enforcement.view_penaltycase", raise_exception=True)
def case_step(request, uuid):
    if request.method != "POST":
        raise Http404
    case = _case(request, uuid)
    try:
        cases.fire_case(case, request.POST.get("event", ""), actor=request.user)
    except DomainError as exc:
        return render(request, "enforcement/case_error.html", {"case": case, "error": exc, "back": _detail(case)},
                      status=400)
    return redirect(_detail(case))


@login_required
@permission_required("enforcement.add_penaltycase", raise_exception=True)
def case_from_task(request, uuid):
    """POST penalty_kind, amount, facts: 立案 from the task's page, on to the case's page."""
    if request.method != "POST":
        raise Http404
    task = scope_to_user(InspectionTask.objects.all(), request.user).filter(uuid=uuid).first()
    if task is None:
        raise Http404
    try:
        case = cases.open_case(task, actor=request.user, penalty_kind=request.POST.get("penalty_kind"),
                               amount=request.POST.get("amount"), facts=request.POST.get("facts", ""))
    except DomainError as exc:
        return render(request, "enforcement/task_error.html", {"task": task, "error": exc}, status=400)
    return redirect(_detail(case))


@login_required
@permission_required("enforcement.view_penaltycase", raise_exception=True)
def case_file(request, uuid):
    return zip_response(_case(request, uuid))
