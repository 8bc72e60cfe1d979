"""The services API, second part: the enterprise's own accounts (the principal account lists, opens, deactivates,
reactivates and resets colleagues' accounts: the page's rules, accounts.py, through core.accounts_rules.DELEGATIONS),
exam sessions, sign-ups and results (exam_sessions.py), and the commitment status of the current period. Errors are
the shared JSON; another enterprise's account, person or sign-up answers 404."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from yingji.core.api_serializers import ERRORS, body_of
from yingji.core.errors import DomainError

from . import accounts, commitments, enterprises
from . import api_serializers as s
from . import exam_sessions as es
from .enterprises import NotFoundError


def account_json(user, principal) -> dict:
    return {"uuid": str(user.uuid), "username": user.username, "name": user.get_full_name(),
            "phone": user.phone or "", "is_active": user.is_active,
            "principal": principal is not None and principal.pk == user.pk}


def _managed(request):
    return accounts.manager_of(request.user)


class AccountListView(APIView):
    """本企业账户 (the principal account only; others 403 not_enterprise_principal)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: s.ServiceAccountSerializer(many=True), **ERRORS})
    def get(self, request):
        enterprise = _managed(request)
        principal = accounts.principal(enterprise)
        return Response([account_json(u, principal) for u in enterprises.colleagues(enterprise)])

    @extend_schema(request=s.ServiceAccountInSerializer, responses={201: s.ServiceAccountCreatedSerializer, **ERRORS})
    def post(self, request):
        data = body_of(request, s.ServiceAccountInSerializer)
        enterprise = _managed(request)
        user, password = accounts.add_colleague(actor=request.user, username=str(data.get("username") or ""),
                                                name=str(data.get("name") or ""), phone=str(data.get("phone") or ""),
                                                password=str(data.get("password") or ""))
        response = Response({**account_json(user, accounts.principal(enterprise)), "initial_password": password},
                            status=201)
        response["Cache-Control"] = "no-store"
        return response


class AccountActionView(APIView):
    """deactivate / activate / reset-password a colleague's account."""

    permission_classes = [IsAuthenticated]
    action = ""

    @extend_schema(request=None, responses={200: s.ServiceAccountCreatedSerializer, **ERRORS})
    def post(self, request, uuid):
        enterprise = _managed(request)
        password = ""
        if self.action == "reset-password":
            user, password = accounts.reset_password(actor=request.user, uuid=uuid)
        else:
            user = accounts.set_active(actor=request.user, uuid=uuid, active=self.action == "activate")
        response = Response({**account_json(user, accounts.principal(enterprise)), "initial_password": password})
        response["Cache-Control"] = "no-store"
        return response


def session_json(session, now=None) -> dict:
    return {"uuid": str(session.uuid), "code": session.code, "name": session.name, "rules": session.rules,
            "duration_minutes": session.duration_minutes, "pass_mark": session.pass_mark,
            "validity_months": session.validity_months, "opens_at": session.opens_at,
            "closes_at": session.closes_at, "signup_deadline": session.signup_deadline,
            "capacity": session.capacity, "seats_taken": es.seats_taken(session), "phase": es.phase(session, now),
            "paper": session.paper.code}


def signup_json(signup) -> dict:
    passed = signup.state == "passed" and signup.attempt is not None
    return {"uuid": str(signup.uuid), "session": str(signup.session.uuid), "session_code": signup.session.code,
            "enterprise": signup.enterprise.code, "person": str(signup.person.uuid),
            "person_name": signup.person_name, "state": signup.state, "state_label": signup.get_state_display(),
            "signed_up_at": signup.signed_up_at, "score": signup.score,
            "certificate_expiry": signup.attempt.certificate_expiry if passed else None,
            "certificate_url": reverse("services:exam-signup-certificate", kwargs={"uuid": signup.uuid})
            if passed else None}


def _need_view(request):
    if not request.user.has_perm(es.VIEW):
        raise NotFoundError("session_not_found", _("未找到该考试场次"), field="session")


class ExamSessionListView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: s.ServiceExamSessionSerializer(many=True), **ERRORS})
    def get(self, request):
        _need_view(request)
        now = timezone.now()
        return Response([session_json(x, now) for x in es.sessions(request.user).order_by("-opens_at")[:200]])

    @extend_schema(request=s.ServiceExamSessionInSerializer, responses={201: s.ServiceExamSessionSerializer,
                                                                         **ERRORS})
    def post(self, request):
        data = body_of(request, s.ServiceExamSessionInSerializer)
        return Response(session_json(es.create_session(actor=request.user, data=data)), status=201)


class ExamSessionDetailView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: s.ServiceExamSessionSerializer, **ERRORS})
    def get(self, request, uuid):
        return Response(session_json(es.session_for(request.user, uuid)))


class ExamSessionSignupsView(APIView):
    """The session's sign-ups in reach (an enterprise account: its own enterprise's)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: s.ServiceExamSignupSerializer(many=True), **ERRORS})
    def get(self, request, uuid):
        session = es.session_for(request.user, uuid)
        rows = list(es.signups(request.user).filter(session=session).select_related("person"))
        es.refresh(rows)
        return Response([signup_json(x) for x in rows])


class ExamSessionStartView(APIView):
    """The signed-up, confirmed person starts (or resumes) the exam within the window; answer and submit it with
    the community API (/api/community/attempts/{attempt}/…)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses={201: s.ServiceExamStartedSerializer, **ERRORS})
    def post(self, request, uuid):
        attempt = es.start(actor=request.user, session_uuid=uuid)
        return Response({"attempt": str(attempt.uuid), "deadline_at": attempt.deadline_at,
                         "url": reverse("community:attempt", kwargs={"uuid": attempt.uuid})}, status=201)


class ExamSignupListView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: s.ServiceExamSignupSerializer(many=True), **ERRORS})
    def get(self, request):
        rows = list(es.signups(request.user).select_related("person").order_by("-signed_up_at")[:500])
        es.refresh(rows)
        return Response([signup_json(x) for x in rows])

    @extend_schema(request=s.ServiceExamSignupInSerializer, responses={201: s.ServiceExamSignupSerializer, **ERRORS})
    def post(self, request):
        data = body_of(request, s.ServiceExamSignupInSerializer)
        signup = es.sign_up(actor=request.user, session_uuid=data.get("session"), person_uuid=data.get("person"))
        return Response(signup_json(signup), status=201)


class ExamSignupActionView(APIView):
    """confirm (the bureau) / cancel (the enterprise, before the deadline)."""

    permission_classes = [IsAuthenticated]
    action = ""

    @extend_schema(request=None, responses={200: s.ServiceExamSignupSerializer, **ERRORS})
    def post(self, request, uuid):
        signup = es.signup_for(request.user, uuid)
        if self.action == "confirm":
            signup = es.confirm(actor=request.user, signup=signup)
        else:
            signup = es.cancel(actor=request.user, signup=signup)
        return Response(signup_json(signup))


class CommitmentStatusView(APIView):
    """The bound enterprise's commitment duty: its frequency, the current period, whether it is made, and the
    missed periods of the last 30 days."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: s.ServiceCommitmentStatusSerializer, **ERRORS})
    def get(self, request):
        enterprise = enterprises.bound_enterprise(request.user)
        if enterprise is None:
            raise DomainError("account_not_bound", _("只有绑定企业的账户可以查看本企业的安全承诺"), field="enterprise")
        frequency = commitments.frequency_of(enterprise)
        first, last = commitments.period_of(frequency, timezone.localdate()) if frequency else (None, None)
        return Response({"frequency": frequency, "period_start": first, "period_end": last,
                         "committed": commitments.current_commitment(enterprise) is not None,
                         "missed_periods": commitments.gaps(enterprise) if frequency else []})
