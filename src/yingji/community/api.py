"""API of the community app besides the registries: the review of a volunteer, call-outs, exams, the training
rate. A record outside the user's reach is a 404."""

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from yingji.core.api_serializers import ERRORS, body_of
from yingji.core.errors import DomainError, PermissionDeniedError
from yingji.core.scoping import scope_to_user

from . import api_serializers as s
from . import callouts, exams
from .indicators import training_rate
from .models import CallOut, CallOutEntry, ExamAttempt, ExamPaper, Volunteer
from .workflows import review

MISSING = _("记录不存在或不在您的管辖范围内")


def in_reach(model, user, permission, **lookup):
    record = scope_to_user(model.objects.all(), user).filter(**lookup).first()
    if record is None or not user.has_perm(permission):
        raise NotFound(MISSING)
    return record


def callout_state(callout) -> dict:
    return {"uuid": str(callout.uuid), "incident": str(callout.incident.uuid), "task": callout.task,
            "place": callout.place,
            "entries": [{"volunteer": e.volunteer.code, "name": e.volunteer.name, "response": e.response,
                         "checked_in_at": e.checked_in_at, "checked_out_at": e.checked_out_at, "hours": e.hours}
                        for e in callout.entries.select_related("volunteer")]}


class ReviewView(APIView):
    """POST {"event": approve | reject | reopen, "reason"}: the bureau's review of a sign-up."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=s.ReviewSerializer, responses={200: s.ReviewedSerializer, **ERRORS})
    def post(self, request, uuid):
        volunteer = in_reach(Volunteer, request.user, "community.view_volunteer", uuid=uuid)
        data = body_of(request, s.ReviewSerializer)
        volunteer = review(volunteer, str(data.pop("event", "") or ""), actor=request.user, data=data)
        return Response({"uuid": str(volunteer.uuid), "review_state": volunteer.review_state,
                         "review_reason": volunteer.review_reason})


class CertificatesView(APIView):
    """GET a volunteer's certificates; POST {"name", "expiry"} adds one (who may change the volunteer)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: s.CertificateSerializer(many=True), **ERRORS})
    def get(self, request, uuid):
        volunteer = in_reach(Volunteer, request.user, "community.view_volunteer", uuid=uuid)
        return Response(_certificates(volunteer))

    @extend_schema(request=s.CertificateSerializer, responses={201: s.CertificateSerializer(many=True), **ERRORS})
    def post(self, request, uuid):
        from .certificates import add_certificate

        volunteer = in_reach(Volunteer, request.user, "community.view_volunteer", uuid=uuid)
        if not request.user.has_perm("community.change_volunteer"):
            raise PermissionDeniedError("permission_denied", _("没有修改志愿者的权限"))
        data = body_of(request, s.CertificateSerializer)
        add_certificate(volunteer, name=data.get("name"), expiry=data.get("expiry"))
        return Response(_certificates(volunteer), status=201)


def _certificates(volunteer) -> list:
    return [{"name": c.name, "expiry": c.expiry, "flag": c.flag} for c in volunteer.certificates.all()]


class CallOutsView(APIView):
    """POST: call volunteers out to an incident (approved volunteers in the user's reach, by code)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=s.CallOutInSerializer, responses={201: s.CallOutSerializer, **ERRORS})
    def post(self, request):
        from yingji.incidents.models import Incident

        if not request.user.has_perm("community.add_callout"):
            raise PermissionDeniedError("permission_denied", _("没有召集志愿者的权限"))
        data = body_of(request, s.CallOutInSerializer)
        incident = scope_to_user(Incident.objects.all(), request.user).filter(uuid=data.get("incident")).first()
        if incident is None:
            raise DomainError("incident_not_found", _("事件不存在或不在您的管辖范围内"), field="incident")
        callout = callouts.call_out(incident, _volunteers(request.user, data.get("volunteers")),
                                    task=str(data.get("task") or ""), place=str(data.get("place") or ""),
                                    actor=request.user)
        return Response(callout_state(callout), status=201)


def _volunteers(user, codes):
    codes = [str(c) for c in (codes or [])]
    found = list(scope_to_user(Volunteer.objects.filter(code__in=codes), user).order_by("code"))
    missing = sorted(set(codes) - {v.code for v in found})
    if missing:
        raise DomainError("volunteer_not_found", _("志愿者不存在或不在您的管辖范围内：%(c)s")
                          % {"c": "、".join(missing)}, field="volunteers")
    return found


class EntryActionView(APIView):
    """POST {"action": accept | decline | check_in | check_out, "at"}: one volunteer on a call-out."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=s.EntryActionSerializer, responses={200: s.CallOutSerializer, **ERRORS})
    def post(self, request, uuid, code):
        callout = in_reach(CallOut, request.user, "community.change_callout", uuid=uuid)
        entry = CallOutEntry.objects.filter(callout=callout, volunteer__code=code).first()
        if entry is None:
            raise NotFound(MISSING)
        data = body_of(request, s.EntryActionSerializer)
        callouts.act(entry, str(data.get("action") or ""), at=data.get("at"))
        return Response(callout_state(callout))


def _attempt(request, uuid) -> ExamAttempt:
    attempt = ExamAttempt.objects.filter(uuid=uuid, candidate=request.user).select_related("paper").first()
    if attempt is None:
        raise NotFound(MISSING)
    return attempt


class ExamStartView(APIView):
    """POST: start the paper (or resume the unfinished attempt)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses={200: s.AttemptSerializer, **ERRORS})
    def post(self, request, uuid):
        paper = in_reach(ExamPaper, request.user, "community.view_exampaper", uuid=uuid)
        if exams.is_reserved(paper):  # taken only through the app that gives it out (a services exam session)
            raise NotFound(MISSING)
        return Response(exams.state_of(exams.start(paper, request.user)))


class AttemptView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: s.AttemptSerializer, **ERRORS})
    def get(self, request, uuid):
        return Response(exams.state_of(_attempt(request, uuid)))


class AnswerView(APIView):
    """POST {"question", "answer"}: keep one answer; after the deadline 400 exam_time_over on `answer`."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=s.AnswerSerializer, responses={200: s.AttemptSerializer, **ERRORS})
    def post(self, request, uuid):
        data = body_of(request, s.AnswerSerializer)
        attempt = exams.answer(_attempt(request, uuid), str(data.get("question") or ""), data.get("answer"))
        return Response(exams.state_of(attempt))


class SubmitView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses={200: s.AttemptSerializer, **ERRORS})
    def post(self, request, uuid):
        return Response(exams.state_of(exams.submit(_attempt(request, uuid))))


class TrainingRateView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: s.TrainingRateSerializer, **ERRORS})
    def get(self, request):
        if not request.user.has_perm("community.view_trainingrecord"):
            raise PermissionDeniedError("permission_denied", _("没有查看培训记录的权限"))
        return Response(training_rate(request.user))


def _mine(request):
    from .mine import my_volunteer

    volunteer = my_volunteer(request.user)
    if volunteer is None:
        raise NotFound(_("您的账号未关联志愿者登记"))
    return volunteer


class MineView(APIView):
    """GET the signed-in volunteer's own registration, call-outs and training (role 志愿者)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: s.MyServiceSerializer, **ERRORS})
    def get(self, request):
        from .mine import state_of

        return Response(state_of(_mine(request)))


class MyReplyView(APIView):
    """POST {"action": accept | decline | check_in | check_out}: the volunteer's own step on a call-out."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=s.MyReplySerializer, responses={200: s.MyServiceSerializer, **ERRORS})
    def post(self, request, uuid):
        from .mine import is_mine, reply, state_of

        volunteer = _mine(request)
        if not is_mine(volunteer, uuid):
            raise NotFound(MISSING)
        data = body_of(request, s.MyReplySerializer)
        reply(volunteer, uuid, str(data.get("action") or ""))
        return Response(state_of(volunteer))


class KnowledgeRatesView(APIView):
    """GET ?year=: 公众/学生应急知识普及率 from the knowledge surveys, overall and per township (in reach)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: s.KnowledgeRatesSerializer, **ERRORS})
    def get(self, request):
        from .surveys import knowledge_rates

        if not request.user.has_perm("community.view_surveyresponse"):
            raise PermissionDeniedError("permission_denied", _("没有查看问卷调查结果的权限"))
        year = request.query_params.get("year")
        if year is not None and not (str(year).isdigit() and 2000 <= int(year) <= 2100):
            raise DomainError("invalid_year", _("年份格式不正确"), field="year")
        return Response(knowledge_rates(request.user, int(year) if year else None))


# --- certificates as files (DOCX or PDF) ------------------------------------------------------------------------

class _FileFormat(DefaultContentNegotiation):
    """`?format=` names the file (docx | pdf) here, not a DRF renderer: errors are still JSON."""

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


FORMAT_PARAMETER = OpenApiParameter("format", OpenApiTypes.STR, enum=["docx", "pdf"],
                                    description="证书文件格式：docx（默认）或 pdf")
FILE_RESPONSES = {(200, "application/pdf"): OpenApiTypes.BINARY,
                  (200, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"): OpenApiTypes.BINARY,
                  **ERRORS}


def _file_format(request) -> str:
    from .documents import FORMATS

    fmt = str(request.query_params.get("format") or "docx").strip().lower()
    if fmt not in FORMATS:
        raise DomainError("invalid_format", _("文件格式须为 docx 或 pdf"), field="format")
    return fmt


def _file(content, fmt, stem):
    from yingji.incidents.api import file_response

    from .documents import FORMATS

    return file_response(content, FORMATS[fmt][1], f"{stem}.{fmt}")


class CertificateFileView(APIView):
    """GET ?format=docx|pdf: the candidate's own exam certificate (a passed attempt; else 404)."""

    permission_classes = [IsAuthenticated]
    content_negotiation_class = _FileFormat

    @extend_schema(parameters=[FORMAT_PARAMETER], responses=FILE_RESPONSES)
    def get(self, request, uuid):
        from . import documents

        fmt = _file_format(request)
        attempt = _attempt(request, uuid)
        if not attempt.passed:
            raise NotFound(_("未通过考试，没有合格证书"))
        return _file(documents.certificate(attempt, fmt=fmt), fmt, f"{attempt.paper.code}-合格证书")


class ServiceHoursFileView(APIView):
    """GET ?format=docx|pdf: a volunteer's service-hours certificate (who may read the volunteer)."""

    permission_classes = [IsAuthenticated]
    content_negotiation_class = _FileFormat

    @extend_schema(parameters=[FORMAT_PARAMETER], responses=FILE_RESPONSES)
    def get(self, request, uuid):
        from . import documents

        fmt = _file_format(request)
        volunteer = in_reach(Volunteer, request.user, "community.view_volunteer", uuid=uuid)
        return _file(documents.service_hours(volunteer, fmt=fmt), fmt, f"{volunteer.code}-志愿服务时长证明")


class MyServiceHoursFileView(APIView):
    """GET ?format=docx|pdf: the signed-in volunteer's own service-hours certificate."""

    permission_classes = [IsAuthenticated]
    content_negotiation_class = _FileFormat

    @extend_schema(parameters=[FORMAT_PARAMETER], responses=FILE_RESPONSES)
    def get(self, request):
        from . import documents

        fmt = _file_format(request)
        if not request.user.has_perm("community.serve_as_volunteer"):
            raise PermissionDeniedError("permission_denied", _("只有志愿者账号可以下载本人的服务时长证明"))
        volunteer = _mine(request)
        return _file(documents.service_hours(volunteer, fmt=fmt), fmt, f"{volunteer.code}-志愿服务时长证明")


class OfficerDeskView(APIView):
    """GET the signed-in information officer's roster entry and their own patrol tasks, each with the address of
    its (offline-safe) report form; an account linked to no officer is a 404."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: s.OfficerDeskSerializer, **ERRORS})
    def get(self, request):
        from .officer_desk import my_officer, my_patrol_tasks, state_of

        officer = my_officer(request.user)
        if officer is None:
            raise NotFound(_("您的账号未关联灾害信息员或网格员登记"))
        return Response(state_of(officer, my_patrol_tasks(request.user)))
