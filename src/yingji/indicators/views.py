"""/indicators/: the 19 indicators grouped by table, each with its value and status, a chart per table; and the
entering and approving of values (/indicators/values/)."""

from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yingji.core.attachments import attachments_of
from yingji.core.documents import DOCX_TYPE
from yingji.core.errors import DomainError
from yingji.core.refusals import refuse
from yingji.core.scoping import scope_to_user

from . import backfill as backfilling
from . import departments, evaluations, exports, report, services, snapshots, status
from .catalogue import BASELINE_YEAR, CATALOGUE, COMPUTED, ENTERED, TABLES
from .models import KIND_YEARS, Evaluation, EvaluationKind, IndicatorValue, ValueState
from .workflows import EVALUATION_FLOW, VALUE_FLOW

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
VIEW_EVALUATION = "indicators.view_evaluation"

VIEW = "indicators.view_indicatorvalue"
APPROVE = "indicators.approve_indicatorvalue"


def _plotly_url() -> str:
    try:
        return reverse("monitoring:plotly")  # the vendored plotly.js, served once for the whole site
    except NoReverseMatch:
        return ""


@login_required
@permission_required(VIEW, raise_exception=True)
def page(request):
    rows = status.current(request.user)
    groups = [{"key": key, "title": title, "rows": [r for r in rows if r["table"] == key]}
              for key, title in TABLES.items()]
    counts = {key: sum(1 for r in rows if r["status"] == key) for key in status.LABELS}
    year, error = _ranking_year(request)
    if error is not None:
        messages.error(request, error.message)
    may_assign = request.user.has_perm(departments.ASSIGN)
    return render(request, "indicators/page.html", {
        "groups": groups, "counts": counts, "total": len(rows), "plotly_url": _plotly_url(),
        "departments": departments.ranking(request.user, year), "may_assign": may_assign,
        "candidates": departments.candidates() if may_assign else [], "catalogue": CATALOGUE,
        "years": range(timezone.localdate().year, BASELINE_YEAR - 1, -1)}, status=error.status if error else 200)


@login_required
@permission_required(VIEW, raise_exception=True)
def trend(request, code):
    """One indicator's value by year since the 2020 baseline (status.history), with how each was obtained."""
    found = status.history(code, request.user)
    if found is None:
        raise Http404(_("没有这个指标"))
    sources = {"entered": _("部门填报（审核通过）"), "snapshot": _("系统年度快照"), "backfill": _("补录"),
               "computed": _("系统计算（当前）"), "baseline": _("2020年基线")}
    years = [{**y, "text": f"{y['value']:g}", "source_label": sources.get(y["source"], y["source"])}
             for y in found["years"]]
    for y in years:
        if y["source"] == "baseline":
            y["source_label"] = f"{y['source_label']}（{found['indicator']['baseline_note']}）"
    return render(request, "indicators/trend.html", {"row": found["indicator"], "years": years})


@login_required
@permission_required(VIEW, raise_exception=True)
def annual_report(request):
    response = HttpResponse(report.annual_report(request.user), content_type=DOCX_TYPE)
    response["Content-Disposition"] = 'attachment; filename="indicators-report.docx"'
    return response


@login_required
@permission_required(VIEW, raise_exception=True)
def values(request):
    pending = IndicatorValue.objects.filter(status=ValueState.SUBMITTED).select_related("entered_by")
    recent = IndicatorValue.objects.exclude(status=ValueState.SUBMITTED).select_related("decided_by")[:30]
    return render(request, "indicators/values.html", {
        "entered": [e for e in CATALOGUE if e.source == ENTERED],
        "baseline_only": [e for e in CATALOGUE if e.source != ENTERED], "pending": [
            {"record": r, "steps": VALUE_FLOW.available(r, request.user), "files": attachments_of(r)}
            for r in pending],
        "recent": [{"record": r, "files": attachments_of(r)} for r in recent],
        "may_enter": request.user.has_perm("indicators.add_indicatorvalue")})


@login_required
@require_POST
def enter(request):
    try:
        services.submit(actor=request.user, data=request.POST, evidence=request.FILES.get("evidence"))
    except DomainError as error:
        messages.error(request, refuse(request, error, keep=True).message)
    else:
        messages.success(request, _("已提交，待审核"))
    return redirect("indicators:values")


@login_required
@require_POST
def decide(request, uuid, event):
    record = IndicatorValue.objects.filter(uuid=uuid).first()
    try:
        if record is None or not request.user.has_perm(VIEW):
            raise DomainError("not_found", _("记录不存在或不在您的管辖范围内"))
        VALUE_FLOW.fire(record, event, actor=request.user, data={"reason": request.POST.get("reason", "")})
    except DomainError as error:
        messages.error(request, refuse(request, error, keep=True).message)
    else:
        messages.success(request, _("已处理"))
    return redirect("indicators:values")


def _download(content, content_type, filename) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


def _ranking_year(request):
    """The year asked for (?year=, 2020 to this year), or this year and the error to show."""
    this_year = timezone.localdate().year
    raw = request.GET.get("year", "")
    if raw == "":
        return this_year, None
    try:
        year = int(raw)
    except ValueError:
        year = 0
    if not BASELINE_YEAR <= year <= this_year:
        return this_year, DomainError("invalid_year", _("年度应在 %(a)s 至今年之间") % {"a": BASELINE_YEAR},
                                      field="year")
    return year, None


@login_required
@permission_required(VIEW, raise_exception=True)
def townships(request):
    """乡镇指标排名: a year's snapshots of the townships in the user's reach (snapshots.py)."""
    year, error = _ranking_year(request)
    if error is not None:
        messages.error(request, error.message)
    return render(request, "indicators/townships.html", {
        "data": snapshots.townships(request.user, year), "may_refresh": request.user.has_perm(APPROVE),
        "years": range(timezone.localdate().year, BASELINE_YEAR - 1, -1)},
        status=error.status if error else 200)


@login_required
@permission_required(VIEW, raise_exception=True)
def ranking_xlsx(request, kind):
    """乡镇指标排名 or 责任部门排名 as Excel (exports.RANKINGS: one code path)."""
    year, _error = _ranking_year(request)
    names = {"townships": _("乡镇指标排名"), "departments": _("责任部门排名")}
    return _download(exports.ranking_workbook(request.user, year, kind), XLSX_TYPE, f"{names[kind]}-{year}.xlsx")


@login_required
@require_POST
def assign_department(request):
    """The director role sets an indicator's responsible department (departments.assign)."""
    try:
        departments.assign(actor=request.user, data=request.POST)
    except DomainError as error:
        messages.error(request, refuse(request, error, keep=True, form="indicator-owner").message)
    else:
        messages.success(request, _("已保存"))
    return redirect(reverse("indicators:page") + "#departments")


@login_required
@require_POST
def refresh_snapshots(request):
    if not request.user.has_perm(APPROVE):
        messages.error(request, _("没有重新计算指标的权限"))
    else:
        snapshots.record()
        messages.success(request, _("已重新计算"))
    return redirect("indicators:townships")


# ---- 补录 (back-filling past years of computed indicators) ------------------------------------------------

@login_required
@permission_required(backfilling.PERMISSION, raise_exception=True)
def backfill(request):
    error = None
    if request.method == "POST":
        try:
            shot = backfilling.backfill(actor=request.user, data=request.POST)
        except DomainError as exc:
            error = refuse(request, exc, form="indicator-backfill")
        else:
            messages.success(request, _("已补录 %(c)s %(y)s年 %(r)s") % {
                "c": shot.indicator, "y": shot.year, "r": shot.region.name})
            return redirect("indicators:backfill")
    return render(request, "indicators/backfill.html", {
        "entries": [e for e in CATALOGUE if e.source == COMPUTED], "regions": backfilling.regions(request.user),
        "rows": backfilling.backfilled(request.user), "error": error,
        "last_year": timezone.localdate().year - 1, "first_year": BASELINE_YEAR},
        status=error.status if error else 200)


# ---- 规划评估报告 (annual reports, mid-term and final evaluations, with versions) ----------------------------

def _evaluations(user):
    return scope_to_user(Evaluation.objects.all(), user).select_related("created_by", "decided_by")


def _evaluation(request, uuid) -> Evaluation:
    found = _evaluations(request.user).filter(uuid=uuid).first()
    if found is None:
        raise Http404(_("记录不存在或不在您的管辖范围内"))
    return found


@login_required
@permission_required(VIEW_EVALUATION, raise_exception=True)
def evaluation_list(request):
    error = None
    if request.method == "POST":
        try:
            made = evaluations.start(actor=request.user, data=request.POST)
        except DomainError as exc:
            error = refuse(request, exc, form="evaluation-start")
        else:
            messages.success(request, _("已新建第%(v)s版") % {"v": made.version})
            return redirect("indicators:evaluation", uuid=made.uuid)
    return render(request, "indicators/evaluations.html", {
        "records": _evaluations(request.user), "kinds": EvaluationKind.choices, "kind_years": KIND_YEARS,
        "may_start": request.user.has_perm(evaluations.ADD), "error": error,
        "this_year": timezone.localdate().year}, status=error.status if error else 200)


@login_required
@permission_required(VIEW_EVALUATION, raise_exception=True)
def evaluation(request, uuid):
    record = _evaluation(request, uuid)
    error = None
    if request.method == "POST":
        try:
            if request.POST.get("action") == "refresh":
                evaluations.refresh(actor=request.user, evaluation=record)
                messages.success(request, _("已重新取数"))
            else:
                evaluations.edit(actor=request.user, evaluation=record, data=request.POST)
                messages.success(request, _("已保存"))
        except DomainError as exc:
            refresh = request.POST.get("action") == "refresh"
            error = refuse(request, exc, form="evaluation-refresh" if refresh else "evaluation-text")
        else:
            return redirect("indicators:evaluation", uuid=record.uuid)
    rows = record.figures.get("rows", [])
    groups = [{"title": title, "rows": [r for r in rows if r["table"] == key]} for key, title in TABLES.items()]
    versions = _evaluations(request.user).filter(kind=record.kind, year=record.year)
    return render(request, "indicators/evaluation.html", {
        "record": record, "groups": groups, "versions": versions, "ranking": record.figures.get("ranking", []),
        "owners": record.figures.get("departments"),
        "steps": EVALUATION_FLOW.available(record, request.user), "error": error,
        "may_edit": record.status == "drafted" and request.user.has_perm(evaluations.CHANGE),
        "sections": [(name, Evaluation._meta.get_field(name).verbose_name, getattr(record, name))
                     for name in evaluations.SECTIONS]}, status=error.status if error else 200)


@login_required
@permission_required(VIEW_EVALUATION, raise_exception=True)
@require_POST
def evaluation_step(request, uuid, event):
    record = _evaluation(request, uuid)
    try:
        EVALUATION_FLOW.fire(record, event, actor=request.user, data={"reason": request.POST.get("reason", "")})
    except DomainError as exc:  # drawn under the step's form (its reason kept) on the page it goes back to
        messages.error(request, refuse(request, exc, keep=True, form=f"evaluation-step-{event}").message)
    else:
        messages.success(request, _("已处理"))
    return redirect("indicators:evaluation", uuid=record.uuid)


@login_required
@permission_required(VIEW_EVALUATION, raise_exception=True)
def evaluation_docx(request, uuid):
    record = _evaluation(request, uuid)
    return _download(evaluations.render(record), DOCX_TYPE, evaluations.filename(record))
