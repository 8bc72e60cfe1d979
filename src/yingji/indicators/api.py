"""/api/indicators/: current values with status, a history per indicator, entering and approving values; the
evaluations (annual reports, mid-term and final) in versions with approval and DOCX (/api/indicators/evaluations/)."""

from urllib.parse import quote

from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from yingji.core.api_serializers import ERRORS, body_of, json_object
from yingji.core.documents import DOCX_TYPE
from yingji.core.errors import DomainError, PermissionDeniedError
from yingji.core.parsers import FormParser, JSONParser, MultiPartParser
from yingji.core.scoping import scope_to_user

from . import evaluations, services, status
from .api_serializers import (
    DecisionSerializer,
    EvaluationDetailSerializer,
    EvaluationInputSerializer,
    EvaluationSerializer,
    EvaluationTextSerializer,
    HistorySerializer,
    IndicatorSerializer,
    ValueInputSerializer,
    ValueSerializer,
)
from .models import Evaluation, EvaluationKind, IndicatorValue
from .workflows import EVALUATION_FLOW, VALUE_FLOW

VIEW = "indicators.view_indicatorvalue"


def _may_view(request) -> None:
    if not request.user.has_perm(VIEW):
        raise PermissionDeniedError("permission_denied", _("没有查看规划指标的权限"))


def value_json(record) -> dict:
    return {"uuid": str(record.uuid), "code": record.code, "year": record.year, "value": float(record.value),
            "note": record.note, "status": record.status, "reason": record.reason}


class IndicatorListView(APIView):
    """规划指标（19项）的当前值与达标状态。"""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: IndicatorSerializer(many=True), **ERRORS})
    def get(self, request):
        _may_view(request)
        return Response(status.current(request.user))


class IndicatorHistoryView(APIView):
    """一项指标自2020基准年以来的逐年数值。"""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: HistorySerializer, **ERRORS})
    def get(self, request, code):
        _may_view(request)
        found = status.history(code, request.user)
        if found is None:
            raise NotFound(_("没有这个指标"))
        return Response(found)


class ValueCreateView(APIView):
    """填报一项指标的年度数值（附佐证材料），待审核。"""

    permission_classes = [IsAuthenticated]
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(request={"multipart/form-data": ValueInputSerializer}, responses={201: ValueSerializer, **ERRORS})
    def post(self, request):
        record = services.submit(actor=request.user, data=request.data, evidence=request.FILES.get("evidence"))
        return Response(value_json(record), status=201)


class ValueDecisionView(APIView):
    """审核通过（approve）或退回（return，需填写原因）一条填报值。"""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=DecisionSerializer, responses={200: ValueSerializer, **ERRORS})
    def post(self, request, uuid, event):
        _may_view(request)
        record = IndicatorValue.objects.filter(uuid=uuid).first()
        if record is None:
            raise NotFound(_("记录不存在或不在您的管辖范围内"))
        record = VALUE_FLOW.fire(record, event, actor=request.user, data=json_object(request))
        return Response(value_json(record))


# ---- /api/indicators/evaluations/: annual reports and the mid-term / final evaluations, with versions ----------

VIEW_EVALUATION = "indicators.view_evaluation"


def _evaluations(request):
    if not request.user.has_perm(VIEW_EVALUATION):
        raise PermissionDeniedError("permission_denied", _("没有查看规划评估报告的权限"))
    return scope_to_user(Evaluation.objects.all(), request.user).select_related("created_by", "decided_by")


def _evaluation(request, uuid) -> Evaluation:
    found = _evaluations(request).filter(uuid=uuid).first()
    if found is None:
        raise NotFound(_("记录不存在或不在您的管辖范围内"))
    return found


def _who(user) -> str | None:
    return None if user is None else (user.get_full_name() or user.username)


def evaluation_json(record, detail: bool = False, versions=()) -> dict:
    body = {"uuid": str(record.uuid), "kind": record.kind, "kind_label": record.get_kind_display(),
            "year": record.year, "version": record.version, "status": record.status,
            "status_label": record.get_status_display(), "created_by": _who(record.created_by),
            "created_at": record.created_at, "submitted_at": record.submitted_at,
            "decided_by": _who(record.decided_by), "decided_at": record.decided_at, "reason": record.reason,
            "figures_at": record.figures_at,
            "docx": reverse("api-indicators-evaluation-docx", kwargs={"uuid": record.uuid})}
    if detail:
        body.update({name: getattr(record, name) for name in evaluations.SECTIONS})
        body["figures"] = record.figures
        body["versions"] = [{"uuid": str(v.uuid), "version": v.version, "status": v.status,
                             "status_label": v.get_status_display(), "created_at": v.created_at}
                            for v in versions]
    return body


def _detail(request, record) -> dict:
    versions = _evaluations(request).filter(kind=record.kind, year=record.year).order_by("version")
    return evaluation_json(record, detail=True, versions=versions)


def _filter_year(raw):
    try:
        year = int(raw)
    except (TypeError, ValueError):
        year = 0
    if not 2020 <= year <= 2100:
        raise DomainError("invalid_year", _("年度应为四位数字"), field="year")
    return year


class EvaluationListView(APIView):
    """规划评估报告（年度监测报告、中期评估、终期评估）的各版本；POST 新建一版草稿（取数）。"""

    permission_classes = [IsAuthenticated]
    parser_classes = [JSONParser, FormParser, MultiPartParser]

    @extend_schema(parameters=[
        OpenApiParameter("kind", str, enum=list(EvaluationKind.values), description="annual / midterm / final"),
        OpenApiParameter("year", int, description="评估年度")],
        responses={200: EvaluationSerializer(many=True), **ERRORS})
    def get(self, request):
        records = _evaluations(request)
        kind = request.query_params.get("kind")
        if kind not in (None, ""):
            if kind not in EvaluationKind.values:
                raise DomainError("invalid_kind", _("报告类别应为 annual、midterm 或 final"), field="kind")
            records = records.filter(kind=kind)
        if request.query_params.get("year") not in (None, ""):
            records = records.filter(year=_filter_year(request.query_params.get("year")))
        return Response([evaluation_json(r) for r in records])

    @extend_schema(request=EvaluationInputSerializer, responses={201: EvaluationDetailSerializer, **ERRORS})
    def post(self, request):
        _evaluations(request)
        data = body_of(request, EvaluationInputSerializer)
        for name in evaluations.SECTIONS:  # refused before anything is saved
            if len(str(data.get(name) or "")) > evaluations.MAX_TEXT:
                raise DomainError("too_long", _("内容不能超过 %(n)s 字") % {"n": evaluations.MAX_TEXT}, field=name)
        record = evaluations.start(actor=request.user, data=data)
        if any(name in data for name in evaluations.SECTIONS):
            record = evaluations.edit(actor=request.user, evaluation=record, data=data)
        return Response(_detail(request, record), status=201)


class EvaluationDetailView(APIView):
    """一版报告：取数结果、各部分文字与同一报告的全部版本；PATCH 修改草稿的文字。"""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: EvaluationDetailSerializer, **ERRORS})
    def get(self, request, uuid):
        return Response(_detail(request, _evaluation(request, uuid)))

    @extend_schema(request=EvaluationTextSerializer, responses={200: EvaluationDetailSerializer, **ERRORS})
    def patch(self, request, uuid):
        record = _evaluation(request, uuid)
        data = body_of(request, EvaluationTextSerializer)
        return Response(_detail(request, evaluations.edit(actor=request.user, evaluation=record, data=data)))


class EvaluationStepView(APIView):
    """提交审批（submit）、批准（approve，指挥长/带班领导）或退回修改（return，需填写原因）。"""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=DecisionSerializer, responses={200: EvaluationDetailSerializer, **ERRORS})
    def post(self, request, uuid, event):
        record = _evaluation(request, uuid)
        data = json_object(request)
        record = EVALUATION_FLOW.fire(record, event, actor=request.user,
                                      data={"reason": str(data.get("reason") or "")})
        return Response(_detail(request, record))


class EvaluationDocxView(APIView):
    """该版报告的 DOCX（公文格式）。"""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={(200, DOCX_TYPE): OpenApiTypes.BINARY, **ERRORS})
    def get(self, request, uuid):
        record = _evaluation(request, uuid)
        response = HttpResponse(evaluations.render(record), content_type=DOCX_TYPE)
        response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(evaluations.filename(record))}"
        return response
