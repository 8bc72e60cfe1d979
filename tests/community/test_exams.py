"""Exams: a paper drawn from the bank is the same for the same seed (and recorded); answers are kept as given, so
an interrupted exam resumes; an answer after the server's deadline is refused (exam_time_over on `answer`);
submitting scores the paper and a pass gets a certificate (DOCX with the name and the score) with an expiry."""

import io
from datetime import timedelta

import pytest
from django.utils import timezone
from docx import Document

from yingji.community import exams
from yingji.community.models import ExamAttempt, ExamPaper
from yingji.community.models.exams import parse_rules
from yingji.community.registrations import PAPERS
from yingji.core.services import save_record

pytestmark = pytest.mark.django_db
RULES = "防汛:single:3\n消防:truefalse:2\n危化品:multiple:1"


def _paper(users, seed=42, **changes):
    data = {"name": "测试试卷", "rules": RULES, "seed": seed, "duration_minutes": 10, "pass_mark": 60,
            "region": users["commander"].region, **changes}
    return save_record(PAPERS, actor=users["commander"], data=data)


def test_drawing_is_reproducible_from_its_seed(users):
    paper = _paper(users, seed=42)
    assert len(paper.drawn) == 6
    assert exams.draw(parse_rules(RULES), 42) == paper.drawn
    assert _paper(users, seed=42).drawn == paper.drawn
    assert _paper(users, seed=43).drawn != paper.drawn


def test_a_paper_without_seed_records_the_one_used(users):
    paper = _paper(users, seed=None)
    assert paper.seed is not None and exams.draw(parse_rules(RULES), paper.seed) == paper.drawn


def test_bad_rules_and_a_short_bank_name_the_field(api, users):
    commander = api(users["commander"])
    body = {"name": "x", "rules": "防汛-5", "region": users["commander"].region.code}
    bad = commander.post("/api/community/exam-papers/", body, format="json")
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "invalid_rules"
    short = commander.post("/api/community/exam-papers/", {**body, "rules": "防汛:single:99"}, format="json")
    assert short.status_code == 400 and short.json()["error"]["code"] == "not_enough_questions"
    assert "rules" in short.json()["error"]["fields"]


def test_answers_are_kept_and_the_exam_resumes(api, users):
    paper = _paper(users)
    client = api(users["township-guihua"])
    state = client.post(f"/api/community/exam-papers/{paper.uuid}/start/").json()
    first = state["questions"][0]
    client.post(f"/api/community/attempts/{state['uuid']}/answers/", {"question": first["code"], "answer": "A"},
                format="json")
    again = client.post(f"/api/community/exam-papers/{paper.uuid}/start/").json()  # interrupted, started again
    assert again["uuid"] == state["uuid"]
    assert again["questions"][0]["answer"] == "A" and "correct" not in again["questions"][0]


def test_an_answer_after_the_deadline_is_refused(api, users):
    paper = _paper(users)
    client = api(users["township-guihua"])
    state = client.post(f"/api/community/exam-papers/{paper.uuid}/start/").json()
    ExamAttempt.objects.filter(uuid=state["uuid"]).update(deadline_at=timezone.now() - timedelta(seconds=1))
    response = client.post(f"/api/community/attempts/{state['uuid']}/answers/",
                           {"question": state["questions"][0]["code"], "answer": "A"}, format="json")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "exam_time_over" and "answer" in error["fields"]


def test_an_answer_not_an_option_is_refused(api, users):
    paper = _paper(users)
    client = api(users["township-guihua"])
    state = client.post(f"/api/community/exam-papers/{paper.uuid}/start/").json()
    response = client.post(f"/api/community/attempts/{state['uuid']}/answers/",
                           {"question": state["questions"][0]["code"], "answer": "Z"}, format="json")
    assert response.status_code == 400 and response.json()["error"]["code"] == "invalid_answer"


def _take(paper, user, right: int):
    attempt = exams.start(paper, user)
    for n, question in enumerate(exams.questions_of(paper)):
        given = question.answer if n < right else ("B" if question.answer != "B" else "C") \
            if question.qtype != "truefalse" else ("F" if question.answer == "T" else "T")
        exams.answer(attempt, question.code, given)
    return exams.submit(attempt)


def test_scoring_and_pass_mark(users):
    paper = _paper(users)
    failed = _take(paper, users["township-guihua"], right=3)
    assert failed.score == 50 and not failed.passed and failed.certificate_expiry is None
    passed = _take(paper, users["township-longfeng"], right=5)
    assert passed.score == 83 and passed.passed
    assert passed.certificate_expiry > timezone.localdate() + timedelta(days=700)


def test_certificate_docx_has_the_name_and_score(client, users):
    paper = _paper(users)
    attempt = _take(paper, users["township-guihua"], right=6)
    client.force_login(users["township-guihua"])
    response = client.get(f"/community/attempts/{attempt.uuid}/certificate.docx")
    assert response.status_code == 200
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    tables = "\n".join(c.text for t in Document(io.BytesIO(response.content)).tables for r in t.rows for c in r.cells)
    assert attempt.candidate_name in text and "100分" in tables


def test_certificate_pdf_has_the_same_content_by_page_and_api(client, users):
    from pdftext import page_count, pdf_text
    from yingji.community.documents import certificate_number

    paper = _paper(users)
    attempt = _take(paper, users["township-guihua"], right=6)
    client.force_login(users["township-guihua"])
    response = client.get(f"/community/attempts/{attempt.uuid}/certificate.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF") and page_count(response.content) == 1
    assert b"/STSong-Light" in response.content  # the built-in CID font: nothing embedded or fetched
    text = pdf_text(response.content)
    for fact in (certificate_number(attempt), attempt.candidate_name, paper.name, "100分", "有效期至",
                 f"{attempt.certificate_expiry.year}年{attempt.certificate_expiry.month}月", "船山区应急管理局"):
        assert fact in text
    api = client.get(f"/api/community/attempts/{attempt.uuid}/certificate/?format=pdf")
    assert api.status_code == 200 and certificate_number(attempt) in pdf_text(api.content)
    docx = client.get(f"/api/community/attempts/{attempt.uuid}/certificate/")
    assert docx.status_code == 200 and docx.content.startswith(b"PK")
    bad = client.get(f"/api/community/attempts/{attempt.uuid}/certificate/?format=odt")
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "invalid_format"
    assert "format" in bad.json()["error"]["fields"]
    client.force_login(users["township-longfeng"])  # someone else's attempt
    assert client.get(f"/community/attempts/{attempt.uuid}/certificate.pdf").status_code == 404
    assert client.get(f"/api/community/attempts/{attempt.uuid}/certificate/?format=pdf").status_code == 404


def test_exam_pages(client, users):
    paper = ExamPaper.objects.get(code="SJ-01")
    client.force_login(users["township-guihua"])
    assert paper.name in client.get("/community/exams/").content.decode()
    page = client.post(f"/community/exams/{paper.uuid}/start/", follow=True).content.decode()
    assert 'id="exam-timer"' in page and "community/exam.js" in page and "<script>" not in page
    attempt = ExamAttempt.objects.get(paper=paper, candidate=users["township-guihua"], submitted_at__isnull=True)
    result = client.post(f"/community/attempts/{attempt.uuid}/submit/", follow=True).content.decode()
    assert 'id="exam-score"' in result
