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
from .api_serializers import (
    DashboardSerializer,
    HazardEventSerializer,
    HazardStateSerializer,
    SelfCheckResultsInSerializer,
    SelfCheckStateSerializer,
    SelfCheckSubmittedSerializer,
)
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


# ---- enterprise self-checks (selfchecks.py): results and submit; the session itself is the registry's ------
def _session(request, uuid):
    from .models import SelfCheck

    session = scope_to_user(SelfCheck.objects.all(), request.user).filter(uuid=uuid).first()
    if session is None or not request.user.has_perm("prevention.view_selfcheck"):
        raise NotFound(_("记录不存在或不在您的管辖范围内"))
    return session


def session_state(session) -> dict:
    """A session with one row per item of its list (result None where not recorded yet)."""
    recorded = {r.item_id: r for r in session.results.all()}
    rows = []
    for item in session.checklist.active_items().select_related("criterion"):
        row = recorded.get(item.pk)
        rows.append({"item": item.code, "number": item.number, "item_name": item.name,
                     "result": row.result if row else None, "result_label": row.get_result_display() if row else "",
                     "note": row.note if row else "", "criterion": item.criterion.code if item.criterion else None,
                     "hazard": str(row.hazard.uuid) if row and row.hazard_id else None})
    return {"uuid": str(session.uuid), "code": session.code, "state": session.state, "results": rows}


class SelfCheckResultsView(APIView):
    """GET: the session's items and results; POST {"results": [{"item", "result", "note"}]}: record them."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: SelfCheckStateSerializer, **ERRORS})
    def get(self, request, uuid):
        return Response(session_state(_session(request, uuid)))

    @extend_schema(request=SelfCheckResultsInSerializer, responses={200: SelfCheckStateSerializer, **ERRORS})
    def post(self, request, uuid):
        from .selfchecks import record_results

        data = body_of(request, SelfCheckResultsInSerializer)
        session = record_results(_session(request, uuid), actor=request.user, results=data.get("results"))
        return Response(session_state(session))


class SelfCheckSubmitView(APIView):
    """POST: submit the session; every 不合格 item becomes a hazard (all in one transaction)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses={200: SelfCheckSubmittedSerializer, **ERRORS})
    def post(self, request, uuid):
        from .selfchecks import submit

        session = _session(request, uuid)
        hazards = submit(session, actor=request.user)
        return Response({"uuid": str(session.uuid), "state": "submitted", "hazards": [
            {"uuid": str(h.uuid), "code": h.code, "name": h.name, "grade": h.grade,
             "criterion": h.criterion.code if h.criterion_id else None} for h in hazards]})
