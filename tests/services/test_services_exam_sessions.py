"""考试场次: the bureau schedules a session, an enterprise signs its safety managers up, the bureau confirms, the
person takes the exam within the window (the community app's attempt), a pass gives the certificate. Pages and API."""

import datetime as dt
import io

import pytest
from django.test import Client
from django.utils import timezone
from docx import Document

from yingji.community import exams
from yingji.community.models import ExamAttempt
from yingji.core.errors import DomainError
from yingji.prevention.models import EnterpriseAccount
from yingji.services import accounts
from yingji.services import exam_sessions as es
from yingji.services.models import ExamSession, ExamSignup

pytestmark = pytest.mark.django_db

RULES = "危化品:single:3\n危化品:truefalse:2"


def _page(user) -> Client:
    page = Client()
    page.force_login(user)
    return page


def _session(users, *, capacity=5, opens_in=dt.timedelta(hours=-1), closes_in=dt.timedelta(days=2),
             deadline_in=dt.timedelta(days=1), name="测试场次"):
    now = timezone.now()
    return es.create_session(actor=users["commander"], data={
        "name": name, "rules": RULES, "capacity": capacity, "duration_minutes": 30, "pass_mark": 60,
        "opens_at": now + opens_in, "closes_at": now + closes_in, "signup_deadline": now + deadline_in})


def _enterprise(user):
    return EnterpriseAccount.objects.get(user=user).enterprise


def test_the_whole_flow_on_the_pages_sign_up_confirm_take_pass_certificate(users):
    session = _session(users)
    me = users["enterprise"]
    colleague = users["enterprise-b"]
    enterprise_page = _page(me)
    listing = enterprise_page.get("/services/exam-sessions/").content.decode()
    assert f'data-session="{session.code}"' in listing and "可报名的考试场次" in listing
    answer = enterprise_page.post("/services/exam-sessions/", {"session": session.uuid, "person": colleague.uuid})
    assert answer.status_code == 302
    signup = ExamSignup.objects.get(session=session, person=colleague)
    assert signup.state == "signed_up" and signup.enterprise == _enterprise(me)

    # not yet confirmed: the person cannot take it
    colleague_page = _page(colleague)
    assert colleague_page.post(f"/services/exam-sessions/{session.uuid}/take/").status_code == 302
    assert not ExamAttempt.objects.filter(paper=session.paper, candidate=colleague).exists()

    bureau = _page(users["commander"])
    detail = bureau.get(f"/services/exam-sessions/{session.uuid}/").content.decode()
    assert 'data-person="enterprise-b"' in detail and "已报名" in detail
    assert bureau.post(f"/services/exam-signups/{signup.uuid}/confirm/").status_code == 302
    signup.refresh_from_db()
    assert signup.state == "confirmed"

    # another account of the enterprise may not take the colleague's seat
    assert enterprise_page.post(f"/services/exam-sessions/{session.uuid}/take/").status_code == 404
    answer = colleague_page.post(f"/services/exam-sessions/{session.uuid}/take/")
    attempt = ExamAttempt.objects.get(paper=session.paper, candidate=colleague)
    assert answer.status_code == 302 and answer["Location"] == f"/community/attempts/{attempt.uuid}/"
    assert attempt.deadline_at <= session.closes_at
    for question in exams.questions_of(session.paper):
        exams.answer(attempt, question.code, question.answer)
    exams.submit(attempt)

    mine = enterprise_page.get("/services/exam-sessions/").content.decode()
    signup.refresh_from_db()
    assert signup.state == "passed" and signup.score == 100 and 'data-state="passed"' in mine
    certificate = f"/services/exam-signups/{signup.uuid}/certificate.docx"
    assert certificate in mine
    for reader in (enterprise_page, bureau):  # the enterprise and the bureau download the community certificate
        answer = reader.get(certificate)
        assert answer.status_code == 200
        text = "\n".join(p.text for p in Document(io.BytesIO(answer.content)).paragraphs)
        assert "合格" in text and session.name in text
    assert _page(users["enterprise-2"]).get(certificate).status_code == 404
    # taken once: no second attempt
    with pytest.raises(DomainError) as refused:
        es.start(actor=colleague, session_uuid=session.uuid)
    assert refused.value.code == "exam_already_taken"


def test_a_full_session_and_a_closed_sign_up_are_400_with_their_codes(users, api):
    me, colleague = users["enterprise"], users["enterprise-b"]
    full = _session(users, capacity=1)
    client = api(me)
    first = client.post("/api/services/exam-signups/", {"session": str(full.uuid), "person": str(me.uuid)},
                        format="json")
    assert first.status_code == 201 and first.json()["state"] == "signed_up"
    again = client.post("/api/services/exam-signups/", {"session": str(full.uuid), "person": str(me.uuid)},
                        format="json")
    assert again.status_code == 400 and again.json()["error"]["code"] == "already_signed_up"
    answer = client.post("/api/services/exam-signups/", {"session": str(full.uuid), "person": str(colleague.uuid)},
                         format="json")
    assert answer.status_code == 400 and answer.json()["error"]["code"] == "session_full"
    assert "session" in answer.json()["error"]["fields"]
    assert ExamSignup.objects.filter(session=full).count() == 1

    closed = _session(users, opens_in=dt.timedelta(days=1), closes_in=dt.timedelta(days=2),
                      deadline_in=dt.timedelta(hours=-1))
    answer = client.post("/api/services/exam-signups/", {"session": str(closed.uuid), "person": str(me.uuid)},
                         format="json")
    assert answer.status_code == 400 and answer.json()["error"]["code"] == "signup_closed"
    assert not ExamSignup.objects.filter(session=closed).exists()

    # the page says the same beside the form, nothing saved
    page = _page(me)
    answer = page.post("/services/exam-sessions/", {"session": full.uuid, "person": colleague.uuid})
    assert answer.status_code == 400 and "该场次名额已满" in answer.content.decode()

    # cancelling frees the seat (before the deadline)
    signup = ExamSignup.objects.get(session=full)
    assert client.post(f"/api/services/exam-signups/{signup.uuid}/cancel/").json()["state"] == "cancelled"
    answer = client.post("/api/services/exam-signups/", {"session": str(full.uuid), "person": str(colleague.uuid)},
                         format="json")
    assert answer.status_code == 201


def test_another_enterprises_person_or_sign_up_is_404(users, api):
    session = _session(users)
    other = users["enterprise-2"]
    answer = api(users["enterprise"]).post("/api/services/exam-signups/",
                                           {"session": str(session.uuid), "person": str(other.uuid)}, format="json")
    assert answer.status_code == 404 and answer.json()["error"]["code"] == "person_not_found"
    bureau_person = users["commander"]
    answer = api(users["enterprise"]).post("/api/services/exam-signups/",
                                           {"session": str(session.uuid), "person": str(bureau_person.uuid)},
                                           format="json")
    assert answer.status_code == 404
    assert not ExamSignup.objects.filter(session=session).exists()

    theirs = es.sign_up(actor=other, session_uuid=session.uuid, person_uuid=other.uuid)
    mine = api(users["enterprise"])
    assert mine.post(f"/api/services/exam-signups/{theirs.uuid}/cancel/").status_code == 404
    assert str(theirs.uuid) not in mine.get("/api/services/exam-signups/").content.decode()
    assert str(theirs.uuid) not in mine.get(f"/api/services/exam-sessions/{session.uuid}/signups/").content.decode()
    assert _page(users["enterprise"]).post(f"/services/exam-signups/{theirs.uuid}/cancel/").status_code == 404
    # the bureau sees both enterprises' sign-ups
    assert str(theirs.uuid) in api(users["commander"]).get("/api/services/exam-signups/").content.decode()


def test_the_exam_is_taken_only_within_the_window(users, api):
    me = users["enterprise"]
    later = _session(users, opens_in=dt.timedelta(days=1), closes_in=dt.timedelta(days=2))
    signup = es.sign_up(actor=me, session_uuid=later.uuid, person_uuid=me.uuid)
    api(users["commander"]).post(f"/api/services/exam-signups/{signup.uuid}/confirm/")
    answer = api(me).post(f"/api/services/exam-sessions/{later.uuid}/start/")
    assert answer.status_code == 400 and answer.json()["error"]["code"] == "exam_not_open"
    after = later.closes_at + dt.timedelta(minutes=1)
    with pytest.raises(DomainError) as refused:
        es.start(actor=me, session_uuid=later.uuid, now=after)
    assert refused.value.code == "exam_closed" and refused.value.status == 400
    inside = later.opens_at + dt.timedelta(minutes=1)
    attempt = es.start(actor=me, session_uuid=later.uuid, now=inside)
    assert attempt.deadline_at == inside + dt.timedelta(minutes=30)
    # not submitted: after its deadline the saved answers are scored (none: a fail), and the state follows
    es.refresh([signup], now=attempt.deadline_at + dt.timedelta(minutes=1))
    signup.refresh_from_db()
    assert signup.state == "failed" and signup.score == 0
    # someone not signed up is refused
    answer = api(users["enterprise-2"]).post(f"/api/services/exam-sessions/{later.uuid}/start/")
    assert answer.status_code == 404 and answer.json()["error"]["code"] == "signup_not_found"


def test_the_bureau_creates_a_session_on_its_form_and_bad_input_is_refused(users):
    page = _page(users["commander"])
    assert page.get("/services/exam-sessions/new/").status_code == 200
    form = {"name": "危化品考核", "rules": "危化品:single:3", "capacity": "10", "duration_minutes": "30",
            "pass_mark": "80", "validity_months": "24", "opens_at": "2031-03-02T09:00",
            "closes_at": "2031-03-02T11:00", "signup_deadline": "2031-02-25T17:00"}
    before = ExamSession.objects.count()
    for change, code in (({"rules": "危化品:single:99"}, "not_enough_questions"),
                         ({"rules": "乱写"}, "invalid_rules"), ({"capacity": "0"}, "invalid_number"),
                         ({"closes_at": "2031-03-02T08:00"}, "invalid_window"),
                         ({"signup_deadline": "2031-03-03T08:00"}, "invalid_deadline"),
                         ({"opens_at": "明天"}, "invalid_datetime")):
        answer = page.post("/services/exam-sessions/new/", {**form, **change})
        assert answer.status_code == 400, code
        assert ExamSession.objects.count() == before
    answer = page.post("/services/exam-sessions/new/", form)
    session = ExamSession.objects.get(name="危化品考核")
    assert answer.status_code == 302 and answer["Location"] == f"/services/exam-sessions/{session.uuid}/"
    # the window is district time (Beijing)
    assert timezone.localtime(session.opens_at).hour == 9 and session.opens_at.hour == 1
    assert len(session.paper.drawn) == 3 and session.paper.status == "active"
    listing = page.get("/services/exam-sessions/").content.decode()
    assert f'data-session="{session.code}"' in listing and "报名中" in listing
    # enterprises do not schedule sessions
    assert _page(users["enterprise"]).get("/services/exam-sessions/new/").status_code == 403
    # the session's paper is not offered as a standing paper on the portal
    portal = _page(users["enterprise"]).get("/services/").content.decode()
    assert f'data-paper="{session.paper.code}"' not in portal and 'id="exam-sessions-link"' in portal


def test_the_api_creates_and_lists_sessions(users, api):
    now = timezone.now()
    body = {"name": "API 场次", "rules": RULES, "capacity": 3, "opens_at": (now + dt.timedelta(days=2)).isoformat(),
            "closes_at": (now + dt.timedelta(days=2, hours=2)).isoformat(),
            "signup_deadline": (now + dt.timedelta(days=1)).isoformat()}
    assert api(users["enterprise"]).post("/api/services/exam-sessions/", body, format="json").status_code == 403
    answer = api(users["commander"]).post("/api/services/exam-sessions/", body, format="json")
    assert answer.status_code == 201 and answer.json()["phase"] == "signup" and answer.json()["seats_taken"] == 0
    codes = [s["code"] for s in api(users["enterprise"]).get("/api/services/exam-sessions/").json()]
    assert answer.json()["code"] in codes
    bad = api(users["commander"]).post("/api/services/exam-sessions/", {**body, "capacity": "many"}, format="json")
    assert bad.status_code == 400 and "capacity" in bad.json()["error"]["fields"]


def test_the_demo_has_a_past_session_with_results_and_an_open_one(users):
    now = timezone.now()
    demo = list(ExamSession.objects.filter(is_demo=True).order_by("opens_at"))
    assert len(demo) == 2
    past, open_now = demo
    assert es.phase(past, now) == "closed" and es.phase(open_now, now) == "open"
    results = dict(ExamSignup.objects.filter(session=past).values_list("person__username", "state"))
    assert results == {"enterprise": "passed", "enterprise-b": "failed", "enterprise-2": "passed"}
    states = dict(ExamSignup.objects.filter(session=open_now).values_list("person__username", "state"))
    assert states == {"enterprise": "confirmed", "enterprise-2": "signed_up"}
    page = _page(users["enterprise"]).get("/services/exam-sessions/").content.decode()
    assert 'data-state="passed"' in page and 'data-state="failed"' in page and "参加考试" in page
    assert 'data-kind="exam"' in _page(users["enterprise"]).get("/services/").content.decode()
    assert accounts.principal(_enterprise(users["enterprise"])) is not None


def test_a_sessions_paper_is_neither_listed_nor_started_on_the_community_exams(users, api):
    session = _session(users, name="保留试卷场次")
    someone = users["grid-guihua-01"]  # may take the community's own papers
    assert someone.has_perm("community.view_exampaper")
    listing = _page(someone).get("/community/exams/").content.decode()
    assert "保留试卷场次" not in listing and session.paper.code not in listing
    assert "/start/" in listing  # the community's own papers are still offered
    assert _page(someone).post(f"/community/exams/{session.paper.uuid}/start/").status_code == 404
    answer = api(someone).post(f"/api/community/exam-papers/{session.paper.uuid}/start/")
    assert answer.status_code == 404 and answer.json()["error"]["code"] == "not_found"
    assert not ExamAttempt.objects.filter(paper=session.paper).exists()
