"""The API of warning publication: /api/alerts/… (JSON errors per docs/architecture.md)."""

from django.shortcuts import get_object_or_404
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from yingji.core.errors import PermissionDeniedError

from . import delivery, incoming, presenters, services, targeting
from .models import Warning


def _viewer(request):
    if not request.user.has_perm("alerts.view_warning"):
        raise PermissionDeniedError("permission_denied", "您没有权限查看预警")


class WarningsView(APIView):
    permission_classes = [IsAuthenticated]

    def get(self, request):
        _viewer(request)
        queryset = services.in_force() if request.query_params.get("in_force") else Warning.objects.all()
        rows = [presenters.summary(w) for w in queryset.select_related("cap")[:200]]
        return Response({"count": len(rows), "results": rows})

    def post(self, request):
        warning = services.create_draft(actor=request.user, data=request.data)
        return Response(presenters.summary(warning), status=201)


class WarningView(APIView):
    permission_classes = [IsAuthenticated]

    def get(self, request, uuid):
        _viewer(request)
        warning = get_object_or_404(Warning, uuid=uuid)
        return Response({**presenters.summary(warning), "reach": targeting.reach_preview(warning),
                         "actions": presenters.actions(warning, request.user)})


class TransitionView(APIView):
    permission_classes = [IsAuthenticated]

    def post(self, request, uuid):
        warning = get_object_or_404(Warning, uuid=uuid)
        event = str(request.data.get("event", ""))
        warning = services.fire(warning, event, actor=request.user, data={"reason": request.data.get("reason", "")})
        return Response(presenters.summary(warning))


class UpdateView(APIView):
    permission_classes = [IsAuthenticated]

    def post(self, request, uuid):
        warning = services.start_update(actor=request.user, reference=str(uuid), data=request.data)
        return Response(presenters.summary(warning), status=201)


class CancelView(APIView):
    permission_classes = [IsAuthenticated]

    def post(self, request, uuid):
        notice = services.cancel(actor=request.user, reference=str(uuid), reason=request.data.get("reason", ""))
        return Response(presenters.summary(notice), status=201)


class CoverageView(APIView):
    permission_classes = [IsAuthenticated]

    def get(self, request, uuid):
        _viewer(request)
        warning = get_object_or_404(Warning, uuid=uuid)
        report = delivery.coverage(warning)
        duration = report["time_to_95"]
        return Response({**delivery.progress(warning), "rows": report["rows"], "failures": report["failures"],
                         "time_to_95_seconds": duration.total_seconds() if duration else None})


class IncomingView(APIView):
    """POST a CAP 1.2 document (body application/xml, or JSON {"xml": "..."})."""

    permission_classes = [IsAuthenticated]

    def post(self, request):
        xml = request.data.get("xml", "") if isinstance(request.data, dict) else ""
        record = incoming.receive(actor=request.user, xml=xml or request.body)
        return Response({"uuid": str(record.uuid), "identifier": record.identifier, "headline": record.headline},
                        status=201)
