"""The census registers refuse what cannot be right, naming the field: a self-intersecting or out-of-district
danger zone, a flood zone without its return period, a hazard point outside 船山区, a household without a zone
or with more elderly than members. Phones are masked for those without the contact permission."""

import json

import pytest

from yingji.census.models import DangerZone, Household
from yingji.census.registrations import example_square
from yingji.demo.townships import township

pytestmark = pytest.mark.django_db
BOWTIE = {"type": "Polygon", "coordinates": [[[105.58, 30.50], [105.59, 30.51], [105.59, 30.50], [105.58, 30.51],
                                              [105.58, 30.50]]]}


def _zone(**changes):
    return {"name": "测试洪水淹没区", "zone_type": "flood", "return_period_years": 20, "river": "涪江",
            "polygon": example_square(), "region": township("桂花镇").code, **changes}


def _refused(response, code, field):
    assert response.status_code == 400, response.content.decode()
    error = response.json()["error"]
    assert error["code"] == code and field in error["fields"], error
    return error


def test_a_valid_polygon_is_stored_with_its_geometry_and_a_map_point(api, users):
    response = api(users["commander"]).post("/api/census/danger-zones/", _zone(), format="json")
    assert response.status_code == 201, response.content.decode()
    zone = DangerZone.objects.get(uuid=response.json()["uuid"])
    assert zone.geometry["type"] == "Polygon" and zone.lon is not None and zone.lat is not None


def test_a_self_intersecting_polygon_is_refused_with_the_reason(api, users):
    error = _refused(api(users["commander"]).post("/api/census/danger-zones/", _zone(polygon=json.dumps(BOWTIE)),
                                                  format="json"), "polygon_self_intersecting", "polygon")
    assert "自相交" in error["message"]
    assert not DangerZone.objects.filter(name="测试洪水淹没区").exists()


def test_a_polygon_outside_the_district_is_refused_with_where(api, users):
    outside = example_square(lon=104.06, lat=30.66)  # 成都
    error = _refused(api(users["commander"]).post("/api/census/danger-zones/", _zone(polygon=outside),
                                                  format="json"), "polygon_outside_district", "polygon")
    assert "超出船山区范围" in error["message"]


def test_polygon_text_that_is_not_geojson_and_a_flood_zone_without_return_period(api, users):
    client = api(users["commander"])
    _refused(client.post("/api/census/danger-zones/", _zone(polygon="not json"), format="json"),
             "polygon_not_json", "polygon")
    _refused(client.post("/api/census/danger-zones/", _zone(polygon='{"type": "Point", "coordinates": [1, 2]}'),
                         format="json"), "polygon_type", "polygon")
    _refused(client.post("/api/census/danger-zones/", _zone(return_period_years=None), format="json"),
             "return_period_required", "return_period_years")


def test_a_hazard_point_outside_the_district_is_refused(api, users):
    data = {"name": "测试滑坡", "hazard_type": "landslide", "scale": "small", "monitor_name": "张三",
            "region": township("桂花镇").code, "lon": 104.06, "lat": 30.66}
    response = api(users["commander"]).post("/api/census/hazard-points/", data, format="json")
    assert response.status_code == 400 and response.json()["error"]["fields"] == {"location": ["坐标不在船山区范围内"]}


def test_a_household_needs_a_zone_and_sensible_counts(api, users):
    zone = DangerZone.objects.filter(region__code=township("桂花镇").code).first()
    base = {"name": "测试户", "region": township("桂花镇").code, "members": 2}
    client = api(users["commander"])
    _refused(client.post("/api/census/households/", base, format="json"), "zone_required", "danger_zone")
    _refused(client.post("/api/census/households/", {**base, "danger_zone": zone.code, "elderly": 3},
                         format="json"), "count_too_large", "elderly")


def test_household_phones_are_masked_without_the_contact_permission(api, users):
    household = Household.objects.filter(region__path__contains=f"/{township('桂花镇').code}/").first()
    shown = api(users["commander"]).get(f"/api/census/households/{household.uuid}/").json()
    masked = api(users["observer"]).get(f"/api/census/households/{household.uuid}/").json()
    assert shown["phone"] == household.phone and masked["phone"] != household.phone
    assert masked["phone"][-4:] == household.phone[-4:]


def test_a_forest_fire_risk_area_is_registered_mapped_and_left_out_of_the_scores(api, users):
    from yingji.census.models import RiskAssessment
    from yingji.core.extensions import MAP_LAYERS

    client = api(users["commander"])
    response = client.post("/api/census/danger-zones/", _zone(name="测试森林火险区", zone_type="forest_fire",
                                                              return_period_years=None, river=""), format="json")
    assert response.status_code == 201, response.content.decode()
    layer = MAP_LAYERS.get("census-danger-zones")
    drawn = [f for f in layer.features(users["commander"], None, {}) if f["properties"]["name"] == "测试森林火险区"]
    assert drawn and drawn[0]["properties"]["lines"][0] == "森林火险区"
    assessed = client.post("/api/census/risk-assessments/", {"name": "含森林火险区的评估", "region": "510903000000"},
                           format="json")
    assert assessed.status_code == 201, assessed.content.decode()
    results = RiskAssessment.objects.get(uuid=assessed.json()["uuid"]).results
    assert len(results) == 24 and all("forest_fire" not in row["hazards"] for row in results)
