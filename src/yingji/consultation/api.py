"""API of joint consultations (研判会商): list and convene, read one (invitees, acknowledgements, attendance,
minutes, decisions), invite more, acknowledge, record attendance, save the minutes, decide (a response task or a
duty instruction in one step) and close. The same services as the pages, so the same rules and error codes.
Room-link templates are a registry: /api/consultation/rooms/."""

import uuid as uuids

from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from yingji.core.api_serializers import ERRORS, body_of
from yingji.core.errors import DomainError, PermissionDeniedError
from yingji.core.models import Organization
from yingji.core.scoping import PICK, scope_to_user

from . import services
from .api_serializers import (
    ConsultationAcknowledgeSerializer,
    ConsultationAttendanceSerializer,
    ConsultationConveneSerializer,
    ConsultationDecisionInputSerializer,
    ConsultationDecisionSerializer,
    ConsultationFieldInputSerializer,
    ConsultationFieldPreviewSerializer,
    ConsultationInvitedSerializer,
    ConsultationInviteesInputSerializer,
    ConsultationListSerializer,
    ConsultationMinutesSerializer,
    ConsultationSerializer,
)
from .choices import State
from .models import Consultation, RoomTemplate

VIEW = "consultation.view_consultation"


def _iso(moment):
    return moment.isoformat() if moment else None


def _readable(user, model, pk) -> str | None:
    """The uuid of a linked record when the reader may open it (a township reader of a district consultation
    about another township's incident sees no link to it, as on the page)."""
    if pk is None:
        return None
    found = scope_to_user(model.objects.filter(pk=pk), user).values_list("uuid", flat=True).first()
    return str(found) if found else None


def summary_dict(user, c) -> dict:
    from yingji.alerts.models import Warning
    from yingji.incidents.models import Incident

    return {"uuid": str(c.uuid), "code": c.code, "title": c.title, "subject": c.subject, "state": c.state,
            "scheduled_at": _iso(c.scheduled_at), "incident": _readable(user, Incident, c.incident_id),
            "warning": _readable(user, Warning, c.warning_id),
            "url": reverse("consultation:detail", kwargs={"uuid": c.uuid})}


def invitee_dict(i) -> dict:
    return {"id": i.pk, "kind": i.kind, "name": i.name,
            "organization": i.organization.code if i.organization_id else None,
            "expert": i.expert.code if i.expert_id else None, "notified_at": _iso(i.notified_at),
            "acknowledged_at": _iso(i.acknowledged_at), "ack_note": i.ack_note, "attended": i.attended,
            "attendee": i.attendee}


def decision_dict(d) -> dict:
    return {"uuid": str(d.uuid), "kind": d.kind, "text": d.text, "organization": d.organization.code,
            "owner": d.owner, "deadline": _iso(d.deadline), "task": str(d.task.uuid) if d.task_id else None,
            "instruction": str(d.instruction.uuid) if d.instruction_id else None, "decided_at": _iso(d.decided_at)}


def consultation_dict(user, c) -> dict:
    c = Consultation.objects.select_related("room_template", "convened_by").get(pk=c.pk)
    return {**summary_dict(user, c), "agenda": c.agenda, "place": c.place, "room_link": c.room_link,
            "convened_by": c.convened_by.username, "convened_at": _iso(c.convened_at),
            "opened_at": _iso(c.opened_at), "closed_at": _iso(c.closed_at), "minutes": c.minutes,
            "version": c.version,
            "invitees": [invitee_dict(i) for i in c.invitees.select_related("organization", "expert")],
            "decisions": [decision_dict(d) for d in c.decisions.select_related("organization", "task",
                                                                                 "instruction")]}


class ConsultationAPIView(APIView):
    permission_classes = [IsAuthenticated]

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if not request.user.has_perm(VIEW):
            raise PermissionDeniedError("permission_denied", _("您没有查看会商的权限"))

    def consultation(self, uuid) -> Consultation:
        found = scope_to_user(Consultation.objects.all(), self.request.user).filter(uuid=uuid).first()
        if found is None:
            raise NotFound(_("记录不存在或不在您的管辖范围内"))
        return found

    def answer(self, consultation, status=200):
        return Response(consultation_dict(self.request.user, consultation), status=status)


def _linked(user, model, raw, field):
    if raw in (None, ""):
        return None
    try:
        key = uuids.UUID(str(raw))
    except ValueError:
        raise DomainError(f"invalid_{field}", _("uuid 格式不正确"), field=field) from None
    found = scope_to_user(model.objects.all(), user).filter(uuid=key).first()
    if found is None:
        raise DomainError(f"unknown_{field}", _("记录不存在或不在您的管辖范围内"), field=field)
    return found


def _codes(data, name) -> list[str]:
    return [str(code) for code in data.get(name) or []]


class ConsultationsView(ConsultationAPIView):
    """GET the consultations in the reader's reach, newest first (?state=, ?incident=<uuid>); POST convenes one."""

    @extend_schema(operation_id="consultation_consultations_list",
                   responses={200: ConsultationListSerializer, **ERRORS}, parameters=[
        OpenApiParameter("state", str, enum=State.values), OpenApiParameter("incident", str, description="事件 uuid")])
    def get(self, request):
        from yingji.incidents.models import Incident

        rows = scope_to_user(Consultation.objects.all(), request.user)
        if request.query_params.get("state"):
            rows = rows.filter(state=request.query_params["state"])
        if request.query_params.get("incident"):
            rows = rows.filter(incident=_linked(request.user, Incident, request.query_params["incident"],
                                                "incident"))
        return Response({"results": [summary_dict(request.user, c) for c in rows[:200]]})

    @extend_schema(request=ConsultationConveneSerializer, responses={201: ConsultationSerializer, **ERRORS})
    def post(self, request):
        from yingji.alerts.models import Warning
        from yingji.incidents.models import Incident

        data, user = body_of(request, ConsultationConveneSerializer), request.user
        room = None
        if data.get("room_template"):
            room = scope_to_user(RoomTemplate.objects.filter(code=data["room_template"], status="active"), user,
                                 PICK).first()
            if room is None:
                raise DomainError("unknown_room_template", _("会议系统不可选"), field="room_template")
        consultation = services.convene(
            actor=user, title=data.get("title"), agenda=data.get("agenda"), scheduled_at=data.get("scheduled_at"),
            incident=_linked(user, Incident, data.get("incident"), "incident"),
            warning=_linked(user, Warning, data.get("warning"), "warning"), subject=str(data.get("subject") or ""),
            room_template=room, place=str(data.get("place") or ""), departments=_codes(data, "departments"),
            townships=_codes(data, "townships"), experts=_codes(data, "experts"))
        return self.answer(consultation, status=201)


class ConsultationView(ConsultationAPIView):
    @extend_schema(responses={200: ConsultationSerializer, **ERRORS})
    def get(self, request, uuid):
        return self.answer(self.consultation(uuid))


class InviteView(ConsultationAPIView):
    """POST {"departments": [...], "townships": [...], "experts": [...]}: more invitees, told at once."""

    @extend_schema(request=ConsultationInviteesInputSerializer,
                   responses={201: ConsultationInvitedSerializer, **ERRORS})
    def post(self, request, uuid):
        consultation, data = self.consultation(uuid), body_of(request, ConsultationInviteesInputSerializer)
        rows = services.invite(actor=request.user, consultation=consultation,
                               departments=_codes(data, "departments"), townships=_codes(data, "townships"),
                               experts=_codes(data, "experts"))
        return Response({"invitees": [invitee_dict(i) for i in rows]}, status=201)


def _expert_dict(e) -> dict:
    return {"code": e.code, "name": e.name, "title": e.title, "organization": e.organization,
            "availability": e.availability}


def preview_dict(preview) -> dict:
    return {"field": preview["field"], "label": str(preview["label"]),
            **{k: [_expert_dict(e) for e in preview[k]] for k in ("to_invite", "already_invited", "unavailable")}}


class FieldExpertsView(ConsultationAPIView):
    """GET ?field=flood: the preview of inviting a whole expert field (专业领域) — who would be invited, who is
    already, who is 不可调用 and left out. POST {"field": "flood"}: invite them all at once (idempotent: experts
    already invited are skipped; 201 with the new invitees, 200 with none when nobody was new)."""

    @extend_schema(parameters=[OpenApiParameter("field", str, description="专业领域代码")],
                   responses={200: ConsultationFieldPreviewSerializer, **ERRORS})
    def get(self, request, uuid):
        consultation = self.consultation(uuid)
        return Response(preview_dict(services.field_experts(actor=request.user, consultation=consultation,
                                                            field=request.query_params.get("field"))))

    @extend_schema(request=ConsultationFieldInputSerializer,
                   responses={201: ConsultationInvitedSerializer, 200: ConsultationInvitedSerializer, **ERRORS})
    def post(self, request, uuid):
        consultation, data = self.consultation(uuid), body_of(request, ConsultationFieldInputSerializer)
        rows = services.invite_field(actor=request.user, consultation=consultation, field=data.get("field"))
        return Response({"invitees": [invitee_dict(i) for i in rows]}, status=201 if rows else 200)


class AcknowledgeView(ConsultationAPIView):
    """POST {}: the caller's unit confirms it attends; {"invitee": id, "note"}: the convener records a confirmation
    given another way (an expert's phone call)."""

    @extend_schema(request=ConsultationAcknowledgeSerializer, responses={200: ConsultationSerializer, **ERRORS})
    def post(self, request, uuid):
        consultation, data = self.consultation(uuid), body_of(request, ConsultationAcknowledgeSerializer)
        if data.get("invitee") is None:
            services.acknowledge(actor=request.user, consultation=consultation)
        else:
            raw = data["invitee"]
            invitee = consultation.invitees.filter(pk=raw).first() if isinstance(raw, int) else None
            if invitee is None:
                raise DomainError("unknown_invitee", _("参加单位不存在"), field="invitee")
            services.acknowledge_for(actor=request.user, consultation=consultation, invitee=invitee,
                                     note=str(data.get("note") or ""))
        return self.answer(consultation)


class AttendanceView(ConsultationAPIView):
    """POST {"present": [{"invitee": id, "attendee": "张三"}]}: those listed attended, the others did not."""

    @extend_schema(request=ConsultationAttendanceSerializer, responses={200: ConsultationSerializer, **ERRORS})
    def post(self, request, uuid):
        consultation, data = self.consultation(uuid), body_of(request, ConsultationAttendanceSerializer)
        rows = data.get("present")
        if not isinstance(rows, list):
            raise DomainError("present_required", _("请列出出席的参加单位"), field="present")
        known = set(consultation.invitees.values_list("pk", flat=True))
        present = {}
        for index, row in enumerate(rows):
            invitee = row.get("invitee")
            if not isinstance(invitee, int) or isinstance(invitee, bool) or invitee not in known:
                raise DomainError("unknown_invitee", _("参加单位不存在"), field=f"present.{index}.invitee")
            present[invitee] = str(row.get("attendee") or "")
        services.record_attendance(actor=request.user, consultation=consultation, present=present)
        return self.answer(consultation)


class MinutesView(ConsultationAPIView):
    """PUT {"minutes", "version"}: the whole minutes; a version older than the stored one is 409 edit_conflict."""

    @extend_schema(request=ConsultationMinutesSerializer, responses={200: ConsultationSerializer, **ERRORS})
    def put(self, request, uuid):
        consultation, data = self.consultation(uuid), body_of(request, ConsultationMinutesSerializer)
        version = data.get("version")
        services.save_minutes(actor=request.user, consultation=consultation, minutes=data.get("minutes"),
                              expected_version=int(version) if version is not None else None)
        return self.answer(consultation)


class DecisionsView(ConsultationAPIView):
    """POST {"kind": "task"|"instruction", "text", "organization": 单位编码, "owner", "deadline"}: the decision and,
    in the same step, the response task or duty instruction it becomes."""

    @extend_schema(request=ConsultationDecisionInputSerializer,
                   responses={201: ConsultationDecisionSerializer, **ERRORS})
    def post(self, request, uuid):
        consultation, data = self.consultation(uuid), body_of(request, ConsultationDecisionInputSerializer)
        code = str(data.get("organization") or "")
        organization = scope_to_user(Organization.objects.filter(code=code), request.user, PICK).first() \
            if code else None
        if code and organization is None:
            raise DomainError("unknown_organization", _("责任单位不存在或不可选"), field="organization")
        decision = services.decide(actor=request.user, consultation=consultation, kind=str(data.get("kind") or ""),
                                   text=data.get("text"), organization=organization, deadline=data.get("deadline"),
                                   owner=str(data.get("owner") or ""))
        return Response(decision_dict(decision), status=201)


class CloseView(ConsultationAPIView):
    """POST: the consultation ends (it needs minutes); nothing changes afterwards."""

    @extend_schema(request=None, responses={200: ConsultationSerializer, **ERRORS})
    def post(self, request, uuid):
        return self.answer(services.close(actor=request.user, consultation=self.consultation(uuid)))
