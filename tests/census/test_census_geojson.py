"""GeoJSON import of danger zones and hazard points: all or nothing with the feature number and reason of each
error; GCJ-02 coordinates are converted to WGS84."""

import json

import pytest

from yingji.census.models import DangerZone, HazardPoint
from yingji.census.registrations import example_square
from yingji.demo.townships import township
from yingji.geo.coords import wgs84_to_gcj02

pytestmark = pytest.mark.django_db
BOWTIE = {"type": "Polygon", "coordinates": [[[105.58, 30.50], [105.59, 30.51], [105.59, 30.50], [105.58, 30.51],
                                              [105.58, 30.50]]]}


def _zone(name, geometry):
    return {"type": "Feature", "geometry": geometry, "properties": {
        "name": name, "zone_type": "flood", "return_period_years": 50, "river": "涪江",
        "region": township("桂花镇").code}}


def _post(client, path, features, **params):
    query = "?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else ""
    return client.post(f"/api/census/{path}/import-geojson/{query}",
                       json.dumps({"type": "FeatureCollection", "features": features}),
                       content_type="application/geo+json")


def test_one_bad_polygon_refuses_the_whole_file_naming_the_feature(api, users):
    good = _zone("导入淹没区甲", json.loads(example_square()))
    response = _post(api(users["commander"]), "danger-zones", [good, _zone("导入淹没区乙", BOWTIE)])
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "import_failed"
    assert [(r["row"], r["column"]) for r in error["fields"]["rows"]] == [(2, "polygon")]
    assert "自相交" in error["fields"]["rows"][0]["message"]
    assert not DangerZone.objects.filter(name__startswith="导入淹没区").exists()
    assert _post(api(users["commander"]), "danger-zones", [good]).json() == {"created": 1, "total": 1}


def test_hazard_points_in_gcj02_are_stored_in_wgs84(api, users):
    lon, lat = 105.60, 30.43
    shifted = wgs84_to_gcj02(lon, lat)
    feature = {"type": "Feature", "geometry": {"type": "Point", "coordinates": list(shifted)}, "properties": {
        "name": "导入滑坡点", "hazard_type": "landslide", "scale": "small", "monitor_name": "张三",
        "region": township("桂花镇").code}}
    response = _post(api(users["commander"]), "hazard-points", [feature], crs="gcj02")
    assert response.status_code == 201, response.content.decode()
    point = HazardPoint.objects.get(name="导入滑坡点")
    assert abs(point.lon - lon) < 1e-5 and abs(point.lat - lat) < 1e-5


def test_a_reader_may_not_import_and_a_bad_file_is_refused(api, users):
    assert _post(api(users["observer"]), "danger-zones", [_zone("x", BOWTIE)]).status_code == 403
    response = api(users["commander"]).post("/api/census/danger-zones/import-geojson/", "not json",
                                            content_type="application/geo+json")
    assert response.status_code == 400 and response.json()["error"]["code"] == "geojson_invalid"
