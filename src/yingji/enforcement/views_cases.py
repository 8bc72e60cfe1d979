"""Pages of a penalty case: the panel on the case's registry page (step, clocks, buttons, documents, the case file
ZIP), a step posted from it, and the case file download."""

from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from yingji.core.errors import DomainError
from yingji.core.refusals import refuse
from yingji.core.scoping import scope_to_user

from . import cases, payments, rights
from .api_cases import zip_response
from .choices import CaseState, RightsKind
from .models import InspectionTask, PenaltyCase
from .views_orders import task_refused


def case_panel(user, case, error=None) -> dict | None:
    if not user.has_perm("enforcement.view_penaltycase"):
        return None
    notified = case.state == CaseState.NOTIFIED
    kinds = [(k.value, k.label) for k in RightsKind if case.hearing_right or not k.value.startswith("hearing")]
    return {"case": case, "clocks": cases.case_clocks(case), "steps": cases.CASE_FLOW.available(case, user),
            "documents": case.documents.select_related("attachment").order_by("id"), "error": error,
            "rights": rights.rights_status(case) if case.notified_on else None,
            "rights_records": case.rights.order_by("on", "id"),
            "rights_kinds": kinds if notified and user.has_perm(cases.HANDLE) else [],
            "payment": payments.payment_status(case) if payments.fine_of(case) and case.decided_on else None,
            "payments": case.payments.all(),
            "may_pay": case.state in payments.PAYABLE and user.has_perm(cases.HANDLE)}


def _case(request, uuid) -> PenaltyCase:
    case = scope_to_user(PenaltyCase.objects.all(), request.user).filter(uuid=uuid).first()
    if case is None:
        raise Http404
    return case


def _detail(case) -> str:
    return reverse("registry:enforcement-cases-detail", kwargs={"uuid": case.uuid})


def _case_refused(request, case, exc):
    """The case's panel again (400), the refusal beside the form that was posted."""
    name = getattr(request.resolver_match, "url_name", "")
    forms = {"case-rights": "rights-form", "case-payment": "payment-form"}
    refuse(request, exc, form=forms.get(name) or f"case-step-{request.POST.get('event', '')}")
    return render(request, "enforcement/case_error.html",
                  {**(case_panel(request.user, case) or {"case": case}), "error": exc, "back": _detail(case)},
                  status=400)


@login_required
@permission_required("enforcement.view_penaltycase", raise_exception=True)
def case_step(request, uuid):
    if request.method != "POST":
        raise Http404
    case = _case(request, uuid)
    try:
        cases.fire_case(case, request.POST.get("event", ""), actor=request.user)
    except DomainError as exc:
        return _case_refused(request, case, exc)
    return redirect(_detail(case))


@login_required
@permission_required(cases.HANDLE, raise_exception=True)
def case_rights(request, uuid):
    """POST kind, on, content, hearing_at, place: a step of the party's rights, back to the case's page."""
    if request.method != "POST":
        raise Http404
    case = _case(request, uuid)
    try:
        rights.record(case, request.POST.get("kind", ""), actor=request.user, data=request.POST.dict())
    except DomainError as exc:
        return _case_refused(request, case, exc)
    return redirect(_detail(case) + "#case-rights")


@login_required
@permission_required(cases.HANDLE, raise_exception=True)
def case_payment(request, uuid):
    """POST amount, paid_on, receipt_no, note: a payment of the fine, back to the case's page."""
    if request.method != "POST":
        raise Http404
    case = _case(request, uuid)
    try:
        payments.record_payment(case, actor=request.user, data=request.POST.dict())
    except DomainError as exc:
        return _case_refused(request, case, exc)
    return redirect(_detail(case) + "#case-payment")


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
        return task_refused(request, task, exc)
    return redirect(_detail(case))


@login_required
@permission_required("enforcement.view_penaltycase", raise_exception=True)
def case_file(request, uuid):
    return zip_response(_case(request, uuid))
