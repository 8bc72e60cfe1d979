"""Distances, containment, boxes, centroids, areas and polygon validation."""

import math

import pytest

from yingji.geo.errors import GeoError
from yingji.geo.measure import (
    area_km2,
    bbox_of,
    centroid_of,
    geodesic_m,
    haversine_m,
    point_in_polygon,
    prepared_shape,
    to_geojson,
    validate_polygon,
)

SQUARE = {"type": "Polygon", "coordinates": [[[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]]]}
WITH_HOLE = {
    "type": "Polygon",
    "coordinates": [[[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]], [[1, 1], [1, 3], [3, 3], [3, 1], [1, 1]]],
}
BOW_TIE = {"type": "Polygon", "coordinates": [[[0, 0], [2, 2], [2, 0], [0, 2], [0, 0]]]}


def test_haversine_one_degree_of_latitude():
    assert haversine_m(105.0, 30.0, 105.0, 31.0) == pytest.approx(math.pi / 180 * 6_371_008.8)
    assert haversine_m(105.58, 30.5, 105.58, 30.5) == 0.0


def test_haversine_beijing_shanghai_close_to_geodesic():
    sphere = haversine_m(116.397, 39.909, 121.473, 31.230)
    ellipsoid = geodesic_m(116.397, 39.909, 121.473, 31.230)
    assert ellipsoid == pytest.approx(1_066_739, abs=5)
    assert sphere == pytest.approx(ellipsoid, rel=5e-3)


def test_point_in_polygon_inside_outside_boundary_and_hole():
    assert point_in_polygon(2, 2, SQUARE)
    assert point_in_polygon(0, 2, SQUARE)  # boundary counts as inside
    assert not point_in_polygon(5, 2, SQUARE)
    assert not point_in_polygon(2, 2, WITH_HOLE)
    assert point_in_polygon(0.5, 0.5, WITH_HOLE)


def test_point_in_polygon_caches_prepared_geometry_per_object():
    geometry = {"type": "MultiPolygon", "coordinates": [SQUARE["coordinates"]]}
    assert prepared_shape(geometry) is prepared_shape(geometry)
    copy = {"type": "MultiPolygon", "coordinates": [SQUARE["coordinates"]]}
    assert prepared_shape(copy) is not prepared_shape(geometry)
    assert point_in_polygon(1, 1, prepared_shape(geometry))


def test_bbox_of_geometry_feature_and_collection():
    assert bbox_of(SQUARE) == (0, 0, 4, 4)
    feature = {"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [9, -1]}}
    collection = {"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": SQUARE}, feature]}
    assert bbox_of(feature) == (9, -1, 9, -1)
    assert bbox_of(collection) == (0, -1, 9, 4)
    with pytest.raises(GeoError) as info:
        bbox_of({"type": "FeatureCollection", "features": []})
    assert info.value.code == "empty_geometry"


def test_centroid_of():
    assert centroid_of(SQUARE) == pytest.approx((2, 2))
    assert centroid_of({"type": "Feature", "geometry": WITH_HOLE}) == pytest.approx((2, 2))


def test_area_km2_uses_the_wgs84_ellipsoid():
    one_degree = {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]}
    assert area_km2(one_degree) == pytest.approx(12_308.78, rel=1e-4)
    clockwise = {"type": "Polygon", "coordinates": [[[0, 0], [0, 1], [1, 1], [1, 0], [0, 0]]]}
    assert area_km2(clockwise) == pytest.approx(area_km2(one_degree))
    assert area_km2(WITH_HOLE) == pytest.approx(area_km2(SQUARE) * 12 / 16, rel=2e-3)
    assert area_km2({"type": "Point", "coordinates": [1, 1]}) == 0


def test_validate_polygon_accepts_valid_shapes():
    assert validate_polygon(SQUARE).area == 16
    assert validate_polygon({"type": "Feature", "geometry": WITH_HOLE}).area == 12


@pytest.mark.parametrize(
    ("geojson", "code"),
    [
        (BOW_TIE, "self_intersecting_polygon"),
        ({"type": "Point", "coordinates": [1, 1]}, "invalid_geometry"),
        ({"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [0, 0]]]}, "invalid_geometry"),
        ({"type": "Polygon", "coordinates": [[[0, 0], [500, 0], [1, 1], [0, 0]]]}, "invalid_coordinate"),
        ({"type": "Polygon", "coordinates": [[[0, 0], [1, "x"], [1, 1], [0, 0]]]}, "invalid_geometry"),
        ({"type": "Polygon", "coordinates": []}, "empty_geometry"),
        ("POLYGON((0 0, 1 0, 1 1, 0 0))", "invalid_geometry"),
        (
            {
                "type": "Polygon",
                "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]], [[5, 5], [6, 5], [6, 6], [5, 5]]],
            },
            "invalid_polygon",
        ),
    ],
)
def test_validate_polygon_rejects(geojson, code):
    with pytest.raises(GeoError) as info:
        validate_polygon(geojson, field="area")
    assert info.value.code == code
    assert info.value.field == "area"
    assert info.value.message  # readable Chinese


def test_to_geojson_rounds_and_uses_lists():
    shape = validate_polygon({"type": "Polygon", "coordinates": [[[0, 0], [1 / 3, 0], [0, 1], [0, 0]]]})
    out = to_geojson(shape)
    assert out == {"type": "Polygon", "coordinates": [[[0.0, 0.0], [0.333333, 0.0], [0.0, 1.0], [0.0, 0.0]]]}
