"""Intake: the three ways in, what gets recorded, and the bad input that is refused with nothing saved."""

from datetime import timedelta

import pytest
from django.utils import timezone

from yingji.core.models import OutboxEvent
from yingji.incidents.models import Incident, IntakeReport

from .conftest import GUIHUA, api_json, landslide_data

pytestmark = pytest.mark.django_db
URL = "/api/incidents/incidents/"


def live(**changes):
    now = timezone.now()
    return api_json(landslide_data(occurred_at=now - timedelta(minutes=20), received_at=now - timedelta(minutes=5),
                                   **changes))


def test_phone_call_is_recorded_with_region_found_from_the_point(landslide, users):
    assert landslide.region.parent.name == "桂花镇"  # the village of 桂花镇 nearest the point
    assert landslide.status == "reported" and landslide.source == "phone"
    assert landslide.name.startswith("桂花镇") and "滑坡" in landslide.name
    intake = landslide.intakes.get()
    assert intake.caller_name == "李大爷" and intake.statement.startswith("后山滑坡")
    assert landslide.timeline.filter(kind="intake").exists()
    assert OutboxEvent.objects.filter(kind="incident.reported", aggregate_id=str(landslide.uuid)).exists()


def test_api_intake_for_other_departments(api, users):
    response = api(users["duty"]).post(URL, live(source="api", reporter_org="区自然资源局"), format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["place"].startswith("桂花镇") and body["type_name"] == "自然灾害 / 地质灾害 / 滑坡"
    assert body["grade"] == "grade_4" and body["grade_rule"].startswith("死亡（含失踪）3人以下、重伤10人以下")
    assert {c["slug"] for c in body["clocks"]} == {"nd_initial_report", "nd_daily_report"}


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"occurred_at": "2999-01-01T00:00:00+08:00"}, "occurred_at", "future_time"),
        ({"received_at": "2000-01-01T00:00:00+08:00"}, "received_at", "received_before_occurred"),
        ({"dead": -1}, "dead", "negative_value"),
        ({"lon": 104.06, "lat": 30.67}, "lon", "location_outside_district"),  # 成都
        ({"type_code": "9.9.9"}, "type_code", "unknown_incident_type"),
    ],
    ids=["future", "received-before-occurred", "negative-count", "outside-district", "unknown-type"],
)
def test_bad_intake_is_refused_with_a_clear_error_and_nothing_saved(api, users, changes, field, code):
    before = (Incident.objects.count(), IntakeReport.objects.count())
    response = api(users["duty"]).post(URL, {**live(), **changes}, format="json")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == code and field in error["fields"], error
    assert any("\u4e00" <= ch <= "\u9fff" for ch in error["message"])  # readable Chinese
    assert (Incident.objects.count(), IntakeReport.objects.count()) == before


def test_observer_and_outsiders_cannot_report(api, users):
    assert api(users["observer"]).post(URL, live(), format="json").status_code == 403
    assert api(None).post(URL, live(), format="json").status_code in (401, 403)


def test_township_user_cannot_report_for_another_township(api, users):
    response = api(users["township-longfeng"]).post(URL, live(), format="json")  # the point is in 桂花镇
    assert response.status_code == 403 and response.json()["error"]["code"] == "outside_jurisdiction"


def test_grid_worker_reports_in_own_area_and_follows_it(api, users):
    worker = users["grid-guihua-01"]
    village = worker.region
    response = api(worker).post(URL, live(lon=village.lon, lat=village.lat), format="json")
    assert response.status_code == 201, response.content
    assert api(worker).get(URL + response.json()["uuid"] + "/").status_code == 200


def test_duplicates_are_suggested_and_merging_keeps_every_report(users, landslide, now):
    from yingji.incidents.services import create_incident, duplicates_of, merge

    second = create_incident(actor=users["duty"], now=now, data=landslide_data(
        lon=GUIHUA[0] + 0.004, caller_name="王女士", statement="山上石头滚下来了"))
    assert [i for i, _d in duplicates_of(second)] == [landslide]
    merge(second, into=landslide, actor=users["duty"], now=now)
    second.refresh_from_db()
    assert second.status == "merged" and second.merged_into == landslide
    callers = set(landslide.intakes.values_list("caller_name", flat=True))
    assert callers == {"李大爷", "王女士"}
    assert landslide.timeline.filter(kind="merge").exists()
    assert duplicates_of(landslide) == []


def test_far_away_or_other_type_is_not_a_duplicate(users, landslide, accident):
    from yingji.incidents.services import duplicates_of

    assert duplicates_of(accident) == []
