"""API of the duty desk: who is on duty, the duty log, swaps, handovers, roll calls and escalations.
Duty posts and shift patterns are registries (/api/duty/posts/, /api/duty/patterns/)."""

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from yingji.channels.models import Channel
from yingji.core.api_serializers import ERRORS, body_of
from yingji.core.errors import DomainError, PermissionDeniedError
from yingji.core.models import Person
from yingji.core.scoping import ensure_in_scope, scope_to_user

from . import oncall, services
from .api_serializers import (
    ChainInputSerializer,
    ChainSerializer,
    HandoverEventSerializer,
    LogEntrySerializer,
    LogListSerializer,
    LogPostSerializer,
    NoteSerializer,
    OnDutySerializer,
    RollCallResultSerializer,
    SwapEventSerializer,
    SwapRequestSerializer,
    UuidStatusSerializer,
)
from .choices import LogKind
from .lookups import home_region, parse_time, record, region_by_code
from .models import Escalation, EscalationChain, Handover, Instruction, LogEntry, RollCallTarget, Shift, SwapRequest

NOT_FOUND = _("记录不存在或不在您的管辖范围内")


class DutyAPIView(APIView):
    permission_classes = [IsAuthenticated]
    view_permission = "duty.view_shift"

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if not request.user.has_perm(self.view_permission):
            raise PermissionDeniedError("permission_denied", _("没有查看值班信息的权限"))

    def scoped(self, model, uuid, field="uuid"):
        return record(scope_to_user(model.objects.all(), self.request.user), field, NOT_FOUND, uuid=uuid)


class OnDutyView(DutyAPIView):
    """GET /api/duty/on-duty/?at=2025-07-01T09:00&region=<区划代码>: every post and its holder at that time."""

    @extend_schema(responses={200: OnDutySerializer, **ERRORS}, parameters=[
        OpenApiParameter("at", OpenApiTypes.DATETIME, description="默认现在"),
        OpenApiParameter("region", str, description="区划代码")])
    def get(self, request):
        at = parse_time(request.query_params.get("at"), default=timezone.now())
        region = region_by_code(request.query_params.get("region"), request.user)
        rows = oncall.holders(at, region=region, user=request.user)
        return Response({"at": at.isoformat(), "region": region.code if region else None,
                         "posts": [oncall.as_dict(row, request.user) for row in rows]})


def entry_dict(entry) -> dict:
    return {"uuid": str(entry.uuid), "kind": entry.kind, "kind_label": entry.get_kind_display(),
            "at": entry.at.isoformat(), "counterpart": entry.counterpart, "summary": entry.summary,
            "incident": str(entry.incident_uuid) if entry.incident_uuid else None,
            "incident_label": entry.incident_label, "corrects": str(entry.corrects.uuid) if entry.corrects else None,
            "recorded_by": entry.recorded_by.username if entry.recorded_by else None, "region": entry.region.code}


class LogView(DutyAPIView):
    """GET the duty log (newest first, ?kind=); POST a call ({"kind": "call_in", "summary", "counterpart",
    "phone", "incident": uuid, "new_incident": {"type_code", "occurred_at", …}}), an event, or a correction
    ({"corrects": uuid, "summary"})."""

    view_permission = "duty.view_logentry"

    @extend_schema(responses={200: LogListSerializer, **ERRORS},
                   parameters=[OpenApiParameter("kind", str, enum=LogKind.values)])
    def get(self, request):
        entries = scope_to_user(LogEntry.objects.select_related("region", "recorded_by", "corrects")
                                .defer("region__geometry"), request.user)
        if request.query_params.get("kind"):
            entries = entries.filter(kind=request.query_params["kind"])
        return Response({"results": [entry_dict(e) for e in entries[:200]]})

    @extend_schema(request=LogPostSerializer, responses={201: LogEntrySerializer, **ERRORS})
    def post(self, request):
        data, user = body_of(request, LogPostSerializer), request.user
        region = region_by_code(data.get("region"), user) or home_region(user)
        if data.get("corrects"):
            original = self.scoped(LogEntry, data["corrects"], "corrects")
            entry = services.correct(original, actor=user, summary=data.get("summary"))
        elif data.get("kind") == "event":
            entry = services.log_event(actor=user, region=region, summary=data.get("summary"),
                                       at=parse_time(data.get("at")))
        else:
            new_incident = data.get("new_incident") or None
            if new_incident:
                new_incident = {**new_incident, "occurred_at": parse_time(new_incident.get("occurred_at"),
                                                                          "occurred_at")}
            entry = services.log_call(actor=user, region=region, kind=data.get("kind") or "call_in",
                                      summary=data.get("summary"), counterpart=str(data.get("counterpart") or ""),
                                      phone=str(data.get("phone") or ""), at=parse_time(data.get("at")),
                                      incident_uuid=data.get("incident"), new_incident=new_incident)
        return Response(entry_dict(entry), status=201)


class InstructionCompleteView(DutyAPIView):
    @extend_schema(request=NoteSerializer, responses={200: UuidStatusSerializer, **ERRORS})
    def post(self, request, uuid):
        instruction = services.complete_instruction(self.scoped(Instruction, uuid), actor=request.user,
                                                    note=body_of(request, NoteSerializer).get("note"))
        return Response({"uuid": str(instruction.uuid), "status": instruction.status})


class SwapView(DutyAPIView):
    """POST {"shift": uuid, "to_person": 人员编码 | "counterpart": uuid, "reason", "on_behalf": bool}."""

    @extend_schema(request=SwapRequestSerializer, responses={201: UuidStatusSerializer, **ERRORS})
    def post(self, request):
        data = body_of(request, SwapRequestSerializer)
        shift = self.scoped(Shift, data.get("shift"), "shift")
        to_person = Person.objects.filter(code=data.get("to_person") or "").first()
        ensure_in_scope(request.user, to_person, field="to_person")
        counterpart = self.scoped(Shift, data["counterpart"], "counterpart") if data.get("counterpart") else None
        swap = services.request_swap(actor=request.user, shift=shift, to_person=to_person, counterpart=counterpart,
                                     reason=data.get("reason"), on_behalf=bool(data.get("on_behalf")))
        return Response({"uuid": str(swap.uuid), "status": swap.status}, status=201)


class SwapTransitionView(DutyAPIView):
    @extend_schema(request=SwapEventSerializer, responses={200: UuidStatusSerializer, **ERRORS})
    def post(self, request, uuid):
        data = body_of(request, SwapEventSerializer)
        swap = services.decide_swap(self.scoped(SwapRequest, uuid), actor=request.user,
                                    event=str(data.get("event") or ""), note=str(data.get("note") or ""))
        return Response({"uuid": str(swap.uuid), "status": swap.status})


class HandoverTransitionView(DutyAPIView):
    """POST {"event": "submit" (remarks, notes) | "accept" | "return" (reason)}."""

    @extend_schema(request=HandoverEventSerializer, responses={200: UuidStatusSerializer, **ERRORS})
    def post(self, request, uuid):
        handover, data = self.scoped(Handover, uuid), body_of(request, HandoverEventSerializer)
        event = data.get("event")
        if event == "submit":
            handover = services.submit_handover(handover, actor=request.user, remarks=data.get("remarks") or "",
                                                notes=data.get("notes") or "")
        elif event == "accept":
            handover = services.accept_handover(handover, actor=request.user)
        elif event == "return":
            handover = services.return_handover(handover, actor=request.user, reason=data.get("reason") or "")
        else:
            raise DomainError("unknown_event", _("未知的操作：%(e)s") % {"e": event}, field="event")
        return Response({"uuid": str(handover.uuid), "status": handover.status})


class RollCallAckView(DutyAPIView):
    view_permission = "duty.change_rollcalltarget"

    @extend_schema(request=None, responses={200: RollCallResultSerializer, **ERRORS})
    def post(self, request, uuid):
        target = record(RollCallTarget.objects.select_related("organization", "roll_call"), "target", NOT_FOUND,
                        uuid=uuid)
        target = services.acknowledge_roll_call(target, actor=request.user)
        return Response({"uuid": str(target.uuid), "result": target.result})


class EscalationAckView(DutyAPIView):
    @extend_schema(request=None, responses={200: UuidStatusSerializer, **ERRORS})
    def post(self, request, uuid):
        escalation = record(scope_to_user(Escalation.objects.all(), request.user), "escalation", NOT_FOUND,
                            uuid=uuid)
        escalation = services.acknowledge_escalation(escalation, actor=request.user)
        return Response({"uuid": str(escalation.uuid), "status": escalation.status})


def _chain_values(data, user) -> dict:
    """The save_chain arguments from a body checked by ChainInputSerializer; a step's person must be one the
    user may pick (core.scoping)."""
    steps = [{"target": s.get("target"), "wait_minutes": s.get("wait_minutes") or 0,
              "channel": Channel.objects.filter(code=s.get("channel") or "").first(),
              "person": Person.objects.filter(code=s.get("person") or "").first()}
             for s in data.get("steps") or []]
    for step in steps:
        ensure_in_scope(user, step["person"], field="steps")
    return {"code": str(data.get("code") or ""), "name": str(data.get("name") or ""), "steps": steps,
            "event_kind": str(data.get("event_kind") or ""), "repeat": data.get("repeat") or 0,
            "stop_kinds": str(data.get("stop_kinds") or ""), "enabled": data.get("enabled", True) is not False}


def chain_dict(chain) -> dict:
    return {"uuid": str(chain.uuid), "code": chain.code, "name": chain.name, "event_kind": chain.event_kind,
            "repeat": chain.repeat, "enabled": chain.enabled, "steps": chain.steps.count()}


class ChainView(DutyAPIView):
    """POST {"code", "name", "event_kind", "repeat", "stop_kinds", "enabled", "steps": [{"target", "wait_minutes",
    "channel": 通道编码, "person": 人员编码}]}."""

    view_permission = "duty.view_escalationchain"

    @extend_schema(request=ChainInputSerializer, responses={201: ChainSerializer, **ERRORS})
    def post(self, request):
        chain = services.save_chain(actor=request.user, region=home_region(request.user),
                                    **_chain_values(body_of(request, ChainInputSerializer), request.user))
        return Response(chain_dict(chain), status=201)


class ChainDetailView(DutyAPIView):
    """PUT the whole chain (same body as POST; steps are edited in place by order); DELETE a chain that never ran
    (one that ran answers 409 chain_in_use: PUT it with "enabled": false instead)."""

    view_permission = "duty.view_escalationchain"

    @extend_schema(request=ChainInputSerializer, responses={200: ChainSerializer, **ERRORS})
    def put(self, request, uuid):
        chain = self.scoped(EscalationChain, uuid, "chain")
        chain = services.save_chain(actor=request.user, region=chain.region, instance=chain,
                                    **_chain_values(body_of(request, ChainInputSerializer), request.user))
        return Response(chain_dict(chain))

    @extend_schema(responses={204: None, **ERRORS})
    def delete(self, request, uuid):
        services.delete_chain(self.scoped(EscalationChain, uuid, "chain"), actor=request.user)
        return Response(status=204)
