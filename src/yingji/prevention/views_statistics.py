"""统计分析: the page `/prevention/statistics/`, its xlsx, the 隐患排查治理情况统计表 (xlsx, DOCX) and
`GET /api/prevention/statistics/` (prevention.statistics)."""

from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from yingji.core.api_serializers import ERRORS
from yingji.core.documents import DOCX_TYPE, OfficialDocument, Table, chinese_date, render_docx
from yingji.core.errors import DomainError, PermissionDeniedError
from yingji.core.xlsx import table_workbook
from yingji.incidents.api import file_response
from yingji.incidents.exports import XLSX_TYPE

from . import statistics as stats
from .selfcheck_statistics import cells as selfcheck_cells
from .selfcheck_statistics import headers as selfcheck_headers
from .selfcheck_statistics import selfcheck_statistics

VIEW = "prevention.view_hazard"
ISSUER = "遂宁市船山区应急管理局"


def _period(request):
    """The period asked for, or (on a bad value) the current year and the error to show."""
    try:
        return stats.period_from(request.GET), None
    except DomainError as exc:
        return stats.period_from({}), exc.message


@login_required
@permission_required(VIEW, raise_exception=True)
def statistics_page(request):
    period, error = _period(request)
    data = stats.statistics(request.user, period)
    tables = [(key, str(label), [(row, stats.table_cells(row)) for row in data[key]])
              for key, label in stats.DIMENSIONS]
    query = request.GET.urlencode() if error is None else ""
    checks = selfcheck_statistics(request.user, period)
    selfchecks = [(row, selfcheck_cells(row)) for row in [*checks["rows"], checks["total"]]] if checks["rows"] else []
    return render(request, "prevention/statistics.html", {
        "selfchecks": selfchecks, "selfcheck_headers": selfcheck_headers(),
        "data": data, "period": period, "error": error, "tables": tables, "headers": stats.table_headers(),
        "query": query, "years": range(timezone.localdate().year, stats.FIRST_YEAR + 19, -1), "params": request.GET,
        "quarters": (1, 2, 3, 4)})


def statistics_workbook(user, period) -> bytes:
    data = stats.statistics(user, period)
    totals = [[str(row_label), *stats.table_cells(data["totals"][key])]
              for key, row_label in (("general", _("一般隐患")), ("major", _("重大隐患")), ("all", _("合计")))]
    title = _("隐患统计分析（%(p)s）") % {"p": period.label}
    sheets = [(_("汇总"), title, [_("类别"), *stats.table_headers()], totals)]
    for key, label in stats.DIMENSIONS:
        sheets.append((label, _("按%(d)s统计（%(p)s）") % {"d": label, "p": period.label},
                       [str(label), *stats.table_headers()], [[r["label"], *stats.table_cells(r)] for r in data[key]]))
    checks = selfcheck_statistics(user, period)
    sheets.append((_("企业自查"), _("企业自查情况（%(p)s）") % {"p": period.label},
                   [_("乡镇（街道）"), *selfcheck_headers()],
                   [[r["label"], *selfcheck_cells(r)] for r in [*checks["rows"], checks["total"]]]))
    return table_workbook(sheets)


@login_required
@permission_required(VIEW, raise_exception=True)
def statistics_xlsx(request):
    period, _error = _period(request)
    return file_response(statistics_workbook(request.user, period), XLSX_TYPE, f"隐患统计分析-{period.label}.xlsx")


def _report_title(period) -> str:
    return _("%(p)s隐患排查治理情况统计表") % {"p": period.label}


def _report_due(period) -> str:
    due = period.report_due
    return _("报送期限：%(d)s前") % {"d": chinese_date(due)} if due else ""


@login_required
@permission_required(VIEW, raise_exception=True)
def report_xlsx(request):
    period, _error = _period(request)
    headers, body = stats.report_table(stats.report_rows(request.user, period))
    title = " ".join(filter(None, [_report_title(period), _report_due(period)]))
    content = table_workbook([(_("统计表"), title, headers, body)])
    return file_response(content, XLSX_TYPE, f"{_report_title(period)}.xlsx")


@login_required
@permission_required(VIEW, raise_exception=True)
def report_docx(request):
    period, _error = _period(request)
    rows = stats.report_rows(request.user, period)
    headers, body = stats.report_table(rows)
    total = rows[-1]
    summary = _("%(p)s（%(s)s至%(e)s），共%(n)d家单位排查一般隐患%(g)d项、已整改%(gc)d项，排查重大隐患%(m)d项、"
                "已整改销号%(mc)d项，其中挂牌督办%(sv)d项。") % {
        "p": period.label, "s": chinese_date(period.start), "e": chinese_date(period.end), "n": len(rows) - 1,
        "g": total["general"], "gc": total["general_closed"], "m": total["major"], "mc": total["major_closed"],
        "sv": total["supervised"]}
    blocks = [summary, _report_due(period), Table(headers, body, caption=_report_title(period))]
    document = OfficialDocument(title=_report_title(period), issuer=ISSUER, date=timezone.localdate(),
                                blocks=[b for b in blocks if b])
    return file_response(render_docx(document), DOCX_TYPE, f"{_report_title(period)}.docx")


class StatisticsSerializer(serializers.Serializer):
    period = serializers.DictField()
    totals = serializers.DictField(child=serializers.DictField())
    by_township = serializers.ListField(child=serializers.DictField())
    by_sector = serializers.ListField(child=serializers.DictField())
    by_grade = serializers.ListField(child=serializers.DictField())
    by_source = serializers.ListField(child=serializers.DictField())
    by_state = serializers.ListField(child=serializers.DictField())


PERIOD_PARAMETERS = [
    OpenApiParameter("year", OpenApiTypes.INT, description="年度（默认今年）"),
    OpenApiParameter("quarter", OpenApiTypes.INT, description="季度 1–4（与 year 一起）"),
    OpenApiParameter("start", OpenApiTypes.DATE, description="自定义起始日期（与 end 一起，优先于 year）"),
    OpenApiParameter("end", OpenApiTypes.DATE, description="自定义结束日期")]


class StatisticsView(APIView):
    """Hazards found in the period, in the user's reach: by township, sector, grade, source and state, with 整改率
    (一般、重大) and 按期整改率. Errors: 400 `invalid_period` / `invalid_date` naming the parameter."""

    permission_classes = [IsAuthenticated]

    @extend_schema(parameters=PERIOD_PARAMETERS, responses={200: StatisticsSerializer, **ERRORS})
    def get(self, request):
        if not request.user.has_perm(VIEW):
            raise PermissionDeniedError("permission_denied", _("没有查看双重预防信息的权限"))
        return Response(stats.statistics(request.user, stats.period_from(request.query_params)))
