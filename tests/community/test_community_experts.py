"""The training expert pool (培训专家库): found by specialty (free text) and township (region subtree) and by field,
in the API and the Excel export; phones masked for roles that may not read them; a record without a specialty is a
400 naming `specialties`."""

import io

import pytest
from openpyxl import load_workbook

from yingji.community.models import TrainingExpert

pytestmark = pytest.mark.django_db

URL = "/api/community/training-experts/"


def test_search_by_specialty_and_by_township_and_field(users, api):
    boss = api(users["commander"])
    found = boss.get(URL, {"search": "管涌"}).json()
    assert [e["code"] for e in found["results"]] == ["PXZJ-01"]
    township = TrainingExpert.objects.get(code="PXZJ-08").region
    local = boss.get(URL, {"region": township.code, "field": "chemicals"}).json()
    assert [e["code"] for e in local["results"]] == ["PXZJ-08"] and local["results"][0]["region_name"] == township.name
    assert boss.get(URL, {"region": township.code, "field": "flood"}).json()["count"] == 0


def test_the_excel_export_follows_the_search(users, client):
    client.force_login(users["commander"])
    response = client.get("/r/community/training-experts/export.xlsx", {"q": "心肺复苏"})
    rows = list(load_workbook(io.BytesIO(response.content)).active.values)
    assert "专长" in rows[0] and [row[rows[0].index("编码")] for row in rows[1:]] == ["PXZJ-10"]


def test_phones_are_masked_for_a_role_that_may_not_read_them(users, api):
    shown = api(users["commander"]).get(URL, {"search": "PXZJ-01"}).json()["results"][0]["phone"]
    masked = api(users["inspector"]).get(URL, {"search": "PXZJ-01"}).json()["results"][0]["phone"]
    assert shown == "13900000001" and masked != shown and "*" in masked


def test_an_expert_without_a_specialty_is_refused_by_field(users, api, regions):
    body = {"code": "PXZJ-NEW", "name": "新专家", "field": "fire", "specialties": " 、 ", "organization": "某单位",
            "region": regions["district"].code}
    response = api(users["commander"]).post(URL, body, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "specialties_required"
    assert "specialties" in response.json()["error"]["fields"]
