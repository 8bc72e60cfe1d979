"""Pages of the enterprise services: the portal (an enterprise's duties, or the bureau's work), cases with their
clock, documents, steps and messages, the plan filing and licence application forms, the 备案登记表 download, daily
commitments, credit supervision, and two public pages (a case's state by number; the credit rules and lists)."""

import datetime as dt

from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yingji.core import attachments
from yingji.core.documents import DOCX_TYPE
from yingji.core.errors import DomainError
from yingji.core.refusals import refuse
from yingji.core.scoping import scope_to_user
from yingji.prevention.models import Enterprise

from . import cases, commitments, credit, enterprises, filing, licences, portal, supervision
from . import exams as service_exams
from .choices import FILING_DOCUMENTS, LICENCE_DOCUMENTS, CaseState, CreditEventKind, CreditList, PlanKind, RiskState
from .clocks import clock_of
from .models import CreditListEntry, Licence

VIEW = "services.view_servicecase"


def _case_or_404(request, uuid):
    try:
        return cases.case_for(request.user, uuid)
    except DomainError:
        raise Http404 from None


def _files(request, allowed) -> dict:
    return {code: request.FILES[code] for code in allowed if code in request.FILES}


def _manages(user, enterprise) -> bool:
    from . import accounts

    return accounts.managed_enterprise(user) is not None


@login_required
@permission_required(VIEW, raise_exception=True)
def home(request):
    user = request.user
    enterprise = enterprises.bound_enterprise(user)
    visible = cases.visible_cases(user)
    if enterprise is not None:
        return render(request, "services/portal.html", {
            "enterprise": enterprise, "duties": portal.duties(user, enterprise),
            "cases": [(c, clock_of(c)) for c in visible[:20]],
            "colleagues": enterprises.colleagues(enterprise).filter(is_active=True),
            "manages_accounts": _manages(user, enterprise), "exams": service_exams.offered(user)})
    open_cases = visible.exclude(state__in=(CaseState.DONE, CaseState.REFUSED, CaseState.RETURNED)) \
        .order_by("deadline")
    return render(request, "services/bureau.html", {
        "open_cases": [(c, clock_of(c)) for c in open_cases[:50]],
        "missing": commitments.missing_today(user)[:50], "expiring": licences.expiring(user)[:20],
        "unbound": user.role == "enterprise"})


@login_required
@permission_required(VIEW, raise_exception=True)
def case_list(request):
    visible = cases.visible_cases(request.user)
    state = request.GET.get("state", "")
    if state in CaseState.values:
        visible = visible.filter(state=state)
    return render(request, "services/case_list.html", {
        "rows": [(c, clock_of(c)) for c in visible[:200]], "states": CaseState.choices, "state": state})


def _case_context(request, case, error=None) -> dict:
    user = request.user
    documents = attachments.attachments_of(case).order_by("uploaded_at")
    wanted = cases.documents_for(case.kind)
    context = {"case": case, "clock": clock_of(case), "steps": cases.steps_for(case, user),
               "history": case.steps.select_related("actor"), "messages_list": case.messages.select_related("author"),
               "documents": documents, "wanted": list(wanted.items()), "missing": cases.missing_documents(case),
               "may_upload": user.has_perm(cases.APPLY) and case.state in (CaseState.SUBMITTED, CaseState.RETURNED),
               "may_message": user.has_perm("services.add_casemessage"), "error": error,
               "filing": getattr(case, "filing", None) if case.kind == "plan_filing" else None,
               "application": getattr(case, "licence_application", None) if case.kind == "licence" else None,
               "plan_kinds": PlanKind.choices}
    if context["filing"] is not None and context["filing"].filed_on:
        context["drills_due"] = filing.drills_due(context["filing"])
        context["drills"] = context["filing"].drills.all()
    if context["application"] is not None:
        context["licence_type"] = licences.type_label(context["application"].licence_type)
        context["licence"] = Licence.objects.filter(case=case).first()
    return context


@login_required
@permission_required(VIEW, raise_exception=True)
def case_detail(request, uuid):
    return render(request, "services/case.html", _case_context(request, _case_or_404(request, uuid)))


def _again(request, case, exc):
    refuse(request, exc)
    return render(request, "services/case.html", _case_context(request, case, exc), status=exc.status)


@login_required
@require_POST
def case_step(request, uuid):
    case = _case_or_404(request, uuid)
    try:
        cases.fire(case, request.POST.get("event", ""), actor=request.user,
                   data={"reason": request.POST.get("reason", ""), "note": request.POST.get("note", "")})
    except DomainError as exc:
        return _again(request, case, exc)
    return redirect("services:case", uuid=case.uuid)


@login_required
@require_POST
def case_document(request, uuid):
    case = _case_or_404(request, uuid)
    try:
        cases.add_document(actor=request.user, case=case, kind=request.POST.get("kind", ""),
                           upload=request.FILES.get("file"))
    except DomainError as exc:
        return _again(request, case, exc)
    return redirect("services:case", uuid=case.uuid)


@login_required
@require_POST
def case_message(request, uuid):
    case = _case_or_404(request, uuid)
    try:
        cases.post_message(actor=request.user, case=case, text=request.POST.get("text", ""))
    except DomainError as exc:
        return _again(request, case, exc)
    return redirect("services:case", uuid=case.uuid)


@login_required
@require_POST
def case_drill(request, uuid):
    case = _case_or_404(request, uuid)
    try:
        if case.kind != "plan_filing":
            raise DomainError("not_filed", _("该办件不是预案备案"), field="plan_kind")
        filing.record_drill(actor=request.user, filing=case.filing, plan_kind=request.POST.get("plan_kind", ""),
                            held_on=request.POST.get("held_on", ""), note=request.POST.get("note", ""))
    except DomainError as exc:
        return _again(request, case, exc)
    return redirect("services:case", uuid=case.uuid)


@login_required
@permission_required(VIEW, raise_exception=True)
def filing_form(request, uuid):
    case = _case_or_404(request, uuid)
    if case.kind != "plan_filing" or not case.filing.filed_on:
        raise Http404
    response = HttpResponse(filing.filing_docx(case.filing), content_type=DOCX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="beian-{case.filing.filing_number}.docx"'
    return response


def _new_case(request, *, template, documents, submit, extra=None):
    user = request.user
    context = {"documents": list(documents.items()), "data": request.POST, **(extra or {})}
    try:
        enterprise = enterprises.enterprise_for(user, request.POST.get("enterprise") or request.GET.get("enterprise"))
    except DomainError as exc:
        if request.method != "POST" and exc.code == "enterprise_required":
            enterprise = None
        else:
            return render(request, template, {**context, "error": exc}, status=exc.status)
    context["enterprise"] = enterprise
    if request.method != "POST":
        return render(request, template, context)
    try:
        case = submit(actor=user, enterprise=enterprise, data=request.POST, files=_files(request, documents))
    except DomainError as exc:
        return render(request, template, {**context, "error": exc}, status=exc.status)
    return redirect("services:case", uuid=case.uuid)


@login_required
@permission_required(cases.APPLY, raise_exception=True)
def filing_new(request):
    return _new_case(request, template="services/filing_new.html", documents=FILING_DOCUMENTS,
                     submit=filing.submit_filing)


@login_required
@permission_required(cases.APPLY, raise_exception=True)
def licence_new(request):
    return _new_case(request, template="services/licence_new.html", documents=LICENCE_DOCUMENTS,
                     submit=licences.apply, extra={"types": licences.LICENCE_TYPES.values()})


@login_required
@permission_required("services.view_licence", raise_exception=True)
def licence_list(request):
    rows = scope_to_user(Licence.objects.select_related("enterprise"), request.user).order_by("expires_on")
    return render(request, "services/licences.html", {"rows": rows[:300], "type_label": licences.type_label,
                                                      "soon": timezone.localdate() + dt.timedelta(days=90)})


@login_required
@permission_required("services.view_safetycommitment", raise_exception=True)
def commitment(request):
    user = request.user
    enterprise = enterprises.bound_enterprise(user)
    if enterprise is None:
        return render(request, "services/commitments.html", {
            "missing": commitments.missing_today(user), "today": timezone.localdate(),
            "made": scope_to_user(commitments.current_period(timezone.localdate()), user).select_related("enterprise")})
    today = timezone.localdate()
    frequency = commitments.frequency_of(enterprise)
    made = commitments.current_commitment(enterprise, today)
    context = {"enterprise": enterprise, "made": made, "risk_states": RiskState.choices, "today": today,
               "owes": frequency is not None, "weekly": frequency == commitments.WEEKLY,
               "period": commitments.period_label(frequency, commitments.period_of(frequency, today)[0])
               if frequency else "", "gaps": commitments.gaps(enterprise),
               "recent": commitments.SafetyCommitment.objects.filter(enterprise=enterprise)[:14],
               "sample": commitments.statement_text("low", 0, True, frequency or commitments.DAILY)}
    if request.method == "POST":
        if not user.has_perm("services.add_safetycommitment"):
            raise Http404
        try:
            commitments.commit(actor=user, enterprise=enterprise, data=request.POST)
        except DomainError as exc:
            return render(request, "services/commitment.html", {**context, "error": exc}, status=exc.status)
        return redirect("services:commitment")
    return render(request, "services/commitment.html", context)


@login_required
@permission_required("services.view_creditevent", raise_exception=True)
def credit_list(request):
    records = credit.records(credit.enterprises_in_reach(request.user))
    wanted = request.GET.get("class", "")
    if wanted in credit.CLASSES:
        records = [r for r in records if r.credit_class == wanted]
    counts = {c: 0 for c in credit.CLASSES}
    for r in credit.records(credit.enterprises_in_reach(request.user)) if wanted else records:
        counts[r.credit_class] += 1
    return render(request, "services/credit_list.html", {
        "records": records[:300], "counts": counts, "wanted": wanted, "entries": credit.open_entries(request.user),
        "rules": credit.rules()})


@login_required
@permission_required("services.view_creditevent", raise_exception=True)
def credit_detail(request, code):
    enterprise = scope_to_user(Enterprise.objects.all(), request.user).filter(code=code).first()
    if enterprise is None:
        raise Http404
    error = None
    if request.method == "POST":
        action, post = request.POST.get("action", ""), request.POST
        try:
            if action == "event":
                credit.record_event(actor=request.user, enterprise=enterprise, kind=post.get("kind", ""),
                                    happened_on=post.get("happened_on", ""), note=post.get("note", ""))
            elif action == "enter":
                credit.enter_list(actor=request.user, enterprise=enterprise, list_kind=post.get("list_kind", ""),
                                  reason=post.get("reason", ""))
            elif action == "exit":
                entry = CreditListEntry.objects.filter(enterprise=enterprise, uuid=_uuid(post.get("entry"))).first()
                if entry is None:
                    raise DomainError("not_found", _("未找到该名单记录"), field="entry")
                credit.exit_list(actor=request.user, entry=entry, reason=post.get("reason", ""))
            else:
                raise DomainError("unknown_action", _("未知的操作"), field="action")
            return redirect("services:credit-enterprise", code=enterprise.code)
        except DomainError as exc:
            error = refuse(request, exc)
    record = credit.record_of(enterprise)
    entries = scope_to_user(CreditListEntry.objects.filter(enterprise=enterprise), request.user)
    events = scope_to_user(credit.CreditEvent.objects.filter(enterprise=enterprise), request.user)
    return render(request, "services/credit_detail.html", {
        "enterprise": enterprise, "record": record, "entries": entries, "events": events[:100], "error": error,
        "kinds": CreditEventKind.choices, "lists": CreditList.choices,
        "may_manage": request.user.has_perm("services.manage_credit")}, status=error.status if error else 200)


def _uuid(value):
    import uuid

    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


# ---- public pages ------------------------------------------------------------------------------------------------
def lookup(request):
    number, status, error = request.GET.get("number", "").strip(), None, None
    if number:
        try:
            status = cases.public_status(number)
        except DomainError as exc:
            error = refuse(request, exc)
    return render(request, "services/lookup.html", {"number": number, "status": status, "error": error},
                  status=404 if error else 200)


def public_credit(request):
    entries = CreditListEntry.objects.filter(exited_on__isnull=True, list_kind=CreditList.BLACKLIST) \
        .select_related("enterprise").order_by("-entered_on")
    from .config import current

    return render(request, "services/public_credit.html", {
        "rules": credit.rules(), "floors": current().credit_class_floors, "base": current().credit_base,
        "supervision": supervision.public_rules(), "entries": entries[:200]})



def _accounts_page(request, enterprise, *, error=None, created=None, password="", status=200):
    from . import accounts

    response = render(request, "services/accounts.html", {
        "enterprise": enterprise, "rows": enterprises.colleagues(enterprise), "me": request.user,
        "principal": accounts.principal(enterprise), "error": error, "created": created, "password": password},
        status=status)
    if password:
        response["Cache-Control"] = "no-store"
    return response


@login_required
def accounts_page(request):
    """本企业账户: the principal account lists, adds, deactivates and reactivates its colleagues' accounts."""
    from . import accounts

    enterprise = accounts.managed_enterprise(request.user)
    if enterprise is None:
        raise PermissionDenied
    if request.method != "POST":
        return _accounts_page(request, enterprise)
    form = {k: request.POST.get(k, "") for k in ("username", "name", "phone")}
    try:
        user, password = accounts.add_colleague(actor=request.user, password=request.POST.get("password", ""), **form)
    except DomainError as exc:
        refuse(request, exc, form="add-account")
        return _accounts_page(request, enterprise, error=exc, status=exc.status)
    return _accounts_page(request, enterprise, created=user, password=password)


@login_required
@require_POST
def account_action(request, uuid, action):
    from . import accounts

    enterprise = accounts.managed_enterprise(request.user)
    if enterprise is None:
        raise PermissionDenied
    try:
        if action == "reset-password":
            user, password = accounts.reset_password(actor=request.user, uuid=uuid)
            return _accounts_page(request, enterprise, created=user, password=password)
        accounts.set_active(actor=request.user, uuid=uuid, active=action == "activate")
    except DomainError as exc:
        if exc.status == 404:
            raise Http404 from None
        refuse(request, exc, form=f"{action}-{uuid}")
        return _accounts_page(request, enterprise, error=exc, status=exc.status)
    return redirect("services:accounts")


@login_required
@require_POST
def exam_start(request, uuid):
    """参加考试: an offered paper (安全培训考核) is started or resumed on the community app's exam page."""
    if enterprises.bound_enterprise(request.user) is None:
        raise PermissionDenied
    try:
        attempt = service_exams.start(request.user, uuid)
    except DomainError as exc:
        if exc.status == 404:
            raise Http404 from None
        if exc.status == 403:
            raise PermissionDenied(exc.message) from None
        refuse(request, exc, keep=True, form=f"exam-{uuid}")
        return redirect("services:home")
    return redirect("community:attempt", uuid=attempt.uuid)
