"""3.6 公众应急知识普及率 is computed from the knowledge surveys (the community app's provider): the public's rate of
the year, students checked on their own (100 %), the township breakdown, the link to the answer sheets; the 2020
sheets give the baseline; without the provider "暂无数据来源"; values entered before it was computed stay as
their years' history, and only its 2020 baseline may still be entered."""

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from yingji.community.models import KnowledgeSurvey, SurveyResponse
from yingji.core.models import Region
from yingji.indicators import status
from yingji.indicators.catalogue import BY_CODE, COMPUTED
from yingji.indicators.models import IndicatorValue, ValueState

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey(regions):
    SurveyResponse.objects.all().delete()  # the demo's answer sheets: the figures below are the test's own
    today = timezone.localdate()
    return KnowledgeSurvey.objects.create(
        code="WJ-IND", name="指标问卷", rules="防汛:truefalse:2", seed=3, pass_mark=60, status="active",
        opens_on=today - timedelta(days=1), closes_on=today + timedelta(days=1), region=regions["district"])


def _sheets(survey, township, kind, knows, total, when=None):
    region = Region.objects.get(name=township)
    when = when or timezone.now()
    for n in range(total):
        SurveyResponse.objects.create(survey=survey, region=region, kind=kind, score=100 if n < knows else 0,
                                      knows=n < knows, created=when)


def _row(user):
    return status.evaluate(BY_CODE["3.6"], user)


def test_the_rate_is_the_publics_with_the_township_breakdown_and_the_link(survey, users):
    assert BY_CODE["3.6"].source == COMPUTED
    _sheets(survey, "桂花镇", "public", 2, 3)
    _sheets(survey, "龙凤镇", "public", 1, 1)
    _sheets(survey, "桂花镇", "student", 1, 1)
    row = _row(users["commander"])
    assert (row["value"], row["of"], row["status_label"]) == (75.0, 4, "未达标")  # 3 of 4 < 80 %
    assert row["url"] == f"/community/surveys/results/?year={timezone.localdate().year}"
    assert "学生 100%" in row["note"]
    by_name = {t["name"]: t for t in row["townships"]}
    assert (by_name["桂花镇"]["value"], by_name["桂花镇"]["of"]) == (66.7, 3)
    assert (by_name["龙凤镇"]["value"], by_name["龙凤镇"]["meets"]) == (100.0, True)
    officer = _row(users["township-guihua"])  # scoped: their township's sheets only
    assert officer["value"] == 66.7 and [t["name"] for t in officer["townships"]] == ["桂花镇"]


def test_students_must_all_know_for_the_target(survey, users):
    _sheets(survey, "桂花镇", "public", 9, 10)
    _sheets(survey, "桂花镇", "student", 1, 1)
    assert _row(users["commander"])["status_label"] == "达标"  # 90 % and the students 100 %
    _sheets(survey, "桂花镇", "student", 0, 1)
    assert _row(users["commander"])["status_label"] == "未达标"  # the students at 50 %


def test_the_2020_sheets_give_the_baseline_unless_an_approved_one_exists(survey, users):
    _sheets(survey, "桂花镇", "public", 4, 5)
    row = _row(users["commander"])
    assert (row["baseline"], row["baseline_note"]) == (None, "基线待录入")
    _sheets(survey, "桂花镇", "public", 1, 2, when=timezone.make_aware(datetime(2020, 6, 1, 10)))
    row = _row(users["commander"])
    assert (row["baseline"], row["baseline_source"], row["baseline_note"]) == (50.0, "computed",
                                                                              "系统依据2020年记录计算")
    years = status.history("3.6", users["commander"])["years"]
    assert years[0] == {"year": 2020, "value": 50.0, "source": "baseline"}
    IndicatorValue.objects.create(code="3.6", year=2020, value=60, status=ValueState.APPROVED,
                                  entered_by=users["liaison-water"], decided_by=users["commander"],
                                  decided_at=timezone.now())
    row = _row(users["commander"])
    assert (row["baseline"], row["baseline_source"]) == (60.0, "entered")  # approved with evidence wins


def test_without_the_community_provider_no_data_source(survey, users, provider):
    _sheets(survey, "桂花镇", "public", 4, 5)
    provider("3.6", None)
    row = _row(users["commander"])
    assert (row["value"], row["status"], row["note"]) == (None, "no_data", "暂无数据来源")


def test_values_entered_before_stay_as_history_and_the_figure_is_computed(survey, users, api, evidence):
    last_year = timezone.localdate().year - 1
    IndicatorValue.objects.create(code="3.6", year=last_year, value=82, status=ValueState.APPROVED,
                                  entered_by=users["liaison-water"], decided_by=users["commander"],
                                  decided_at=timezone.now())
    _sheets(survey, "桂花镇", "public", 1, 2)
    row = _row(users["commander"])
    assert (row["value"], row["year"]) == (50.0, timezone.localdate().year)  # computed wins
    years = {y["year"]: y for y in status.history("3.6", users["commander"])["years"]}
    assert years[last_year] == {"year": last_year, "value": 82.0, "source": "entered"}
    past = status.for_year(BY_CODE["3.6"], last_year, users["commander"])
    assert (past["value"], past["status_label"], past["note"]) == (82.0, "达标", "部门填报（审核通过）")
    # a year's figure may no longer be entered; the 2020 baseline may
    refused = api(users["liaison-water"]).post("/api/indicators/values/", {
        "code": "3.6", "year": last_year, "value": "85", "evidence": evidence()}, format="multipart")
    assert refused.status_code == 400 and refused.json()["error"]["code"] == "not_entered"
    assert "code" in refused.json()["error"]["fields"]
    accepted = api(users["liaison-water"]).post("/api/indicators/values/", {
        "code": "3.6", "year": 2020, "value": "70", "evidence": evidence()}, format="multipart")
    assert accepted.status_code == 201 and accepted.json()["status"] == "submitted"


def test_the_trend_page_shows_the_townships_and_the_records_link(survey, users, client):
    _sheets(survey, "桂花镇", "public", 2, 3)
    client.force_login(users["commander"])
    page = client.get("/indicators/trend/3.6/").content.decode()
    assert 'id="indicator-townships"' in page and "桂花镇" in page
    assert f'href="/community/surveys/results/?year={timezone.localdate().year}"' in page
    assert "基线待录入" in page
