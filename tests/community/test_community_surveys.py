"""Knowledge surveys (应急知识问卷): the public answers without an account (page and API); every question must be
answered, a township and a kind (public/student) chosen, each refusal a 400 naming the field; a response is scored
against the pass mark; the 公众/学生应急知识普及率 per township and overall follow (indicators C.1, C.2), scoped
to the reader; the demo's survey gives figures; the results export to Excel."""

import io
import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone
from openpyxl import load_workbook

from yingji.community import surveys
from yingji.community.exams import questions_of
from yingji.community.models import KnowledgeSurvey, SurveyResponse
from yingji.core import extensions as ext
from yingji.core.models import Region

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    cache.clear()


@pytest.fixture
def survey(regions):
    today = timezone.localdate()
    survey = KnowledgeSurvey(code="WJ-TEST", name="测试问卷", rules="防汛:truefalse:2\n消防:single:2", seed=11,
                             pass_mark=75, opens_on=today - timedelta(days=1), closes_on=today + timedelta(days=1),
                             status="active", region=regions["district"])
    survey.full_clean()
    survey.save()
    return survey


def _answers(survey, right: int) -> dict:
    """`right` questions answered correctly, the rest wrongly."""
    return {q.code: q.answer if n < right else next(x for x in q.letters() if x != q.answer)
            for n, q in enumerate(questions_of(survey))}


def _township(name):
    return Region.objects.get(name=name)


def test_a_public_response_through_the_api_is_scored_without_an_account(survey, api):
    paper = api().get(f"/api/community/surveys/{survey.uuid}/questionnaire/").json()
    assert len(paper["questions"]) == 4 and "answer" not in paper["questions"][0] and paper["open"]
    body = {"township": _township("桂花镇").code, "kind": "student", "answers": _answers(survey, 3)}
    response = api().post(f"/api/community/surveys/{survey.uuid}/responses/", body, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["score"] == 75 and response.json()["knows"] is True
    kept = SurveyResponse.objects.get(uuid=response.json()["uuid"])
    assert kept.region.name == "桂花镇" and kept.kind == "student"


@pytest.mark.parametrize("change, code, field", [
    ({"township": ""}, "township_required", "township"),
    ({"kind": "tourist"}, "invalid_kind", "kind"),
    ({"answers": {}}, "answer_required", "answers"),
])
def test_bad_responses_are_400s_naming_the_field(survey, api, change, code, field):
    body = {"township": _township("桂花镇").code, "kind": "public", "answers": _answers(survey, 4), **change}
    response = api().post(f"/api/community/surveys/{survey.uuid}/responses/", body, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == code and field in response.json()["error"]["fields"]
    assert not survey.responses.exists()


def test_an_answer_that_is_not_an_option_and_a_closed_survey_are_refused(survey, api):
    answers = _answers(survey, 4)
    answers[next(iter(answers))] = "Z"
    body = {"township": _township("桂花镇").code, "kind": "public", "answers": answers}
    bad = api().post(f"/api/community/surveys/{survey.uuid}/responses/", body, format="json")
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "invalid_answer"
    survey.closes_on = timezone.localdate() - timedelta(days=1)
    survey.opens_on = survey.closes_on - timedelta(days=3)
    survey.save()
    body["answers"] = _answers(survey, 4)
    closed = api().post(f"/api/community/surveys/{survey.uuid}/responses/", body, format="json")
    assert closed.status_code == 400 and closed.json()["error"]["code"] == "survey_closed"


def test_the_public_page_takes_a_response_and_names_what_is_missing(survey, client):
    assert "测试问卷" in client.get("/community/surveys/").content.decode()
    page = client.get(f"/community/surveys/{survey.uuid}/")
    assert page.status_code == 200 and 'id="survey-form"' in page.content.decode()
    answers = {f"q_{code}": value for code, value in _answers(survey, 2).items()}
    missing = client.post(f"/community/surveys/{survey.uuid}/", {"township": "", "kind": "public", **answers})
    assert missing.status_code == 400 and "请选择所在乡镇（街道）" in missing.content.decode()
    done = client.post(f"/community/surveys/{survey.uuid}/",
                       {"township": _township("龙凤镇").code, "kind": "public", **answers})
    assert done.status_code == 200 and 'id="survey-score">50<' in done.content.decode()
    assert "建议您多了解" in done.content.decode()  # 50 < 75: not counted as knowing the basics


def test_rates_per_township_and_kind_scoped_to_the_reader(survey, users, api):
    SurveyResponse.objects.all().delete()  # the demo's responses: the figures below are this test's alone
    guihua, longfeng = _township("桂花镇").code, _township("龙凤镇").code
    for township, kind, right in ((guihua, "public", 4), (guihua, "public", 4), (guihua, "public", 1),
                                  (guihua, "student", 4), (longfeng, "public", 4), (longfeng, "student", 2)):
        surveys.respond(survey, township=township, kind=kind, answers=_answers(survey, right))
    rates = api(users["commander"]).get("/api/community/knowledge-rates/").json()
    assert (rates["public"]["knows"], rates["public"]["total"], rates["public"]["percent"]) == (3, 4, 75.0)
    assert (rates["student"]["knows"], rates["student"]["total"], rates["student"]["percent"]) == (1, 2, 50.0)
    by_name = {t["name"]: t for t in rates["townships"]}
    assert by_name["桂花镇"]["public"]["percent"] == 66.7 and by_name["桂花镇"]["student"]["percent"] == 100.0
    assert by_name["龙凤镇"]["public"]["percent"] == 100.0 and not by_name["龙凤镇"]["meets"]  # students at 0 %
    own = api(users["township-guihua"]).get("/api/community/knowledge-rates/").json()
    assert [t["name"] for t in own["townships"]] == ["桂花镇"] and own["public"]["total"] == 3
    assert api(users["grid-guihua-01"]).get("/api/community/knowledge-rates/").status_code == 403

    public = ext.INDICATORS.get("C.1").compute(users["commander"])
    student = ext.INDICATORS.get("C.2").compute(users["commander"])
    assert (public["value"], public["meets"]) == (75.0, False) and (student["value"], student["meets"]) == (50.0, False)


def test_the_results_page_and_its_excel_export(users, client):
    client.force_login(users["commander"])
    page = client.get("/community/surveys/results/").content.decode()
    assert 'id="rates-by-township"' in page and "公众应急知识普及率" in page
    workbook = load_workbook(io.BytesIO(client.get("/community/surveys/results.xlsx").content))
    rows = list(workbook.active.values)
    assert "应急知识普及率" in rows[0][0] and rows[1][0] == "乡镇（街道）" and rows[-1][0] == "合计"


def test_the_demo_survey_gives_rates_for_every_township(users):
    rates = surveys.knowledge_rates(users["commander"])
    assert len(rates["townships"]) == Region.objects.townships().count()
    assert rates["public"]["total"] >= 500 and 0 < rates["public"]["percent"] < 100
    assert any(t["public"]["percent"] < 80 for t in rates["townships"])  # some townships fall short


def test_a_refused_survey_page_marks_the_field_and_keeps_the_answers_ticked(survey, client):
    answers = _answers(survey, 2)
    body = {"kind": "public", **{f"q_{code}": letter for code, letter in answers.items()}}
    answer = client.post(f"/community/surveys/{survey.uuid}/", body)
    assert answer.status_code == 400
    text = answer.content.decode()
    assert re.search(r'<select class="form-select is-invalid" id="survey-township"[^>]*aria-invalid="true"', text)
    assert 'id="survey-township_error"' in text and "请选择所在乡镇（街道）" in text
    for code, letter in answers.items():
        assert re.search(rf'id="s-{code}-{letter}"[^>]*checked', text)
    assert re.search(r'<option value="public" selected', text)
