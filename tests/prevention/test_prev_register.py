"""The register's rules a user meets on the form or the API: a key place (not an enterprise) may leave the credit code
empty and an enterprise may not; control measures are lines of four parts with a known kind."""

import pytest

from yingji.prevention.models import Enterprise, RiskPoint
from yingji.prevention.registrations import ENTERPRISES, RISK_POINTS

pytestmark = pytest.mark.django_db


def _post(api, user, path, data):
    return api(user).post(f"/api/prevention/{path}/", data, format="json")


def test_a_place_needs_no_credit_code_and_an_enterprise_does(api, users):
    officer = users["township-guihua"]
    school = {**ENTERPRISES.example(officer.region), "code": "QY-T-SCHOOL", "name": "测试小学", "credit_code": "",
              "place_type": "school", "category": "crowded"}
    created = _post(api, officer, "enterprises", school)
    assert created.status_code == 201, created.content
    assert Enterprise.objects.get(code="QY-T-SCHOOL").get_place_type_display() == "学校"
    unit = {**school, "code": "QY-T-UNIT", "name": "测试有限公司", "place_type": "enterprise", "category": "machinery"}
    response = _post(api, officer, "enterprises", unit)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "credit_code_required" and list(error["fields"]) == ["credit_code"]
    assert "统一社会信用代码" in error["fields"]["credit_code"][0]
    assert not Enterprise.objects.filter(code="QY-T-UNIT").exists()


def test_a_control_measure_not_in_its_four_parts_is_a_400_on_the_field(api, users):
    region = users["township-guihua"].region
    cases = (("管理｜定期巡检｜张三", "invalid_measure"), ("巡查｜定期巡检｜张三｜每日", "invalid_measure_kind"))
    for text, code in cases:
        data = {**RISK_POINTS.example(region), "control_measures": text}
        response = _post(api, users["township-guihua"], "risk-points", data)
        assert response.status_code == 400
        error = response.json()["error"]
        assert error["code"] == code and list(error["fields"]) == ["control_measures"] and "第1行" in str(error)
        assert not RiskPoint.objects.filter(code=data["code"]).exists()
