"""The API of warning publication: /api/alerts/… (JSON errors per docs/architecture.md)."""

from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.parsers import BaseParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from yingji.core.api_serializers import ERRORS, body_of
from yingji.core.errors import PermissionDeniedError
from yingji.core.parsers import JSONParser
from yingji.core.scoping import scope_to_user

from . import delivery, incoming, presenters, services, targeting
from .api_serializers import (
    CancelSerializer,
    CoverageSerializer,
    IncomingDetailSerializer,
    IncomingListSerializer,
    IncomingReceiptSerializer,
    IncomingSerializer,
    WarningDetailSerializer,
    WarningEventSerializer,
    WarningInputSerializer,
    WarningListSerializer,
    WarningSummarySerializer,
)
from .models import IncomingCap, Warning


def _viewer(request):
    if not request.user.has_perm("alerts.view_warning"):
        raise PermissionDeniedError("permission_denied", "您没有权限查看预警")


def _warnings(request):
    """Their region's own warnings and every published one (core.scoping)."""
    return scope_to_user(Warning.objects.all(), request.user)


class WarningsView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(operation_id="alerts_warnings_list", responses={200: WarningListSerializer, **ERRORS},
                   parameters=[OpenApiParameter("in_force", OpenApiTypes.BOOL, description="只看生效中的预警")])
    def get(self, request):
        _viewer(request)
        queryset = _warnings(request)
        if request.query_params.get("in_force"):
            queryset = services.in_force().filter(pk__in=queryset.values("pk"))
        rows = [presenters.summary(w) for w in queryset.select_related("cap")[:200]]
        return Response({"count": len(rows), "results": rows})

    @extend_schema(request=WarningInputSerializer, responses={201: WarningSummarySerializer, **ERRORS})
    def post(self, request):
        warning = services.create_draft(actor=request.user, data=body_of(request, WarningInputSerializer))
        return Response(presenters.summary(warning), status=201)


class WarningView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(operation_id="alerts_warnings_retrieve", responses={200: WarningDetailSerializer, **ERRORS})
    def get(self, request, uuid):
        _viewer(request)
        warning = get_object_or_404(_warnings(request), uuid=uuid)
        return Response({**presenters.summary(warning), "reach": targeting.reach_preview(warning, request.user),
                         "actions": presenters.actions(warning, request.user)})


class TransitionView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=WarningEventSerializer, responses={200: WarningSummarySerializer, **ERRORS})
    def post(self, request, uuid):
        warning, data = get_object_or_404(_warnings(request), uuid=uuid), body_of(request, WarningEventSerializer)
        warning = services.fire(warning, str(data.get("event", "")), actor=request.user,
                                data={"reason": str(data.get("reason") or "")})
        return Response(presenters.summary(warning))


class UpdateView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=WarningInputSerializer, responses={201: WarningSummarySerializer, **ERRORS})
    def post(self, request, uuid):
        data = body_of(request, WarningInputSerializer)
        warning = services.start_update(actor=request.user, reference=str(uuid), data=data)
        return Response(presenters.summary(warning), status=201)


class CancelView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=CancelSerializer, responses={201: WarningSummarySerializer, **ERRORS})
    def post(self, request, uuid):
        reason = str(body_of(request, CancelSerializer).get("reason") or "")
        notice = services.cancel(actor=request.user, reference=str(uuid), reason=reason)
        return Response(presenters.summary(notice), status=201)


class CoverageView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: CoverageSerializer, **ERRORS})
    def get(self, request, uuid):
        _viewer(request)
        warning = get_object_or_404(_warnings(request), uuid=uuid)
        report = delivery.coverage(warning, request.user)
        duration = report["time_to_95"]
        return Response({**delivery.progress(warning, request.user), "rows": report["rows"],
                         "failures": report["failures"],
                         "time_to_95_seconds": duration.total_seconds() if duration else None})


class CapXmlParser(BaseParser):
    """A CAP document posted as it is (its bytes kept as received, whatever its encoding)."""

    media_type = "application/cap+xml"

    def parse(self, stream, media_type=None, parser_context=None):
        return {"xml": stream.read(incoming.MAX_BYTES + 1)}


class XmlParser(CapXmlParser):
    media_type = "application/xml"


class TextXmlParser(CapXmlParser):
    media_type = "text/xml"


INCOMING_FILTERS = [
    OpenApiParameter("sender", OpenApiTypes.STR, description="发布者（CAP sender）"),
    OpenApiParameter("identifier", OpenApiTypes.STR, description="CAP 标识符"),
    OpenApiParameter("status", OpenApiTypes.STR, description="Actual / Exercise / System / Test / Draft"),
    OpenApiParameter("msg_type", OpenApiTypes.STR, description="Alert / Update / Cancel / Ack / Error"),
    OpenApiParameter("state", OpenApiTypes.STR, description="active / updated / cancelled"),
    OpenApiParameter("signature", OpenApiTypes.STR, description="valid / invalid / unsigned"),
    OpenApiParameter("language", OpenApiTypes.STR, description="含该语言信息块，如 zh-CN、en-US"),
    OpenApiParameter("since", OpenApiTypes.DATETIME, description="发布时间（sent）不早于"),
    OpenApiParameter("until", OpenApiTypes.DATETIME, description="发布时间（sent）早于"),
    OpenApiParameter("q", OpenApiTypes.STR, description="标题或事件中包含的文字"),
]


def _incoming_viewer(request):
    if not request.user.has_perm("alerts.view_incomingcap"):
        raise PermissionDeniedError("permission_denied", "您没有权限查看上级预警")


class IncomingView(APIView):
    """GET the received CAP messages (filters below, newest first, at most 200); POST a CAP document, as JSON
    {"xml": "..."} or as the XML itself (Content-Type application/cap+xml or application/xml, bytes kept)."""

    permission_classes = [IsAuthenticated]
    parser_classes = [JSONParser, CapXmlParser, XmlParser, TextXmlParser]

    @extend_schema(operation_id="alerts_incoming_list", parameters=INCOMING_FILTERS,
                   responses={200: IncomingListSerializer, **ERRORS})
    def get(self, request):
        _incoming_viewer(request)
        queryset = incoming.filtered(IncomingCap.objects.select_related("replaced_by", "feed", "reissued_as"),
                                     request.query_params)
        rows = [incoming.as_dict(r) for r in queryset[:200]]
        return Response({"count": len(rows), "results": rows})

    @extend_schema(request=IncomingSerializer, responses={201: IncomingReceiptSerializer, **ERRORS})
    def post(self, request):
        if isinstance(request.data, dict) and isinstance(request.data.get("xml"), bytes):
            xml = request.data["xml"]
        else:
            xml = body_of(request, IncomingSerializer).get("xml")
            xml = str(xml or "")
        records = incoming.receive(actor=request.user, xml=xml)
        first = records[0]
        return Response({"uuid": str(first.uuid), "identifier": first.identifier, "headline": first.headline,
                         "records": [incoming.as_dict(r) for r in records]}, status=201)


class IncomingRecordView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(operation_id="alerts_incoming_retrieve", responses={200: IncomingDetailSerializer, **ERRORS})
    def get(self, request, uuid):
        _incoming_viewer(request)
        record = get_object_or_404(IncomingCap.objects.select_related("replaced_by", "feed", "reissued_as"),
                                   uuid=uuid)
        return Response(incoming.as_dict(record, full=True))
