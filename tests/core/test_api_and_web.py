"""API conventions (errors, schema, docs) and the web shell (overview, navigation, language, map layers)."""

import pytest

pytestmark = pytest.mark.django_db


def test_errors_are_json_with_code_message_fields(api, users):
    client = api(users["commander"])
    not_found = client.get("/api/core/organizations/00000000-0000-0000-0000-000000000000/")
    assert not_found.status_code == 404
    assert not_found.json()["error"]["code"] == "not_found"
    anonymous = api().get("/api/core/regions/")
    assert anonymous.status_code == 401 and anonymous.json()["error"]["code"] == "not_authenticated"
    unknown_route = client.get("/api/no-such-thing/")
    assert unknown_route.status_code == 404 and unknown_route.json()["error"]["code"] == "not_found"


def test_over_long_and_wrong_typed_fields(api, users):
    response = api(users["commander"]).post(
        "/api/core/organizations/",
        {"name": "x", "kind": "not-a-kind", "region": "510903000000", "lon": "东经"},
        format="json",
    )
    assert response.status_code == 400
    fields = response.json()["error"]["fields"]
    assert "kind" in fields and "lon" in fields


def test_openapi_schema_and_docs_are_served_offline(client, users):
    client.force_login(users["duty"])
    schema = client.get("/api/schema/")
    assert schema.status_code == 200 and b"/api/core/regions/" in schema.content
    docs = client.get("/api/docs/").content.decode()
    assert "swagger-ui" in docs and "cdn" not in docs.lower()


def test_overview_shows_the_district(client, users):
    client.force_login(users["duty"])
    page = client.get("/").content.decode()
    assert "区域总览" in page and "桂花镇" in page and "演示模式" in page
    assert 'id="figure-townships">24<' in page
    assert "832,863" in page  # the census population, grouped the Chinese statistical way


def test_navigation_shows_only_what_the_role_may_open(client, users):
    client.force_login(users["auditor"])
    page = client.get("/core/audit/").content.decode()
    assert "审计日志" in page and "/r/core/organizations/" not in page
    client.force_login(users["duty"])
    page = client.get("/").content.decode()
    assert "/r/core/organizations/" in page and "/core/audit/" not in page


def test_language_switch_to_english(client, users):
    client.force_login(users["duty"])
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    page = client.get("/").content.decode()
    assert "District overview" in page and 'lang="en"' in page


def test_region_pages(client, users, regions):
    client.force_login(users["duty"])
    assert "桂花镇" in client.get("/core/regions/").content.decode()
    page = client.get(f"/core/regions/{regions['guihua'].uuid}/").content.decode()
    assert "桂花镇" in page and regions["guihua"].children.first().name in page


def test_region_layer_is_geojson_with_24_townships(api, users):
    collection = api(users["duty"]).get("/api/onemap/layers/regions/").json()
    assert collection["type"] == "FeatureCollection" and len(collection["features"]) == 24
    assert {f["geometry"]["type"] for f in collection["features"]} <= {"Polygon", "MultiPolygon"}


def test_layer_bbox_limits_features_and_bad_bbox_is_a_clear_error(api, users):
    client = api(users["duty"])
    small = client.get("/api/onemap/layers/regions/", {"bbox": "105.40,30.30,105.45,30.35"}).json()
    assert len(small["features"]) < 24
    bad = client.get("/api/onemap/layers/regions/", {"bbox": "1,2,3"})
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "invalid_bbox"
    unknown = client.get("/api/onemap/layers/nope/")
    assert unknown.status_code == 400 and unknown.json()["error"]["code"] == "unknown_layer"


def test_healthz(client):
    assert client.get("/healthz").json() == {"status": "ok"}


def test_committee_page_lists_member_units_and_posts(client, users):
    from yingji.core.models import Committee

    flood = Committee.objects.get(name__contains="防汛抗旱")
    client.force_login(users["commander"])
    page = client.get(f"/r/core/committees/{flood.uuid}/").content.decode()
    assert ("成员与职务" in page and "指挥长/主任" in page and "区水利局" not in page) or "遂宁市船山区水利局" in page


def test_record_with_a_location_shows_it_on_a_map(client, users):
    from yingji.core.models import Organization

    township_government = Organization.objects.filter(kind="township").first()
    client.force_login(users["commander"])
    page = client.get(f"/r/core/organizations/{township_government.uuid}/").content.decode()
    assert 'id="record-map"' in page and f'data-lon="{township_government.lon:f}"' in page
