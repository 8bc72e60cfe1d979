"""Prevention app: bad input names its field, the hazard loop as a table, the enterprise account's reach, the
dashboard and demo facts."""

import datetime as dt

import pytest
from django.utils import timezone

from yingji.prevention.models import Enterprise, Hazard, HazardStep, MajorHazardSource, RiskPoint
from yingji.prevention.registrations import ENTERPRISES, RISK_POINTS

pytestmark = pytest.mark.django_db


def _hazard_in(region, **fields):
    enterprise = Enterprise.objects.filter(region__path__startswith=region.path, place_type="enterprise").first()
    return Hazard.objects.create(name="测试隐患", enterprise=enterprise, region=enterprise.region, **fields)


def _step(api, user, hazard, event, **data):
    return api(user).post(f"/api/prevention/hazards/{hazard.uuid}/transitions/", {"event": event, **data},
                          format="json")


def test_a_wrong_credit_code_is_a_400_on_its_field(api, users):
    data = {**ENTERPRISES.example(users["township-guihua"].region), "credit_code": "91510903MA6200001A"}
    response = api(users["township-guihua"]).post("/api/prevention/enterprises/", data, format="json")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid_credit_code" and "credit_code" in error["fields"]
    assert not Enterprise.objects.filter(code=data["code"]).exists()


def test_an_lec_factor_out_of_range_is_a_400_naming_the_factor(api, users):
    data = {**RISK_POINTS.example(users["township-guihua"].region), "lec_e": 4}
    response = api(users["township-guihua"]).post("/api/prevention/risk-points/", data, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "factor_out_of_range"
    assert "lec_e" in response.json()["error"]["fields"]


def test_a_risk_point_gets_its_value_band_and_colour(api, users):
    data = RISK_POINTS.example(users["township-guihua"].region)
    created = api(users["township-guihua"]).post("/api/prevention/risk-points/", data, format="json").json()
    point = RiskPoint.objects.get(uuid=created["uuid"])
    assert (point.value, point.band, point.colour) == (270, "高度危险", "red")


def test_a_major_hazard_source_is_graded_on_save(api, users):
    source = MajorHazardSource.objects.get(code="WXY-03")  # 液氯 35 t, 120 people nearby: R = 2 × 4 × 7
    assert (source.r_value, source.grade, source.grade_label) == (56, 2, "二级")


def test_the_loop_from_report_to_closing(api, users, regions):
    hazard = _hazard_in(regions["guihua"])
    officer = users["township-guihua"]
    assert _step(api, officer, hazard, "verify").json()["state"] == "verified"
    assert _step(api, officer, hazard, "order").json()["error"]["code"] == "date_required"
    past = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    assert _step(api, officer, hazard, "order", deadline=past).json()["error"]["code"] == "deadline_in_past"
    deadline = (timezone.localdate() + dt.timedelta(days=30)).isoformat()
    assert _step(api, officer, hazard, "order", deadline=deadline).json() == {
        "uuid": str(hazard.uuid), "state": "ordered", "deadline": deadline}
    for event, state in (("start", "rectifying"), ("apply", "acceptance")):
        assert _step(api, officer, hazard, event).json()["state"] == state
    assert _step(api, officer, hazard, "return").json()["error"]["code"] == "reason_required"
    assert _step(api, officer, hazard, "return", reason="整改照片不清楚").json()["state"] == "rectifying"
    for event, state in (("apply", "acceptance"), ("recheck", "rechecked"), ("close", "closed")):
        assert _step(api, officer, hazard, event).json()["state"] == state
    hazard.refresh_from_db()
    assert hazard.closed_on == timezone.localdate()
    assert [s.event for s in HazardStep.objects.filter(hazard=hazard)] == [
        "verify", "order", "start", "apply", "return", "apply", "recheck", "close"]


def test_a_major_hazard_needs_the_five_implementations_before_the_order(api, users, regions):
    hazard = _hazard_in(regions["guihua"], grade="major", state="verified")
    deadline = (timezone.localdate() + dt.timedelta(days=60)).isoformat()
    response = _step(api, users["township-guihua"], hazard, "order", deadline=deadline, plan_responsible="张三")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "five_implementations_required" and "plan_measures" in error["fields"]
    hazard.refresh_from_db()
    assert hazard.state == "verified" and hazard.plan_responsible == ""  # nothing half-saved
    plan = {"plan_responsible": "张三", "plan_measures": "停产整改", "plan_funds": "12.5", "plan_deadline": deadline,
            "plan_contingency": "专项预案"}
    assert _step(api, users["township-guihua"], hazard, "order", deadline=deadline, **plan).json()["state"] == "ordered"
    hazard.refresh_from_db()
    assert hazard.plan_funds == 12.5 and hazard.plan_contingency == "专项预案"


def test_a_step_out_of_order_or_unknown_is_refused(api, users, regions):
    hazard = _hazard_in(regions["guihua"])
    assert _step(api, users["township-guihua"], hazard, "close").json()["error"]["code"] == "invalid_transition"
    assert _step(api, users["township-guihua"], hazard, "fly").json()["error"]["code"] == "unknown_event"


def test_another_township_gets_404(api, users, regions):
    hazard = _hazard_in(regions["guihua"])
    assert _step(api, users["township-longfeng"], hazard, "verify").status_code == 404


def test_an_enterprise_account_sees_only_its_enterprise(api, users):
    client = api(users["enterprise"])
    own = Enterprise.objects.get(code="QY-HX-01")
    listed = client.get("/api/prevention/enterprises/").json()
    assert [row["code"] for row in listed["results"]] == [own.code]
    other = Hazard.objects.exclude(enterprise=own).first()
    assert client.get(f"/api/prevention/hazards/{other.uuid}/").status_code == 404
    assert _step(api, users["enterprise"], other, "start").status_code == 404
    risks = client.get("/api/prevention/risk-points/").json()
    assert risks["count"] == RiskPoint.objects.filter(enterprise=own).count() > 0


def test_the_enterprise_rectifies_but_does_not_verify(api, users):
    own = Enterprise.objects.get(code="QY-HX-01")
    hazard = Hazard.objects.create(name="储罐区防火堤破损", enterprise=own, region=own.region, state="ordered",
                                   deadline=timezone.localdate() + dt.timedelta(days=10))
    assert _step(api, users["enterprise"], hazard, "start").json()["state"] == "rectifying"
    assert _step(api, users["enterprise"], hazard, "apply").json()["state"] == "acceptance"
    assert _step(api, users["enterprise"], hazard, "recheck").status_code == 403


def test_demo_facts(users):
    from yingji.prevention.choices import CHEMICALS

    assert Enterprise.objects.filter(category__in=CHEMICALS).count() == 14
    assert Enterprise.objects.count() >= 160
    assert RiskPoint.objects.count() == 600
    assert set(RiskPoint.objects.values_list("colour", flat=True)) == {"red", "orange", "yellow", "blue"}
    supervised = Hazard.objects.exclude(supervision="none")
    assert supervised.count() == 64 and supervised.filter(grade="major").count() == 64
    assert supervised.filter(state="closed").count() > 50
    assert {h.found_on.year for h in supervised.filter(state="closed")} >= {2021, 2022, 2023, 2024, 2025}
    assert set(Hazard.objects.values_list("state", flat=True)) == {
        "reported", "returned", "verified", "ordered", "rectifying", "acceptance", "rechecked", "closed"}


def test_dashboard_page_and_api(client, api, users):
    from yingji.prevention.dashboard import figures

    data = figures(users["commander"])
    assert data["overdue_hazards"] > 0 and data["without_certificate"] > 0
    assert 0 < data["standardisation"]["percent"] < 100
    assert api(users["township-guihua"]).get("/api/prevention/dashboard/").json()["open_hazards"] < data["open_hazards"]
    client.force_login(users["commander"])
    page = client.get("/prevention/")
    assert page.status_code == 200 and "双重预防看板" in page.content.decode()


def test_a_control_level_of_the_wrong_kind_is_a_400_on_its_field(api, users):
    """公司/车间/班组/岗位 for an enterprise's risk point, 区/乡镇/村 for an area's (issue 16)."""
    officer = users["township-guihua"]
    data = RISK_POINTS.example(officer.region)
    assert data["enterprise"]  # the example names an enterprise of the township
    response = api(officer).post("/api/prevention/risk-points/", {**data, "control_level": "village"}, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "control_level_mismatch"
    assert "control_level" in response.json()["error"]["fields"]
    area = {**data, "enterprise": None, "code": "FXD-AREA-1", "control_level": "workshop"}
    response = api(officer).post("/api/prevention/risk-points/", area, format="json")
    assert response.status_code == 400 and response.json()["error"]["code"] == "control_level_mismatch"
    assert not RiskPoint.objects.filter(code__in=(data["code"], "FXD-AREA-1")).exists()
    created = api(officer).post("/api/prevention/risk-points/", {**area, "control_level": "village"}, format="json")
    assert created.status_code == 201, created.json()
