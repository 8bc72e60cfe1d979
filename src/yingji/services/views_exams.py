"""Pages of the exam sessions (考试场次, exam_sessions.py): the bureau's list, create form and a session's sign-ups
(confirm); the enterprise's open sessions (sign up a colleague), its sign-ups (cancel, take, certificate)."""

from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from yingji.core.documents import DOCX_TYPE
from yingji.core.errors import DomainError
from yingji.core.refusals import refuse
from yingji.incidents.api import file_response

from . import enterprises
from . import exam_sessions as es

FIELDS = ("name", "rules", "duration_minutes", "pass_mark", "validity_months", "capacity", "opens_at", "closes_at",
          "signup_deadline")


def _rows(sessions, now):
    return [{"session": s, "phase": es.phase(s, now), "phase_label": es.phase_label(s, now),
             "taken": es.seats_taken(s)} for s in sessions]


def _enterprise_page(request, enterprise, status=200):
    now = timezone.now()
    own = list(es.signups(request.user).filter(enterprise=enterprise).order_by("-session__opens_at", "person_name"))
    es.refresh(own, now)
    return render(request, "services/exam_sessions_enterprise.html", {
        "enterprise": enterprise, "now": now, "me": request.user,
        "open": _rows(es.sessions(request.user).filter(signup_deadline__gte=now, closes_at__gte=now)
                      .order_by("opens_at"), now),
        "people": enterprises.colleagues(enterprise).filter(is_active=True), "signups": own}, status=status)


def _bureau_page(request, status=200):
    now = timezone.now()
    return render(request, "services/exam_sessions.html", {
        "rows": _rows(es.sessions(request.user).order_by("-opens_at")[:200], now),
        "may_manage": request.user.has_perm(es.MANAGE)}, status=status)


@login_required
@permission_required(es.VIEW, raise_exception=True)
def session_list(request):
    """考试场次: the bureau's sessions; for an enterprise account, the sessions open for sign-up and its sign-ups.
    POST (an enterprise account): sign a colleague up."""
    enterprise = enterprises.bound_enterprise(request.user)
    if enterprise is None:
        if request.method == "POST":
            raise PermissionDenied
        return _bureau_page(request)
    if request.method == "POST":
        session = request.POST.get("session", "")
        try:
            es.sign_up(actor=request.user, session_uuid=session, person_uuid=request.POST.get("person", ""))
        except DomainError as exc:
            if exc.status == 404 and exc.field == "session":
                raise Http404 from None
            refuse(request, exc, form=f"signup-{session}")
            return _enterprise_page(request, enterprise, status=exc.status)
        return redirect("services:exam-sessions")
    return _enterprise_page(request, enterprise)


@login_required
@permission_required(es.MANAGE, raise_exception=True)
def session_new(request):
    if enterprises.bound_enterprise(request.user) is not None:
        raise PermissionDenied
    if request.method == "POST":
        try:
            session = es.create_session(actor=request.user, data={k: request.POST.get(k, "") for k in FIELDS})
        except DomainError as exc:
            refuse(request, exc, form="session-form")
            return render(request, "services/exam_session_new.html", {}, status=exc.status)
        return redirect("services:exam-session", uuid=session.uuid)
    return render(request, "services/exam_session_new.html", {})


@login_required
@permission_required(es.VIEW, raise_exception=True)
def session_detail(request, uuid):
    """A session and its sign-ups (the bureau: all in its reach, with 确认; an enterprise account: its own)."""
    try:
        session = es.session_for(request.user, uuid)
    except DomainError:
        raise Http404 from None
    now = timezone.now()
    rows = list(es.signups(request.user).filter(session=session).order_by("enterprise__name", "person_name"))
    es.refresh(rows, now)
    return render(request, "services/exam_session.html", {
        "session": session, "phase_label": es.phase_label(session, now), "taken": es.seats_taken(session),
        "rows": rows, "may_manage": request.user.has_perm(es.MANAGE)
        and enterprises.bound_enterprise(request.user) is None})


@login_required
@require_POST
@permission_required(es.MANAGE, raise_exception=True)
def session_confirm_all(request, uuid):
    try:
        session = es.session_for(request.user, uuid)
        es.confirm_all(actor=request.user, session=session)
    except DomainError as exc:
        if exc.status == 404:
            raise Http404 from None
        if exc.status == 403:
            raise PermissionDenied(exc.message) from None
        refuse(request, exc, keep=True, form=f"confirm-all-{uuid}")
    return redirect("services:exam-session", uuid=uuid)


@login_required
@require_POST
def signup_action(request, uuid, action):
    """确认 (bureau, back to the session's page), 取消报名 (the enterprise); a sign-up out of reach is a 404."""
    if action not in ("confirm", "cancel"):
        raise Http404
    try:
        signup = es.signup_for(request.user, uuid)
    except DomainError:
        raise Http404 from None
    try:
        if action == "confirm":
            es.confirm(actor=request.user, signup=signup)
        else:
            es.cancel(actor=request.user, signup=signup)
    except DomainError as exc:
        if exc.status == 403:
            raise PermissionDenied(exc.message) from None
        refuse(request, exc, keep=True, form=f"{action}-{uuid}")
    if action == "confirm":
        return redirect("services:exam-session", uuid=signup.session.uuid)
    return redirect("services:exam-sessions")


@login_required
@require_POST
def session_take(request, uuid):
    """参加考试: the signed-up person starts (or resumes) the session's exam on the community app's page."""
    try:
        attempt = es.start(actor=request.user, session_uuid=uuid)
    except DomainError as exc:
        if exc.status == 404:
            raise Http404 from None
        refuse(request, exc, keep=True, form=f"take-{uuid}")
        return redirect("services:exam-sessions")
    return redirect("community:attempt", uuid=attempt.uuid)


@login_required
def signup_certificate(request, uuid):
    try:
        signup, content = es.certificate(request.user, uuid)
    except DomainError:
        raise Http404 from None
    return file_response(content, DOCX_TYPE, f"{signup.session.code}-{signup.person_name}-合格证书.docx")
