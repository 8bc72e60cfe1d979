"""Report pages: drafting, sign-off steps, the township roll-up, exports; and the review page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yingji.core import submissions
from yingji.core.errors import DomainError
from yingji.core.extensions import REVIEW_SECTIONS, render_contributions
from yingji.core.models import Region
from yingji.core.refusals import as_domain_error, refuse
from yingji.core.validators import parse_day

from . import reporting, review
from .api import DOCX_TYPE, file_response
from .exports import XLSX_TYPE, report_docx, reports_xlsx, review_docx
from .forms import ReportForm, posted
from .models import SituationReport
from .reportfields import figures_for, format_figure
from .views import FAILURES, VIEW, incident_for, visible
from .workflows import REPORT_FLOW, fire_report


def report_for(request, uuid):
    return get_object_or_404(
        SituationReport.objects.select_related("incident__region", "region", "author", "signer")
        .filter(incident__in=visible(request.user)), uuid=uuid)


@login_required
@permission_required("incidents.add_situationreport", raise_exception=True)
def report_new(request, uuid):
    incident = incident_for(request, uuid)
    kind = request.GET.get("kind") or request.POST.get("kind", "initial")
    form = ReportForm(posted(request), incident=incident, user=request.user,
                      initial=ReportForm.initial_for_new(incident, request.user))
    if request.method == "POST":
        try:  # a repeat of an earlier submission (double tap, retry) shows what the first one created
            report = submissions.form_once(request, form, lambda: _create_report(request, incident, kind, form),
                                           model=SituationReport)
        except FAILURES as exc:
            form.show_errors(exc)
        else:
            if report is not None:
                messages.success(request, _("已保存报告草稿"))
                return redirect("incidents:report", uuid=report.uuid)
    status = 400 if request.method == "POST" else 200
    return render(request, "incidents/report_form.html",
                  {"form": form, "incident": incident, "kind": kind, "kind_label": _kind_label(kind)}, status=status)


def _create_report(request, incident, kind, form):
    region = Region.objects.filter(code=form.cleaned_data["region"]).first()
    return reporting.create_report(incident, actor=request.user, kind=kind, region=region, data=form.service_data())


def _kind_label(kind):
    from .choices import ReportKind

    return ReportKind(kind).label if kind in ReportKind.values else kind


@login_required
@permission_required("incidents.change_situationreport", raise_exception=True)
def report_edit(request, uuid):
    report = report_for(request, uuid)
    form = ReportForm(posted(request), incident=report.incident, user=request.user, report=report,
                      initial=ReportForm.initial_from(report))
    if request.method == "POST" and form.is_valid():
        try:
            reporting.update_report(report, actor=request.user, data=form.service_data(),
                                    expected_version=form.cleaned_data.get("version"))
        except FAILURES as exc:
            form.show_errors(exc)
        else:
            messages.success(request, _("已保存报告"))
            return redirect("incidents:report", uuid=report.uuid)
    status = 400 if request.method == "POST" else 200
    return render(request, "incidents/report_form.html", {
        "form": form, "incident": report.incident, "report": report, "kind_label": report.kind_label,
    }, status=status)


@login_required
@permission_required(VIEW, raise_exception=True)
def report_detail(request, uuid):
    return render(request, "incidents/report_detail.html", _report_context(request, report_for(request, uuid)))


def _report_context(request, report, **extra):
    rows = [(f, format_figure(f, report.figures.get(f.key))) for f in figures_for(report.incident.type_code)]
    return {
        "report": report, "incident": report.incident, "rows": rows, "texts": reporting.texts_of(report),
        "transitions": REPORT_FLOW.available(report, request.user),
        "editable": report.status in ("draft", "returned") and request.user.has_perm(
            "incidents.change_situationreport"),
        **extra,
    }


@login_required
@require_POST
def report_transition(request, uuid):
    report = report_for(request, uuid)
    data = {"reason": request.POST.get("reason", "")}
    try:
        fire_report(report, request.POST.get("event", ""), actor=request.user, data=data)
    except FAILURES as exc:
        if isinstance(exc, DomainError) and "reason" in exc.fields:  # beside the reason box of that step
            context = _report_context(request, report, refused={"form": request.POST.get("event"), "error": exc})
            return render(request, "incidents/report_detail.html", context, status=400)
        messages.error(request, refuse(request, exc, keep=True).message)
    else:
        messages.success(request, _("报告状态已更新"))
    return redirect("incidents:report", uuid=report.uuid)


@login_required
@permission_required(VIEW, raise_exception=True)
def report_export(request, uuid):
    report = report_for(request, uuid)
    return file_response(report_docx(report), DOCX_TYPE, f"{report.title}.docx")


@login_required
@permission_required(VIEW, raise_exception=True)
def reports_export(request, uuid):
    incident = incident_for(request, uuid)
    return file_response(reports_xlsx(incident), XLSX_TYPE, f"{incident.code}-报告.xlsx")


@login_required
@permission_required(VIEW, raise_exception=True)
def rollup(request, uuid):
    incident = incident_for(request, uuid)
    data = reporting.rollup(incident)
    rows = [(township, report, [format_figure(f, report.figures.get(f.key)) for f in data["fields"]])
            for township, report in data["rows"]]
    total = [format_figure(f, data["total"].get(f.key)) for f in data["fields"]]
    return render(request, "incidents/rollup.html",
                  {"incident": incident, "fields": data["fields"], "rows": rows, "total": total})


@login_required
@permission_required(VIEW, raise_exception=True)
def review_page(request, uuid):
    incident = incident_for(request, uuid)
    if request.method == "POST":
        items = [{"content": request.POST.get("item_content", ""), "owner": request.POST.get("item_owner", ""),
                  "due_date": request.POST.get("item_due") or None}]
        try:
            parse_day(items[0]["due_date"], field="item_due", label=_("完成时限"))
            review.save_review(incident, actor=request.user, findings=request.POST.get("findings", ""), items=items)
        except (DomainError, ValidationError) as exc:  # beside the box it is about, what was typed kept
            context = _review_context(request, incident, error=as_domain_error(exc), data=request.POST)
            return render(request, "incidents/review.html", context, status=400)
        else:
            messages.success(request, _("已保存评估意见"))
        return redirect("incidents:review", uuid=incident.uuid)
    return render(request, "incidents/review.html", _review_context(request, incident))


def _review_context(request, incident, **extra):
    return {
        "incident": incident, "facts": review.compute(incident), "review": getattr(incident, "review", None),
        "sections": render_contributions(REVIEW_SECTIONS, request, incident, lambda s: s.context(incident)),
        "can_review": request.user.has_perm("incidents.add_review") and incident.status == "closed", **extra,
    }


@login_required
@permission_required(VIEW, raise_exception=True)
def review_export(request, uuid):
    incident = incident_for(request, uuid)
    return file_response(review_docx(incident), DOCX_TYPE, f"{incident.code}-应急评估.docx")
