"""API of the drills app besides the registry (/api/drills/drills/): the clock steps, the script and the
evaluation. A drill outside the user's reach is a 404; a refused step is the shared error JSON naming the field."""

from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from yingji.core.api_serializers import ERRORS, body_of
from yingji.core.errors import DomainError
from yingji.core.scoping import PICK, scope_to_user

from . import api_serializers as s
from . import services
from .panels import clock_state


def _drill(request, uuid):
    drill = services.visible(request.user).filter(uuid=uuid).first()
    if drill is None or not request.user.has_perm("drills.view_drill"):
        raise NotFound(_("演练不存在或不在您的管辖范围内"))
    return drill


def _clock(drill) -> dict:
    state = clock_state(drill)
    return {"uuid": str(drill.uuid), "stage": drill.stage, "drill_seconds": state["seconds"],
            "drill_time": state["text"], "speed": drill.speed, "running": state["running"],
            "incident": str(drill.incident.uuid) if drill.incident_id else None}


def _inject(inject) -> dict:
    return {"uuid": str(inject.uuid), "minute": inject.minute, "kind": inject.kind, "title": inject.title,
            "content": inject.content, "expected": inject.expected, "fired_at": inject.fired_at}


class ClockView(APIView):
    """GET the drill clock; POST a step of the controller: start | pause | resume | speed | advance | end."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: s.DrillClockSerializer, **ERRORS})
    def get(self, request, uuid):
        return Response(_clock(services.catch_up(_drill(request, uuid))))

    @extend_schema(request=s.DrillClockInSerializer, responses={200: s.DrillClockSerializer, **ERRORS})
    def post(self, request, uuid):
        drill = _drill(request, uuid)
        data = body_of(request, s.DrillClockInSerializer)
        user, action = request.user, str(data.get("action") or "")
        steps = {"start": lambda: services.start(drill, actor=user),
                 "pause": lambda: services.pause(drill, actor=user),
                 "resume": lambda: services.resume(drill, actor=user),
                 "speed": lambda: services.set_speed(drill, actor=user, speed=data.get("speed")),
                 "advance": lambda: services.advance(drill, actor=user, minutes=data.get("minutes")),
                 "end": lambda: services.end(drill, actor=user)}
        if action not in steps:
            raise DomainError("invalid_action", _("未知的导调操作"), field="action")
        return Response(_clock(steps[action]()))


class InjectsView(APIView):
    """GET the script (a 双盲 drill shows its players only what was delivered); POST an inject."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: s.DrillInjectListSerializer, **ERRORS})
    def get(self, request, uuid):
        drill = services.catch_up(_drill(request, uuid))
        injects = drill.injects.all()
        if services.can_see_script(request.user, drill):
            return Response({"hidden": 0, "results": [_inject(i) for i in injects]})
        shown = [_inject(i) for i in injects if i.fired_at]
        return Response({"hidden": injects.count() - len(shown), "results": shown})

    @extend_schema(request=s.DrillInjectInSerializer, responses={201: s.DrillInjectSerializer, **ERRORS})
    def post(self, request, uuid):
        drill = _drill(request, uuid)
        data = body_of(request, s.DrillInjectInSerializer)
        inject = services.add_inject(drill, actor=request.user, minute=data.get("minute"),
                                     kind=data.get("kind") or "report", title=str(data.get("title") or ""),
                                     content=str(data.get("content") or ""), expected=str(data.get("expected") or ""))
        return Response(_inject(inject), status=201)


class EvaluationView(APIView):
    """POST the evaluator's scores: the measured elements are computed from the exercise incident's records."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=s.DrillEvaluationInSerializer, responses={200: s.DrillEvaluationSerializer, **ERRORS})
    def post(self, request, uuid):
        drill = _drill(request, uuid)
        data = body_of(request, s.DrillEvaluationInSerializer)
        evaluation = services.evaluate(drill, actor=request.user, scores=data.get("scores") or {},
                                       notes=data.get("notes") or {},
                                       findings=str(data.get("findings") or ""),
                                       improvements=str(data.get("improvements") or ""))
        return Response({"total": float(evaluation.total), "grade": evaluation.grade,
                         "scores": evaluation.scores, "measured": evaluation.measured,
                         "evaluators": list(drill.sheets.order_by("scored_at", "id").values_list(
                             "evaluator_name", flat=True)),
                         "report": reverse("drills:report", kwargs={"uuid": drill.uuid})})


def _participant(p) -> dict:
    return {"id": p.pk, "role": p.role, "role_label": p.get_role_display(),
            "organization": p.organization.code if p.organization_id else None,
            "team": p.team.code if p.team_id else None, "name": str(p.organization or p.team),
            "headcount": p.headcount}


def _picked(model, user, code, field):
    if code in (None, ""):
        return None
    record = scope_to_user(model.objects.all(), user, PICK).filter(code=str(code)).first()
    if record is None:
        raise DomainError("not_found", _("所选单位或队伍不存在或不可选"), field=field)
    return record


class ParticipantsView(APIView):
    """GET the participants (参演、观摩、导调、评估); POST one: an organization or a team (by code) and a headcount."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: s.DrillParticipantSerializer(many=True), **ERRORS})
    def get(self, request, uuid):
        drill = _drill(request, uuid)
        return Response([_participant(p) for p in drill.participants.select_related("organization", "team")])

    @extend_schema(request=s.DrillParticipantInSerializer, responses={201: s.DrillParticipantSerializer, **ERRORS})
    def post(self, request, uuid):
        from yingji.core.models import Organization
        from yingji.resources.models import RescueTeam

        drill = _drill(request, uuid)
        data = body_of(request, s.DrillParticipantInSerializer)
        participant = services.add_participant(
            drill, actor=request.user, role=str(data.get("role") or "player"),
            organization=_picked(Organization, request.user, data.get("organization"), "organization"),
            team=_picked(RescueTeam, request.user, data.get("team"), "team"), headcount=data.get("headcount") or 0)
        return Response(_participant(participant), status=201)


class ScriptFromIncidentView(APIView):
    """POST {"code"}: simulation (情景推演) — a past incident's timeline becomes the planned drill's injects."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=s.DrillScriptInSerializer, responses={201: s.DrillInjectListSerializer, **ERRORS})
    def post(self, request, uuid):
        drill = _drill(request, uuid)
        data = body_of(request, s.DrillScriptInSerializer)
        made = services.script_from_incident(drill, actor=request.user, code=str(data.get("code") or ""))
        return Response({"hidden": 0, "results": [_inject(i) for i in made]}, status=201)


class SheetsView(APIView):
    """GET every evaluator's sheet (who scored what) and the combined evaluation."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: s.DrillSheetsSerializer, **ERRORS})
    def get(self, request, uuid):
        drill = _drill(request, uuid)
        evaluation = getattr(drill, "evaluation", None)
        return Response({
            "sheets": [{"evaluator": sheet.evaluator_name, "scores": sheet.scores, "notes": sheet.notes,
                        "findings": sheet.findings, "improvements": sheet.improvements,
                        "scored_at": sheet.scored_at} for sheet in drill.sheets.order_by("scored_at", "id")],
            "combined": None if evaluation is None else {
                "total": float(evaluation.total), "grade": evaluation.grade, "scores": evaluation.scores}})
