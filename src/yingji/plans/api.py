"""The plans API (/api/plans/): suggestions, activation, level steps, tasks, dispatch orders, allocation,
capability, versions and diffs. The plan registry itself is at /api/plans/plans/ (core registry).
Workflow steps are named events: POST /api/plans/<kind>/<uuid>/transitions/ {"event": …}."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.decorators import api_view, permission_classes
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response as Reply

from yingji.core.api_serializers import ERRORS, body_of
from yingji.core.errors import DomainError, PermissionDeniedError
from yingji.core.scoping import scope_to_user
from yingji.core.validators import bounded_decimal
from yingji.incidents.views import visible
from yingji.resources.models import Depot, Material, RescueTeam

from . import activation, board, capability, dispatch, recommend, tasks, versions
from .api_serializers import (
    ActivateSerializer,
    AllocateSerializer,
    AllocationSerializer,
    CapabilitySerializer,
    DiffSerializer,
    MaterialOrderInputSerializer,
    OrderSerializer,
    ResponseSerializer,
    SuggestionListSerializer,
    SummarySerializer,
    TaskListSerializer,
    TeamOrderInputSerializer,
    TransitionSerializer,
    VersionEditSerializer,
    VersionInputSerializer,
    VersionListSerializer,
    VersionSerializer,
)
from .models import MaterialOrder, Plan, PlanVersion, Response, Task, TeamOrder
from .response_views import MODELS, _active, _observations
from .serializers import order_data, response_data, task_data
from .suggest import suggest
from .workflows import FLOWS, fire


def _need(request, perm):
    if not request.user.has_perm(perm):
        raise PermissionDeniedError("permission_denied", _("您没有执行该操作的权限"))


def _incident(request, uuid):
    _need(request, "plans.view_response")
    return get_object_or_404(visible(request.user), uuid=uuid)


@extend_schema(responses={200: SuggestionListSerializer, **ERRORS}, parameters=[
    OpenApiParameter("rainfall_mm", OpenApiTypes.DOUBLE, description="实测雨量（毫米）"),
    OpenApiParameter("water_level_m", OpenApiTypes.DOUBLE, description="实测水位（米）")])
@api_view(["GET"])
@permission_classes([IsAuthenticated])
def suggestions(request, uuid):
    incident = _incident(request, uuid)
    return Reply({"results": suggest(incident, _observations(request.GET), request.user)})


@extend_schema(request=ActivateSerializer, responses={201: ResponseSerializer, **ERRORS})
@api_view(["POST"])
@permission_classes([IsAuthenticated])
def activate(request, uuid):
    incident, data = _incident(request, uuid), body_of(request, ActivateSerializer)
    version = get_object_or_404(PlanVersion, uuid=str(data.get("version") or "0" * 32))
    response = activation.activate(actor=request.user, incident=incident, version=version,
                                   level=str(data.get("level") or ""), reason=str(data.get("reason") or ""))
    return Reply(response_data(response), status=201)


@extend_schema(responses={200: SummarySerializer, **ERRORS})
@api_view(["GET"])
@permission_classes([IsAuthenticated])
def incident_summary(request, uuid):
    """Responses, tasks, orders, recommendations and task timeliness of one incident (board and review)."""
    incident = _incident(request, uuid)
    return Reply({**board.panel(incident), "recommendations": recommend.recommend(incident, request.user),
                  "timeliness": tasks.timeliness(incident)})


@extend_schema(request=TransitionSerializer, responses={200: OpenApiTypes.OBJECT, **ERRORS},
               parameters=[OpenApiParameter("kind", str, OpenApiParameter.PATH, enum=list(MODELS))],
               description="The record after the step: a response, a task or an order (shapes as elsewhere here).")
@api_view(["POST"])
@permission_classes([IsAuthenticated])
def transition(request, kind, uuid):
    if kind not in MODELS:
        raise DomainError("unknown_kind", _("未知的对象类型"), field="kind")
    record, body = get_object_or_404(MODELS[kind], uuid=uuid), body_of(request, TransitionSerializer)
    data = {key: body.get(key) for key in ("reason", "note", "issue", "received", "returned")
            if body.get(key) is not None}
    record = fire(FLOWS[kind], record, str(body.get("event") or ""), actor=request.user, data=data)
    serialize = {Response: response_data, Task: task_data}.get(type(record), order_data)
    return Reply(serialize(record))


@extend_schema(responses={200: TaskListSerializer, **ERRORS})
@api_view(["GET"])
@permission_classes([IsAuthenticated])
def my_tasks(request):
    return Reply({"results": [task_data(t) for t in tasks.my_tasks(request.user)]})


@extend_schema(request=TeamOrderInputSerializer, responses={201: OrderSerializer, **ERRORS})
@api_view(["POST"])
@permission_classes([IsAuthenticated])
def team_orders(request):
    data = body_of(request, TeamOrderInputSerializer)
    incident = get_object_or_404(visible(request.user), uuid=str(data.get("incident") or "0" * 32))
    team = get_object_or_404(RescueTeam, code=str(data.get("team") or ""))
    order = dispatch.dispatch_team(actor=request.user, incident=incident, team=team, response=_active(incident))
    return Reply(order_data(order), status=201)


def _lines(raw):
    """(depot, material, quantity) of each line of a body checked by MaterialOrderInputSerializer."""
    lines = []
    for item in raw or []:
        quantity = bounded_decimal(item.get("quantity"), field="lines")
        lines.append((get_object_or_404(Depot, code=str(item.get("depot"))),
                      get_object_or_404(Material, code=str(item.get("material"))), quantity))
    return lines


@extend_schema(request=MaterialOrderInputSerializer, responses={201: OrderSerializer, **ERRORS})
@api_view(["POST"])
@permission_classes([IsAuthenticated])
def material_orders(request):
    data = body_of(request, MaterialOrderInputSerializer)
    incident = get_object_or_404(visible(request.user), uuid=str(data.get("incident") or "0" * 32))
    order = dispatch.order_materials(actor=request.user, incident=incident, lines=_lines(data.get("lines")),
                                     response=_active(incident))
    return Reply(order_data(order), status=201)


@extend_schema(request=AllocateSerializer, responses={200: AllocationSerializer, **ERRORS})
@api_view(["POST"])
@permission_classes([IsAuthenticated])
def allocate(request, uuid):
    incident = _incident(request, uuid)
    demand = body_of(request, AllocateSerializer).get("demand")
    if not isinstance(demand, dict) or not demand:
        raise DomainError("demand_required", _("请给出需求：{物资编码: 数量}"), field="demand")
    return Reply(recommend.propose_materials(incident, _amounts(demand), request.user))


def _amounts(demand: dict) -> dict[str, float]:
    try:
        amounts = {str(k): bounded_decimal(v, field="demand") for k, v in demand.items()}
    except DomainError as exc:
        if exc.code == "quantity_too_large":
            raise
        amounts = None
    if amounts is None or any(v <= 0 for v in amounts.values()):
        raise DomainError("invalid_quantity", _("需求数量应为正数"), field="demand")
    return {code: float(v) for code, v in amounts.items()}


def _plan(request, uuid):
    _need(request, "plans.view_plan")
    return get_object_or_404(scope_to_user(Plan.objects.all(), request.user), uuid=uuid)


@extend_schema(responses={200: CapabilitySerializer, **ERRORS},
               parameters=[OpenApiParameter("level", str, description="响应级别，默认 response_4")])
@api_view(["GET"])
@permission_classes([IsAuthenticated])
def plan_capability(request, uuid):
    version = _plan(request, uuid).current_version()
    if version is None:
        raise DomainError("no_published_version", _("该预案还没有已发布的版本"))
    return Reply(capability.check(version, str(request.GET.get("level") or "response_4")))


@extend_schema(methods=["GET"], responses={200: VersionListSerializer, **ERRORS})
@extend_schema(methods=["POST"], request=VersionInputSerializer, responses={201: VersionSerializer, **ERRORS})
@api_view(["GET", "POST"])
@permission_classes([IsAuthenticated])
def plan_versions(request, uuid):
    plan = _plan(request, uuid)
    if request.method == "POST":
        data = body_of(request, VersionInputSerializer)
        draft = versions.save_draft(actor=request.user, plan=plan, content=data.get("content"),
                                    note=str(data.get("note") or ""))
        if data.get("publish"):
            versions.publish_version(actor=request.user, version=draft)
        return Reply(_version(draft), status=201)
    return Reply({"results": [_version(v) for v in plan.versions.order_by("-number")]})


@extend_schema(request=VersionEditSerializer, responses={200: VersionSerializer, **ERRORS})
@api_view(["PUT", "PATCH"])
@permission_classes([IsAuthenticated])
def plan_version(request, uuid, number):
    version = get_object_or_404(PlanVersion, plan=_plan(request, uuid), number=number)
    content = body_of(request, VersionEditSerializer).get("content")
    draft = versions.edit_version(actor=request.user, version=version, content=content)
    return Reply(_version(draft))


@extend_schema(responses={200: DiffSerializer, **ERRORS},
               parameters=[OpenApiParameter("against", int, description="对比的旧版本号，默认上一版")])
@api_view(["GET"])
@permission_classes([IsAuthenticated])
def version_diff(request, uuid, number):
    plan = _plan(request, uuid)
    new = get_object_or_404(PlanVersion, plan=plan, number=number)
    old = get_object_or_404(PlanVersion, plan=plan, number=int(request.GET.get("against") or number - 1))
    return Reply({"from": old.number, "to": new.number, "changes": versions.diff(old, new)})


def _version(v):
    return {"uuid": str(v.uuid), "number": v.number, "status": v.status, "status_label": v.get_status_display(),
            "note": v.note, "content": v.content, "published_at": v.published_at}


__all__ = ["MaterialOrder", "TeamOrder"]
