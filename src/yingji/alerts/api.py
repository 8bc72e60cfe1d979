"""The API of warning publication: /api/alerts/… (JSON errors per docs/architecture.md)."""

from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from yingji.core.api_serializers import ERRORS, body_of
from yingji.core.errors import PermissionDeniedError
from yingji.core.scoping import scope_to_user

from . import delivery, incoming, presenters, services, targeting
from .api_serializers import (
    CancelSerializer,
    CoverageSerializer,
    IncomingRecordSerializer,
    IncomingSerializer,
    WarningDetailSerializer,
    WarningEventSerializer,
    WarningInputSerializer,
    WarningListSerializer,
    WarningSummarySerializer,
)
from .models import Warning


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


class IncomingView(APIView):
    """POST a CAP 1.2 document as JSON {"xml": "..."}."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=IncomingSerializer, responses={201: IncomingRecordSerializer, **ERRORS})
    def post(self, request):
        xml = body_of(request, IncomingSerializer).get("xml")
        record = incoming.receive(actor=request.user, xml=str(xml or ""))
        return Response({"uuid": str(record.uuid), "identifier": record.identifier, "headline": record.headline},
                        status=201)
