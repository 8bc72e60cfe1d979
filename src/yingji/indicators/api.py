"""/api/indicators/: current values with status, a history per indicator, entering and approving values."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from yingji.core.api_serializers import ERRORS, json_object
from yingji.core.errors import PermissionDeniedError
from yingji.core.parsers import FormParser, MultiPartParser

from . import services, status
from .api_serializers import (
    DecisionSerializer,
    HistorySerializer,
    IndicatorSerializer,
    ValueInputSerializer,
    ValueSerializer,
)
from .models import IndicatorValue
from .workflows import VALUE_FLOW

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
