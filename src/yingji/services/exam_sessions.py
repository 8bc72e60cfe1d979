"""考试场次 (安全培训考核: "sign up for an exam, take it online, certificate on pass").

The bureau schedules a session: its name, the paper's rules (标签:题型:数量, drawn once by the community app's
drawing into a paper of its own), the window (opens_at – closes_at), the capacity and the sign-up deadline. An
enterprise account signs up its safety managers — accounts bound to the same enterprise — before the deadline,
up to the capacity; the bureau confirms the sign-ups; a confirmed person takes the exam with their own login within
the window (the community app's attempt page: answering, server-side deadline capped at the window's end, scoring),
and a pass gives the community app's certificate. A sign-up is a registration with states, not a 办件: there is no
legal time limit and no documents.

    已报名 --confirm (bureau)--> 已确认 --start (the person, in the window)--> 已考 --submit--> 通过 / 未通过
    已报名 / 已确认 --cancel (the enterprise, before the deadline)--> 已取消

Refusals: session_full, signup_closed, already_signed_up (400); another enterprise's person, a session or sign-up out
of reach (404); signup_not_confirmed, exam_not_open, exam_closed, exam_already_taken (400).
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yingji.core.errors import DomainError, PermissionDeniedError, validation_error_fields
from yingji.core.scoping import scope_to_user
from yingji.core.sequences import next_code
from yingji.core.timefmt import parse_aware

from .choices import LIVE_SIGNUPS, SignupState
from .enterprises import NotFoundError, bound_enterprise, colleagues
from .models import ExamSession, ExamSignup

MANAGE = "services.manage_exams"
VIEW = "services.view_examsession"


def _int(data, name, low, high, default=None) -> int:
    raw = data.get(name)
    if raw in (None, "") and default is not None:
        return default
    try:
        value = int(str(raw).strip())
    except (TypeError, ValueError):
        raise DomainError("invalid_number", _("请填写%(lo)s至%(hi)s的整数") % {"lo": low, "hi": high},
                          field=name) from None
    if not low <= value <= high:
        raise DomainError("invalid_number", _("请填写%(lo)s至%(hi)s的整数") % {"lo": low, "hi": high}, field=name)
    return value


def _moment(data, name) -> dt.datetime:
    raw = data.get(name)
    try:
        value = raw if isinstance(raw, dt.datetime) else parse_aware(str(raw or ""))
    except (TypeError, ValueError):
        value = None
    if value is None or not 2000 <= value.year <= 2100:
        raise DomainError("invalid_datetime", _("请填写时间（年-月-日 时:分）"), field=name)
    return value if timezone.is_aware(value) else timezone.make_aware(value)


def create_session(*, actor, data: dict, now=None) -> ExamSession:
    """A session with its paper drawn by the rules; nothing saved when any field is wrong."""
    from yingji.community.exams import RESERVED
    from yingji.community.models import ExamPaper

    if not actor.has_perm(MANAGE) or bound_enterprise(actor) is not None or actor.region_id is None:
        raise PermissionDeniedError("permission_denied", _("您没有安排考试场次的权限"))
    name = str(data.get("name") or "").strip()
    if not name or len(name) > 100:
        raise DomainError("name_required", _("请填写场次名称（不超过100字）"), field="name")
    rules = str(data.get("rules") or "").strip()
    if len(rules) > 2000:
        raise DomainError("invalid_rules", _("抽题规则过长"), field="rules")
    duration = _int(data, "duration_minutes", 1, 300, 60)
    pass_mark = _int(data, "pass_mark", 0, 100, 80)
    validity = _int(data, "validity_months", 1, 120, 36)
    capacity = _int(data, "capacity", 1, 10000)
    opens, closes, deadline = (_moment(data, "opens_at"), _moment(data, "closes_at"),
                               _moment(data, "signup_deadline"))
    if closes <= opens:
        raise DomainError("invalid_window", _("考试结束时间须晚于开始时间"), field="closes_at")
    if closes - opens < dt.timedelta(minutes=duration):
        raise DomainError("invalid_window", _("考试时段须不短于考试时长"), field="closes_at")
    if deadline > closes:
        raise DomainError("invalid_deadline", _("报名截止时间不能晚于考试结束时间"), field="signup_deadline")
    now = now or timezone.now()
    with transaction.atomic():
        paper = ExamPaper(name=name, rules=rules, region_id=actor.region_id, duration_minutes=duration,
                          pass_mark=pass_mark, validity_months=validity, created_by=actor, updated_by=actor,
                          description=_("安全培训考核考试场次专用试卷，仅限报名并经确认的人员在考试时段内作答。"))
        try:
            paper.full_clean()  # parses the rules and draws the questions (community's drawing), or refuses
        except ValidationError as exc:
            code, message, _fields = validation_error_fields(exc)
            raise DomainError(code or "invalid_rules", message, field="rules") from None
        # reserved: community neither lists nor starts it (community.exams.RESERVED); candidates take it here
        paper.extra = {"services_exam_session": True, RESERVED: "services.exam_session"}
        paper.save()
        return ExamSession.objects.create(
            code=next_code("KS", now), name=name, rules=rules, duration_minutes=duration, pass_mark=pass_mark,
            validity_months=validity, opens_at=opens, closes_at=closes, signup_deadline=deadline, capacity=capacity,
            paper=paper, region_id=actor.region_id, created_by=actor)


def sessions(user):
    if not user.has_perm(VIEW):
        return ExamSession.objects.none()
    return scope_to_user(ExamSession.objects.all(), user).select_related("paper")


def session_for(user, uuid) -> ExamSession:
    found = sessions(user).filter(uuid=uuid).first() if _is_uuid(uuid) else None
    if found is None:
        raise NotFoundError("session_not_found", _("未找到该考试场次"), field="session")
    return found


def _is_uuid(value) -> bool:
    import uuid

    try:
        uuid.UUID(str(value))
    except (TypeError, ValueError, AttributeError):
        return False
    return True


def seats_taken(session) -> int:
    return session.signups.filter(state__in=LIVE_SIGNUPS).count()


def phase(session, now=None) -> str:
    """signup (报名中), waiting (报名截止，未开考), open (考试中), closed (已结束)."""
    now = now or timezone.now()
    if now > session.closes_at:
        return "closed"
    if now >= session.opens_at:
        return "open"
    return "signup" if now <= session.signup_deadline else "waiting"


PHASE_LABELS = {"signup": gettext_lazy("报名中"), "waiting": gettext_lazy("报名已截止"),
                "open": gettext_lazy("考试中"), "closed": gettext_lazy("已结束")}


def phase_label(session, now=None) -> str:
    return str(PHASE_LABELS[phase(session, now)])


def sign_up(*, actor, session_uuid, person_uuid, now=None) -> ExamSignup:
    """An enterprise account signs up one of its enterprise's accounts (itself included)."""
    enterprise = bound_enterprise(actor)
    if enterprise is None:
        raise PermissionDeniedError("enterprise_only", _("只有企业账户可以为本企业人员报名"))
    session = session_for(actor, session_uuid)
    person = colleagues(enterprise).filter(uuid=person_uuid, is_active=True).first() if _is_uuid(person_uuid) \
        else None
    if person is None:
        raise NotFoundError("person_not_found", _("未找到该人员，或不是本企业的账户"), field="person")
    now = now or timezone.now()
    with transaction.atomic():
        session = ExamSession.objects.select_for_update().get(pk=session.pk)  # one seat at a time
        if now > session.signup_deadline or now > session.closes_at:
            raise DomainError("signup_closed", _("该场次报名已截止"), field="session")
        if session.signups.filter(person=person, state__in=LIVE_SIGNUPS).exists():
            raise DomainError("already_signed_up", _("该人员已报名本场次"), field="person")
        if seats_taken(session) >= session.capacity:
            raise DomainError("session_full", _("该场次名额已满"), field="session")
        return ExamSignup.objects.create(
            session=session, enterprise=enterprise, region_id=enterprise.region_id, person=person,
            person_name=person.get_full_name() or person.username, signed_up_by=actor, signed_up_at=now)


def signups(user):
    """The sign-ups in reach: an enterprise account its own enterprise's, the bureau those of its region."""
    if not user.has_perm("services.view_examsignup"):
        return ExamSignup.objects.none()
    return scope_to_user(ExamSignup.objects.all(), user).select_related("session", "enterprise", "attempt")


def signup_for(user, uuid) -> ExamSignup:
    found = signups(user).filter(uuid=uuid).first() if _is_uuid(uuid) else None
    if found is None:
        raise NotFoundError("signup_not_found", _("未找到该报名记录"), field="signup")
    return found


def confirm(*, actor, signup, now=None) -> ExamSignup:
    if not actor.has_perm(MANAGE) or bound_enterprise(actor) is not None:
        raise PermissionDeniedError("permission_denied", _("您没有确认报名的权限"))
    if signup.state != SignupState.SIGNED_UP:
        raise DomainError("invalid_transition", _("只有“已报名”的记录可以确认"), field="signup")
    signup.state, signup.confirmed_at = SignupState.CONFIRMED, now or timezone.now()
    signup.save()
    return signup


def confirm_all(*, actor, session, now=None) -> int:
    done = 0
    with transaction.atomic():
        for signup in session.signups.filter(state=SignupState.SIGNED_UP):
            confirm(actor=actor, signup=signup, now=now)
            done += 1
    return done


def cancel(*, actor, signup, now=None) -> ExamSignup:
    """The enterprise withdraws a sign-up before the deadline (the seat is freed)."""
    now = now or timezone.now()
    if bound_enterprise(actor) is None or bound_enterprise(actor).pk != signup.enterprise_id:
        raise PermissionDeniedError("enterprise_only", _("只有本企业账户可以取消报名"))
    if signup.state not in (SignupState.SIGNED_UP, SignupState.CONFIRMED):
        raise DomainError("invalid_transition", _("已参加考试或已取消的报名不能取消"), field="signup")
    if now > signup.session.signup_deadline:
        raise DomainError("signup_closed", _("报名已截止，不能取消"), field="signup")
    signup.state = SignupState.CANCELLED
    signup.save()
    return signup


def start(*, actor, session_uuid, now=None):
    """The signed-up person starts (or resumes) the session's exam within the window; returns the community
    attempt, whose deadline never passes the window's end."""
    from yingji.community import exams

    session = session_for(actor, session_uuid)
    signup = session.signups.filter(person=actor, state__in=LIVE_SIGNUPS).first()
    if signup is None:
        raise NotFoundError("signup_not_found", _("您未报名该考试场次"), field="session")
    now = now or timezone.now()
    refresh([signup], now)
    if signup.state in (SignupState.PASSED, SignupState.FAILED):
        raise DomainError("exam_already_taken", _("您已参加本场次考试"), field="session")
    if signup.state == SignupState.SIGNED_UP:
        raise DomainError("signup_not_confirmed", _("报名尚未经区应急管理局确认"), field="session")
    if now < session.opens_at:
        raise DomainError("exam_not_open", _("考试尚未开始（%(t)s 开考）")
                          % {"t": timezone.localtime(session.opens_at).strftime("%Y-%m-%d %H:%M")}, field="session")
    if now > session.closes_at:
        raise DomainError("exam_closed", _("考试已结束"), field="session")
    with transaction.atomic():
        attempt = exams.start(session.paper, actor, now=now)
        if attempt.deadline_at > session.closes_at:
            attempt.deadline_at = session.closes_at
            attempt.save(update_fields=["deadline_at"])
        signup.attempt, signup.state = attempt, SignupState.TAKEN
        signup.save()
    return attempt


def refresh(rows, now=None) -> None:
    """Bring sign-ups in line with their attempts: a submitted attempt gives 通过/未通过 and the score; one past
    its deadline is submitted with the answers saved before it (the community app's scoring)."""
    from yingji.community import exams
    from yingji.community.models import ExamAttempt

    now = now or timezone.now()
    rows = list(rows)
    stored = dict(ExamSignup.objects.filter(pk__in=[r.pk for r in rows]).values_list("pk", "attempt_id"))
    for signup in rows:
        if stored.get(signup.pk) != signup.attempt_id:  # a row read before the exam was started
            signup.refresh_from_db()
        if signup.state != SignupState.TAKEN or signup.attempt_id is None:
            continue
        attempt = ExamAttempt.objects.get(pk=signup.attempt_id)
        if attempt.submitted_at is None and now > attempt.deadline_at:
            attempt = exams.submit(attempt, now=attempt.deadline_at)
        if attempt.submitted_at is None:
            continue
        signup.attempt = attempt
        signup.score, signup.state = attempt.score, SignupState.PASSED if attempt.passed else SignupState.FAILED
        signup.save(update_fields=["score", "state"])


def certificate(user, uuid) -> tuple[ExamSignup, bytes]:
    """The community app's 合格证书 (DOCX) of a passed sign-up in reach."""
    from yingji.community.documents import certificate as certificate_docx

    signup = signup_for(user, uuid)
    refresh([signup])
    if signup.state != SignupState.PASSED or signup.attempt is None:
        raise NotFoundError("certificate_not_found", _("未通过考试，没有合格证书"), field="signup")
    return signup, certificate_docx(signup.attempt)


def mine(user):
    """The sign-ups of the signed-in person (the exams they are to take)."""
    return signups(user).filter(person=user, state__in=LIVE_SIGNUPS)
