"""One-map layers of the resources: declared in the layer registry, bbox-limited, filtered, searchable."""

import pytest

from yingji.core.extensions import MAP_LAYERS
from yingji.demo.townships import township
from yingji.resources.models import RescueTeam, Shelter

pytestmark = pytest.mark.django_db
BASE = "/api/onemap/layers/"


def _features(api, user, slug, **params):
    response = api(user).get(f"{BASE}{slug}/", params)
    assert response.status_code == 200, response.content
    return response.json()["features"]


def test_the_layer_tree_offers_every_kind_of_resource(api, users):
    slugs = {layer["slug"] for layer in api(users["observer"]).get(BASE).json()}
    assert {"regions", "resources-depots", "resources-shelters", "resources-equipment",
            "resources-expert-organizations", "resources-teams-village", "resources-teams-social",
            "resources-facilities-fire_station", "resources-facilities-hospital",
            "resources-facilities-helipad"} <= slugs
    grid_worker = {layer["slug"] for layer in api(users["grid-guihua-01"]).get(BASE).json()}
    assert not any(slug.startswith("resources-") for slug in grid_worker)  # no role to see resources


def test_depot_popup_carries_the_stock_summary(api, users):
    depots = _features(api, users["duty"], "resources-depots")
    district = next(f for f in depots if f["properties"]["name"] == "船山区应急救灾物资储备库")
    assert "区级储备库" in district["properties"]["lines"]
    assert any(line.startswith("编织袋 ") for line in district["properties"]["lines"])
    assert district["properties"]["url"].startswith("/r/resources/depots/")


def test_bbox_township_and_search_limit_what_is_sent(api, users):
    every = _features(api, users["duty"], "resources-teams-village")
    assert len(every) == RescueTeam.objects.filter(team_type="village").count() == 117
    west = _features(api, users["duty"], "resources-teams-village", bbox="105.40,30.30,105.55,30.70")
    assert 0 < len(west) < 117 and all(f["geometry"]["coordinates"][0] <= 105.55 for f in west)
    guihua = _features(api, users["duty"], "resources-teams-village", township=township("桂花镇").code)
    assert len(guihua) == 7
    found = _features(api, users["duty"], "resources-teams-social", q="观音湖")
    assert [f["properties"]["name"] for f in found] == ["船山区观音湖水上救援队"]
    bad = api(users["duty"]).get(f"{BASE}resources-depots/", {"bbox": "1,2,3"})
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "invalid_bbox"


def test_shelters_are_coloured_by_free_capacity(api, users):
    shelters = _features(api, users["duty"], "resources-shelters")
    assert len(shelters) == Shelter.objects.count()
    colours = {f["properties"]["color"] for f in shelters}
    assert len(colours) >= 2  # mostly free, a few filling up
    legend = MAP_LAYERS.get("resources-shelters").legend
    assert colours <= {colour for colour, _label in legend}


def test_a_township_officer_sees_only_the_township_on_the_map(api, users):
    depots = _features(api, users["township-guihua"], "resources-depots")
    assert depots and all("桂花" in f["properties"]["name"] or "中心村" in f["properties"]["name"] for f in depots)


def test_onemap_page_lists_the_layers_with_a_legend(client, users):
    client.force_login(users["commander"])
    page = client.get("/onemap/").content.decode()
    assert "储备库点（含库存）" in page and "应急避难场所（按空余容量着色）" in page and "空余 ≥ 50%" in page
    assert 'id="onemap-township"' in page and 'id="onemap-search"' in page
