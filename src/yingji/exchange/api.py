"""The partner API under /api/exchange/: pushes (incidents, hazards, readings) and the catalogue, authenticated by
`Authorization: Partner <key>`. Every call, accepted or refused, is written to the exchange log."""

import contextlib
import time

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.permissions import SAFE_METHODS, AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from yingji.core.api_serializers import error_responses, json_object

from . import auth, gathering, push, reads
from .api_serializers import (
    DatasetSerializer,
    DocumentPushSerializer,
    HazardPushSerializer,
    IncidentFeedSerializer,
    IncidentPushSerializer,
    PushResultSerializer,
    ReadingsPushSerializer,
    WarningFeedSerializer,
)
from .choices import ReadFeed, Scope
from .models import ExchangeCall

PUSH_ERRORS = error_responses(400, 401, 403, 409, 429)


class PartnerView(APIView):
    """Authenticates the partner and logs the call, whatever its outcome. Every read (GET, HEAD, OPTIONS) needs
    `feed` in the partner's read allow-list (403 `feed_not_allowed`); a view that names no feed reads nothing, so a
    new read endpoint cannot forget the check."""

    authentication_classes = [auth.PartnerAuthentication]
    permission_classes = [AllowAny]
    feed = ""

    def initial(self, request, *args, **kwargs):
        self._started = time.monotonic()
        super().initial(request, *args, **kwargs)
        if request.method in SAFE_METHODS:
            auth.require_feed(request, self.feed)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        with contextlib.suppress(Exception):  # the log must never turn an answer into a 500
            _log(request, response, getattr(self, "_started", time.monotonic()))
        return response


def _log(request, response, started) -> None:
    key = getattr(request._request, "_exchange_key", None) or getattr(request, "_exchange_key", None)
    error = response.data.get("error") if isinstance(response.data, dict) else None
    ref = ""
    if isinstance(getattr(response, "data", None), dict) and "id" in response.data:
        ref = str(response.data["id"])[:100]
    gathering.LOG.add([ExchangeCall(
        at=timezone.now(), partner=key.partner if key else None, key_prefix=key.prefix if key else "",
        method=request.method[:8], path=request.path[:200], status=response.status_code,
        code=(error or {}).get("code", "")[:64], ref=ref, ip=(request.META.get("REMOTE_ADDR") or "")[:64],
        duration_ms=int((time.monotonic() - started) * 1000))])


def _validated(request, serializer_class) -> dict:
    serializer = serializer_class(data=json_object(request))
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


class PushView(PartnerView):
    scope = ""
    serializer = None
    kind = ""

    def post(self, request):
        principal = auth.require_scope(request, self.scope)
        auth.check_signature(request, principal)
        data = _validated(request, self.serializer)
        answer, created = getattr(push, f"push_{self.kind}")(principal.partner, dict(data))
        return Response(answer, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)


class IncidentPushView(PushView):
    """推送突发事件（110/119/120 联动）：经接报服务登记，按伙伴编号幂等。"""

    scope, serializer, kind = Scope.INCIDENTS_WRITE, IncidentPushSerializer, "incident"

    @extend_schema(request=IncidentPushSerializer,
                   responses={201: PushResultSerializer, 200: PushResultSerializer, **PUSH_ERRORS})
    def post(self, request):
        return super().post(request)


class HazardPushView(PushView):
    """推送隐患：进入隐患闭环（来源“部门检查”），按伙伴编号幂等。"""

    scope, serializer, kind = Scope.HAZARDS_WRITE, HazardPushSerializer, "hazard"

    @extend_schema(request=HazardPushSerializer,
                   responses={201: PushResultSerializer, 200: PushResultSerializer, **PUSH_ERRORS})
    def post(self, request):
        return super().post(request)


class ReadingsPushView(PushView):
    """推送监测数据（水文、雨量等）：整批校验，任一条不合格则整批不保存；按批次编号幂等。"""

    scope, serializer, kind = Scope.READINGS_WRITE, ReadingsPushSerializer, "readings"

    @extend_schema(request=ReadingsPushSerializer,
                   responses={201: PushResultSerializer, 200: PushResultSerializer, **PUSH_ERRORS})
    def post(self, request):
        return super().post(request)


class DocumentPushView(PushView):
    """推送文件（部门来文：通知、情况报告等及其附件，附件为 Base64）：整件校验，按伙伴编号幂等；
    涉及事件的记入事件时间线。"""

    scope, serializer, kind = Scope.DOCUMENTS_WRITE, DocumentPushSerializer, "document"

    @extend_schema(request=DocumentPushSerializer,
                   responses={201: PushResultSerializer, 200: PushResultSerializer, **PUSH_ERRORS})
    def post(self, request):
        return super().post(request)


class CatalogueView(PartnerView):
    """数据资源目录：本伙伴参与交换的数据资源（需在可读取的数据清单中，且密钥含 catalogue:read）。"""

    feed = ReadFeed.CATALOGUE

    @extend_schema(responses={200: DatasetSerializer(many=True), **error_responses(401, 403, 429)})
    def get(self, request):
        principal = auth.require_scope(request, Scope.CATALOGUE_READ)
        return Response(reads.catalogue(principal.partner))


class WarningsFeedView(PartnerView):
    """生效中的预警信息（需在可读取的数据清单中）。"""

    feed = ReadFeed.WARNINGS

    @extend_schema(responses={200: WarningFeedSerializer(many=True), **error_responses(401, 403, 429)})
    def get(self, request):
        return Response(reads.warnings(request.user.partner))


class IncidentsFeedView(PartnerView):
    """本伙伴数据范围内近 30 天接报的突发事件（需在可读取的数据清单中）。"""

    feed = ReadFeed.INCIDENTS

    @extend_schema(responses={200: IncidentFeedSerializer(many=True), **error_responses(401, 403, 429)})
    def get(self, request):
        return Response(reads.incidents(request.user.partner))
