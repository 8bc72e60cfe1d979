"""Domain rules of the registries, through the API a user or a program would call."""

import pytest

from yingji.resources.models import Shelter

pytestmark = pytest.mark.django_db
CENTRE = {"lon": 105.5927, "lat": 30.5139}


def _shelter(api, user, **changes):
    data = {"code": "SH-T1", "name": "测试广场", "shelter_class": "class_3", "site_type": "square",
            "effective_area_m2": "1500", "region": "510903000000", **CENTRE, **changes}
    return api(user).post("/api/resources/shelters/", data, format="json")


def test_shelter_capacity_is_derived_from_area_at_1_5_m2_per_person(api, users):
    response = _shelter(api, users["duty"])
    assert response.status_code == 201 and response.json()["capacity"] == 1000


def test_a_shelter_whose_capacity_does_not_fit_its_area_is_refused(api, users):
    response = _shelter(api, users["duty"], capacity=1001)
    error = response.json()["error"]
    assert response.status_code == 400 and error["code"] == "capacity_exceeds_area"
    assert "1001" in error["message"] and "1000" in error["message"] and "capacity" in error["fields"]
    assert not Shelter.objects.filter(code="SH-T1").exists()


@pytest.mark.parametrize(("changes", "code", "field"), [
    ({"effective_area_m2": "-10"}, "invalid", "effective_area_m2"),
    ({"occupancy": 2000}, "occupancy_exceeds_capacity", "occupancy"),
    ({"facilities": "供水、游泳池"}, "unknown_tag", "facilities"),
    ({"lon": 104.06, "lat": 30.67}, "location_outside_district", "location"),
    ({"lon": None, "lat": None}, "location_required", "lon"),
])
def test_bad_shelters(api, users, changes, code, field):
    response = _shelter(api, users["duty"], **changes)
    assert response.status_code == 400
    error = response.json()["error"]
    assert field in error["fields"], error
    if code != "invalid":
        assert error["code"] == code


def test_material_codes_follow_gb_t_38565(api, users):
    client = api(users["duty"])
    base = {"name": "测试物资", "use": "rescue", "unit": "个", "region": "510903000000"}
    good = client.post("/api/resources/materials/", {**base, "code": "M-T1", "gb_code": "2079901"}, format="json")
    assert good.status_code == 201
    for bad in ("20799", "4010101", "2000101", "ABCDEFG"):
        response = client.post("/api/resources/materials/", {**base, "code": f"M-{bad}", "gb_code": bad},
                               format="json")
        assert response.status_code == 400 and response.json()["error"]["code"] in {"invalid_material_code",
                                                                                    "max_length"}, bad


def test_team_specialities_and_equipment_rules(api, users):
    client = api(users["duty"])
    team = {"code": "TEAM-T1", "name": "测试队", "team_type": "professional", "headcount": 10,
            "region": "510903000000", **CENTRE}
    bad = client.post("/api/resources/teams/", {**team, "specialities": "水域、飞天"}, format="json")
    assert bad.json()["error"]["code"] == "unknown_tag" and "飞天" in bad.json()["error"]["message"]
    assert client.post("/api/resources/teams/", {**team, "specialities": "水域,危化"}, format="json").json()[
        "specialities"] == "水域、危化"
    gear = {"code": "EQ-T1", "name": "测试舟", "kind": "boat", "quantity": 1, "unit": "艘", "team": "TEAM-T1",
            "region": "510903000000"}
    created = client.post("/api/resources/equipment/", gear, format="json").json()
    assert (created["lon"], created["lat"]) == (CENTRE["lon"], CENTRE["lat"])  # where its team is
    dates = client.post("/api/resources/equipment/", {**gear, "code": "EQ-T2", "last_maintained": "2025-05-01",
                                                      "next_maintenance": "2025-01-01"}, format="json")
    assert dates.json()["error"]["code"] == "maintenance_dates"
    both = client.post("/api/resources/equipment/", {**gear, "code": "EQ-T3", "depot": "DEP-D01"}, format="json")
    assert both.json()["error"]["code"] == "two_owners"


def test_contacts_are_masked_for_roles_without_phone_access(api, users):
    expert = api(users["inspector"]).get("/api/resources/experts/", {"search": "罗文涛"}).json()["results"][0]
    assert "****" in expert["mobile"]
    full = api(users["duty"]).get("/api/resources/experts/", {"search": "罗文涛"}).json()["results"][0]
    assert "****" not in full["mobile"] and len(full["mobile"]) == 11


def test_agreement_depots_need_a_supplier(api, users):
    response = api(users["duty"]).post("/api/resources/depots/", {
        "code": "DEP-T1", "name": "协议点", "level": "agreement", "region": "510903000000", **CENTRE}, format="json")
    assert response.json()["error"]["code"] == "supplier_required"
