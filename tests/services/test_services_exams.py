"""安全培训考核 on the portal: the community app's papers for enterprise safety managers, taken there, certificate on
pass."""

import pytest
from django.test import Client

from yingji.community import exams
from yingji.community.models import ExamAttempt, ExamPaper

pytestmark = pytest.mark.django_db


def _portal(user) -> Client:
    page = Client()
    page.force_login(user)
    return page


def test_the_portal_offers_the_safety_manager_papers_and_a_pass_gives_the_certificate(users):
    user = users["enterprise"]
    page = _portal(user)
    home = page.get("/services/").content.decode()
    chem = ExamPaper.objects.get(code="SJ-02")  # 消防与危险化学品: draws 危化品 questions
    flood = ExamPaper.objects.get(code="SJ-01")  # 防汛与地灾: not for enterprises
    assert f'data-paper="{chem.code}"' in home and f'data-paper="{flood.code}"' not in home
    assert "exam-certificate" not in home
    assert 'data-kind="exam"' in home and "尚未取得合格证书" in home

    answer = page.post(f"/services/exams/{chem.uuid}/start/")
    attempt = ExamAttempt.objects.get(paper=chem, candidate=user)
    assert answer.status_code == 302 and answer["Location"] == f"/community/attempts/{attempt.uuid}/"
    assert page.get(answer["Location"]).status_code == 200
    assert "继续作答" in page.get("/services/").content.decode()

    for question in exams.questions_of(chem):
        exams.answer(attempt, question.code, question.answer)
    exams.submit(attempt)
    attempt.refresh_from_db()
    assert attempt.passed
    home = page.get("/services/").content.decode()
    certificate = f"/community/attempts/{attempt.uuid}/certificate.docx"
    assert certificate in home and "合格" in home
    assert "尚未取得合格证书" not in home
    assert page.get(certificate).status_code == 200


def test_another_paper_cannot_be_started_from_the_portal(users):
    flood = ExamPaper.objects.get(code="SJ-01")
    page = _portal(users["enterprise"])
    assert page.post(f"/services/exams/{flood.uuid}/start/").status_code == 404
    assert not ExamAttempt.objects.filter(paper=flood, candidate=users["enterprise"]).exists()
    assert _portal(users["commander"]).post(f"/services/exams/{flood.uuid}/start/").status_code == 403
