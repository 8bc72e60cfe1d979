"""/indicators/: the 19 indicators grouped by table, each with its value and status, a chart per table; and the
entering and approving of values (/indicators/values/)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yingji.core.documents import DOCX_TYPE
from yingji.core.errors import DomainError
from yingji.core.refusals import refuse

from . import report, services, snapshots, status
from .catalogue import CATALOGUE, ENTERED, TABLES
from .models import IndicatorValue, ValueState
from .workflows import VALUE_FLOW

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
    return render(request, "indicators/page.html", {"groups": groups, "counts": counts, "total": len(rows),
                                                    "plotly_url": _plotly_url()})


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
        "entered": [e for e in CATALOGUE if e.source == ENTERED], "pending": [
            {"record": r, "steps": VALUE_FLOW.available(r, request.user)} for r in pending],
        "recent": recent, "may_enter": request.user.has_perm("indicators.add_indicatorvalue")})


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


@login_required
@permission_required(VIEW, raise_exception=True)
def townships(request):
    """乡镇指标排名: this year's snapshots of the townships in the user's reach (snapshots.py)."""
    return render(request, "indicators/townships.html", {
        "data": snapshots.townships(request.user), "may_refresh": request.user.has_perm(APPROVE)})


@login_required
@require_POST
def refresh_snapshots(request):
    if not request.user.has_perm(APPROVE):
        messages.error(request, _("没有重新计算指标的权限"))
    else:
        snapshots.record()
        messages.success(request, _("已重新计算"))
    return redirect("indicators:townships")
