"""The real 船山区 outline and location validation."""

import math

import pytest

from yingji.geo.chuanshan import (
    CENTRE,
    DISTRICT_CODE,
    district_feature,
    district_outline,
    in_district,
    validate_location,
)
from yingji.geo.coords import out_of_china
from yingji.geo.errors import GeoError
from yingji.geo.measure import area_km2, bbox_of, centroid_of, validate_polygon

BEIJING = (116.397, 39.909)
CHENGDU = (104.066, 30.572)
URUMQI = (87.617, 43.826)  # 新疆: in China, far from the district


def test_outline_is_a_valid_multipolygon_and_cached():
    outline = district_outline()
    assert outline["type"] == "MultiPolygon"
    assert validate_polygon(outline).is_valid
    assert district_outline() is outline


def test_outline_area_close_to_official_616_km2():
    assert area_km2(district_outline()) == pytest.approx(616, rel=0.15)


def test_outline_centroid_and_box():
    lon, lat = centroid_of(district_outline())
    assert abs(lon - 105.58) < 0.05 and abs(lat - 30.50) < 0.05
    min_lon, min_lat, max_lon, max_lat = bbox_of(district_outline())
    assert 105.3 < min_lon < max_lon < 105.9 and 30.2 < min_lat < max_lat < 30.8


def test_feature_is_a_labelled_copy():
    feature = district_feature()
    assert feature["id"] == DISTRICT_CODE == "510903"
    assert feature["properties"]["name"] == "船山区"
    feature["properties"]["name"] = "changed"
    assert district_feature()["properties"]["name"] == "船山区"


def test_inside_and_outside():
    assert in_district(*CENTRE)
    assert not in_district(*BEIJING)
    assert not in_district(*CHENGDU)
    assert not in_district(*URUMQI)
    assert not in_district(math.nan, 30.5)
    assert not in_district("east", 30.5)


def test_validate_location_accepts_district_points_and_numeric_strings():
    assert validate_location(*CENTRE) == CENTRE
    assert validate_location(" 105.58", "30.5") == (105.58, 30.5)
    assert validate_location(*CHENGDU, require_in_district=False) == CHENGDU


def test_xinjiang_is_in_china_but_outside_the_district():
    assert not out_of_china(*URUMQI)
    assert validate_location(*URUMQI, require_in_district=False) == URUMQI
    with pytest.raises(GeoError) as info:
        validate_location(*URUMQI)
    assert (info.value.code, info.value.message, info.value.field) == (
        "location_outside_district",
        "坐标不在船山区范围内",
        "location",
    )


def test_null_island_is_outside_china():
    with pytest.raises(GeoError) as info:
        validate_location(0, 0, require_in_district=False, field="position")
    assert (info.value.code, info.value.message, info.value.field) == (
        "location_outside_china",
        "坐标不在中国境内",
        "position",
    )


@pytest.mark.parametrize(
    ("lon", "lat", "field"),
    [
        (math.nan, 30.5, "lon"),
        (105.5, math.nan, "lat"),
        (math.inf, 30.5, "lon"),
        (200, 30.5, "lon"),
        (105.5, -91, "lat"),
        (None, 30.5, "lon"),
        (True, 30.5, "lon"),
        ("abc", 30.5, "lon"),
        (105.5, [1], "lat"),
    ],
)
def test_invalid_coordinates(lon, lat, field):
    with pytest.raises(GeoError) as info:
        validate_location(lon, lat)
    assert info.value.code == "invalid_coordinate"
    assert info.value.field == field
    assert isinstance(info.value, ValueError)
