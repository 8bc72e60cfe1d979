"""Excel exports of the services' lists (办件, 安全承诺, 信用记录) and the credit → enforcement adjustment.

Each export holds what the user may see (scoping as on the page); times in the district's zone."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yingji.core.documents import DOCX_TYPE
from yingji.core.scoping import scope_to_user
from yingji.core.timefmt import DAY, MINUTE, local_text
from yingji.core.xlsx import table_workbook
from yingji.incidents.api import file_response
from yingji.incidents.exports import XLSX_TYPE

from . import cases, credit, licences, supervision
from .models import Licence, SafetyCommitment

COMMITMENT_DAYS = 90  # the commitments export covers this many days back


def _workbook_response(sheet, title, headers, rows, filename):
    stamp = timezone.localdate().strftime("%Y%m%d")
    return file_response(table_workbook([(sheet, title, headers, rows)]), XLSX_TYPE, f"{filename}-{stamp}.xlsx")


@login_required
@permission_required("services.view_servicecase", raise_exception=True)
def cases_xlsx(request):
    rows = [[c.code, c.get_kind_display(), c.title, c.enterprise.name, c.enterprise.credit_code, c.region.name,
             c.get_state_display(), local_text(c.submitted_at, MINUTE), local_text(c.deadline, MINUTE, ""),
             local_text(c.finished_at, MINUTE, ""), c.returned_count]
            for c in cases.visible_cases(request.user).order_by("-submitted_at")[:20000]]
    headers = [_("办件编号"), _("事项"), _("标题"), _("企业"), _("统一社会信用代码"), _("所属区域"), _("办理状态"),
               _("提交时间"), _("法定办结时限"), _("办结时间"), _("退回补正次数")]
    return _workbook_response(_("办件"), _("企业办件清单"), headers, rows, _("企业办件清单"))


@login_required
@permission_required("services.view_safetycommitment", raise_exception=True)
def commitments_xlsx(request):
    since = timezone.localdate() - dt.timedelta(days=COMMITMENT_DAYS)
    queryset = scope_to_user(SafetyCommitment.objects.filter(day__gte=since), request.user) \
        .select_related("enterprise", "region").order_by("-day", "enterprise__name")
    rows = [[c.day.strftime(DAY), c.enterprise.name, c.enterprise.credit_code, c.region.name,
             c.get_risk_state_display(), _("是") if c.major_sources_ok else _("否"), c.special_work, c.signed_by,
             local_text(c.at, MINUTE), c.statement] for c in queryset[:50000]]
    headers = [_("承诺日期"), _("企业"), _("统一社会信用代码"), _("所属区域"), _("今日安全风险研判"),
               _("重大危险源安全包保责任落实"), _("今日特殊作业数"), _("承诺人"), _("填报时间"), _("承诺内容")]
    title = _("安全承诺记录（近%(n)s天）") % {"n": COMMITMENT_DAYS}
    return _workbook_response(_("安全承诺"), title, headers, rows, _("安全承诺记录"))


@login_required
@permission_required("services.view_creditevent", raise_exception=True)
def credit_xlsx(request):
    labels = supervision.class_labels()
    rows = [[r.enterprise.name, r.enterprise.credit_code, r.enterprise.region.name, r.score, r.credit_class,
             labels.get(r.supervision_class, _("未列入检查对象名录库")), r.supervision_per_year,
             "；".join(f"{label} ×{n}（{points:+d}）" for label, n, points in r.lines)]
            for r in credit.records(credit.enterprises_in_reach(request.user))]
    headers = [_("企业"), _("统一社会信用代码"), _("所属区域"), _("信用分"), _("等级"), _("监管类别"),
               _("年检查频次"), _("计分事件")]
    return _workbook_response(_("信用记录"), _("企业安全生产信用记录"), headers, rows, _("企业安全生产信用记录"))


@login_required
@permission_required("services.manage_credit", raise_exception=True)
@require_POST
def adjust_supervision(request):
    changed = supervision.adjust_targets()
    messages.success(request, _("已按信用等级调整 %(n)s 个检查对象的监管类别") % {"n": changed})
    return redirect("services:credit")


@login_required
@permission_required("services.view_licence", raise_exception=True)
def licence_certificate(request, uuid):
    """The certificate of a valid licence in reach (an enterprise account: its own); else 404."""
    licence = scope_to_user(Licence.objects.filter(uuid=uuid, status="valid"), request.user) \
        .select_related("enterprise").first()
    if licence is None:
        raise Http404
    return file_response(licences.certificate_docx(licence), DOCX_TYPE, f"许可证-{licence.number}.docx")
