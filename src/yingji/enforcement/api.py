"""API of the enforcement app besides the registries: draws (run, read, replay), recording an inspection, the
annual plan's steps and progress."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from yingji.core.api_serializers import ERRORS, body_of
from yingji.core.errors import DomainError, PermissionDeniedError
from yingji.core.models import Region
from yingji.core.scoping import scope_to_user

from . import draws, inspections, progress
from .api_serializers import (
    DrawRequestSerializer,
    DrawSerializer,
    InspectionSerializer,
    PlanEventSerializer,
    PlanProgressSerializer,
    PlanStateSerializer,
    ReplayRequestSerializer,
    ReplaySerializer,
    TaskStateSerializer,
)
from .models import AnnualPlan, Draw, Finding, InspectionTask
from .workflows import fire_plan


def _need(request, perm, message):
    if not request.user.has_perm(perm):
        raise PermissionDeniedError("permission_denied", message)


def draw_json(draw: Draw) -> dict:
    return {"uuid": str(draw.uuid), "code": draw.code, "name": draw.name, "region": draw.region.code,
            "state": draw.state, "seed": draw.seed, "seed_source": draw.seed_source, "algorithm": draw.algorithm,
            "target_count": draw.target_count, "inspectors_per_target": draw.inspectors_per_target,
            "own_township_recusal": draw.own_township_recusal, "candidate_count": len(draw.candidate_targets),
            "inputs_sha256": draw.inputs_sha256, "result_sha256": draw.result_sha256, "result": draw.result,
            "redraw_of": draw.redraw_of.code if draw.redraw_of_id else None, "redraw_reason": draw.redraw_reason,
            "drawn_at": draw.drawn_at.isoformat()}


def request_from(data: dict, user) -> draws.DrawRequest:
    region = Region.objects.filter(code=str(data.get("region") or "")).first()
    if region is None:
        raise DomainError("does_not_exist", _("未找到该区域"), field="region")
    redraw_of = None
    if data.get("redraw_of"):
        redraw_of = draws.visible_draws(user).filter(code=str(data["redraw_of"])).first()
        if redraw_of is None:
            raise DomainError("does_not_exist", _("未找到要重抽的抽查"), field="redraw_of")
    return draws.DrawRequest(
        name=str(data.get("name") or ""), region=region, target_count=data.get("target_count"),
        seed=str(data.get("seed") or ""), seed_source=str(data.get("seed_source") or ""),
        sector=str(data.get("sector") or ""), supervision_class=str(data.get("supervision_class") or ""),
        inspectors_per_target=data.get("inspectors_per_target"),
        own_township_recusal=data.get("own_township_recusal"), redraw_of=redraw_of,
        redraw_reason=str(data.get("redraw_reason") or ""))


class DrawListView(APIView):
    """GET: the draws in reach; POST: run a draw (the seed announced beforehand)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: DrawSerializer(many=True), **ERRORS})
    def get(self, request):
        _need(request, "enforcement.view_draw", _("没有查看双随机抽查的权限"))
        return Response([draw_json(d) for d in draws.visible_draws(request.user).select_related("redraw_of")[:200]])

    @extend_schema(request=DrawRequestSerializer, responses={201: DrawSerializer, **ERRORS})
    def post(self, request):
        _need(request, "enforcement.run_draw", _("没有组织双随机抽取的权限"))
        data = body_of(request, DrawRequestSerializer)
        draw = draws.run_draw(request_from(data, request.user), actor=request.user)
        return Response(draw_json(draw), status=201)


def _draw(request, uuid) -> Draw:
    draw = draws.visible_draws(request.user).filter(uuid=uuid).first()
    if draw is None or not request.user.has_perm("enforcement.view_draw"):
        raise NotFound(_("记录不存在或不在您的管辖范围内"))
    return draw


class DrawDetailView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: DrawSerializer, **ERRORS})
    def get(self, request, uuid):
        return Response(draw_json(_draw(request, uuid)))


class DrawReplayView(APIView):
    """POST: run the recorded algorithm again on the recorded inputs; `identical` says whether it matches."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=ReplayRequestSerializer, responses={200: ReplaySerializer, **ERRORS})
    def post(self, request, uuid):
        draw = _draw(request, uuid)
        expected = str(body_of(request, ReplayRequestSerializer).get("expected_result_sha256") or "").strip()
        answer = draws.replay(draw).as_dict()
        if expected:
            answer["matches_expected"] = expected.lower() == answer["result_sha256"]
        return Response(answer)


class InspectionView(APIView):
    """POST {"findings": [{"item", "result", "note"}], "inspected_on"}: record the inspection of a task."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=InspectionSerializer, responses={200: TaskStateSerializer, **ERRORS})
    def post(self, request, uuid):
        task = scope_to_user(InspectionTask.objects.select_related("target"), request.user).filter(uuid=uuid).first()
        if task is None or not request.user.has_perm("enforcement.view_inspectiontask"):
            raise NotFound(_("记录不存在或不在您的管辖范围内"))
        _need(request, "enforcement.inspect_task", _("没有录入检查结果的权限"))
        data = body_of(request, InspectionSerializer)
        task = inspections.record_inspection(task, actor=request.user, findings=data.get("findings"),
                                             inspected_on=data.get("inspected_on"))
        hazards = Finding.objects.filter(task=task, hazard__isnull=False).values_list("hazard__code", flat=True)
        return Response({"uuid": str(task.uuid), "state": task.state, "hazards": list(hazards)})


def _plan(request, uuid) -> AnnualPlan:
    plan = scope_to_user(AnnualPlan.objects.all(), request.user).filter(uuid=uuid).first()
    if plan is None or not request.user.has_perm("enforcement.view_annualplan"):
        raise NotFound(_("记录不存在或不在您的管辖范围内"))
    return plan


class PlanTransitionView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=PlanEventSerializer, responses={200: PlanStateSerializer, **ERRORS})
    def post(self, request, uuid):
        data = body_of(request, PlanEventSerializer)
        plan = fire_plan(_plan(request, uuid), str(data.pop("event", "") or ""), actor=request.user, data=data)
        return Response({"uuid": str(plan.uuid), "state": plan.state})


class PlanProgressView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: PlanProgressSerializer, **ERRORS})
    def get(self, request, uuid):
        return Response({"months": progress.monthly(_plan(request, uuid))})
