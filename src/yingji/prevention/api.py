"""API of the prevention app besides the registries: hazard workflow steps and the dashboard figures."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from yingji.core.api_serializers import ERRORS, body_of
from yingji.core.errors import PermissionDeniedError
from yingji.core.scoping import scope_to_user

from . import dashboard
from .api_serializers import DashboardSerializer, HazardEventSerializer, HazardStateSerializer
from .models import Hazard
from .workflows import fire_hazard


class HazardTransitionView(APIView):
    """POST {"event": …}: one step of the rectification loop (see prevention.workflows)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=HazardEventSerializer, responses={200: HazardStateSerializer, **ERRORS})
    def post(self, request, uuid):
        hazard = scope_to_user(Hazard.objects.all(), request.user).filter(uuid=uuid).first()
        if hazard is None or not request.user.has_perm("prevention.view_hazard"):
            raise NotFound(_("记录不存在或不在您的管辖范围内"))
        data = body_of(request, HazardEventSerializer)
        hazard = fire_hazard(hazard, str(data.pop("event", "") or ""), actor=request.user, data=data)
        return Response({"uuid": str(hazard.uuid), "state": hazard.state,
                         "deadline": hazard.deadline.isoformat() if hazard.deadline else None})


class DashboardView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: DashboardSerializer, **ERRORS})
    def get(self, request):
        if not request.user.has_perm("prevention.view_hazard"):
            raise PermissionDeniedError("permission_denied", _("没有查看双重预防信息的权限"))
        return Response(dashboard.figures(request.user))
