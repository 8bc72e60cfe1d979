"""Voronoi partition of an outline and deterministic point sampling."""

import itertools

import pytest
import shapely
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from yingji.geo.chuanshan import district_outline, in_district
from yingji.geo.errors import GeoError
from yingji.geo.measure import point_in_polygon, to_shape
from yingji.geo.partition import partition, sample_points_in

SQUARE = {"type": "Polygon", "coordinates": [[[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]]]}


def _max_decimals(coords):
    if isinstance(coords[0], int | float):
        return max(len(repr(float(c)).split(".")[1]) for c in coords)
    return max(_max_decimals(c) for c in coords)


def assert_partition_properties(seats, outline, cells):
    assert set(cells) == set(seats)
    shapes = {key: to_shape(cell) for key, cell in cells.items()}
    for key, cell in cells.items():
        assert cell["type"] in ("Polygon", "MultiPolygon")
        assert shapes[key].is_valid and not shapes[key].is_empty
        assert point_in_polygon(*seats[key], cell), key
        assert _max_decimals(cell["coordinates"]) <= 6
    whole = to_shape(outline)
    overlap = sum(a.intersection(b).area for a, b in itertools.combinations(shapes.values(), 2))
    assert overlap <= 1e-9 * whole.area
    union = shapely.union_all(list(shapes.values()))
    assert union.symmetric_difference(whole).area <= 1e-4 * whole.area


def test_two_seats_split_a_square_in_halves():
    seats = {"west": (0.5, 1.0), "east": (1.5, 1.0)}
    cells = partition(seats, SQUARE)
    assert to_shape(cells["west"]).equals(shapely.box(0, 0, 1, 2))
    assert to_shape(cells["east"]).equals(shapely.box(1, 0, 2, 2))


def test_one_seat_gets_the_whole_outline():
    assert to_shape(partition({"only": (1, 1)}, SQUARE)["only"]).equals(to_shape(SQUARE))


def test_bad_seats():
    with pytest.raises(GeoError) as info:
        partition({"a": (1, 1), "b": (3, 3)}, SQUARE)
    assert (info.value.code, info.value.field) == ("seat_outside_outline", "b")
    with pytest.raises(GeoError) as info:
        partition({"a": (1, 1), "b": (1, 1)}, SQUARE)
    assert info.value.code == "duplicate_seat"
    with pytest.raises(GeoError) as info:
        partition({}, SQUARE)
    assert info.value.code == "no_seats"


district_point = st.tuples(
    st.floats(105.39, 105.78).map(lambda v: round(v, 4)), st.floats(30.31, 30.66).map(lambda v: round(v, 4))
).filter(lambda p: in_district(*p))


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(st.lists(district_point, min_size=2, max_size=30, unique=True))
def test_partition_of_the_district_properties(points):
    seats = {f"s{i}": p for i, p in enumerate(points)}
    outline = district_outline()
    assert_partition_properties(seats, outline, partition(seats, outline))


@settings(max_examples=30, deadline=None)
@given(
    st.lists(st.tuples(st.integers(1, 199), st.integers(1, 199)), min_size=2, max_size=25, unique=True),
)
def test_partition_of_a_square_properties(grid_points):
    seats = {i: (x / 100, y / 100) for i, (x, y) in enumerate(grid_points)}
    assert_partition_properties(seats, SQUARE, partition(seats, SQUARE))


def test_sample_points_are_inside_spread_and_deterministic():
    points = sample_points_in(SQUARE, 9, seed=7)
    assert len(points) == 9 == len(set(points))
    assert points == sample_points_in(SQUARE, 9, seed=7)
    assert points != sample_points_in(SQUARE, 9, seed=8)
    assert all(0 < x < 2 and 0 < y < 2 for x, y in points)
    closest = min(shapely.Point(a).distance(shapely.Point(b)) for a, b in itertools.combinations(points, 2))
    assert closest > 0.25  # a random sample of 9 would often be much tighter
    assert sample_points_in(SQUARE, 0, seed=1) == []


def test_sample_points_in_the_district():
    points = sample_points_in(district_outline(), 30, seed="chuanshan")
    assert all(in_district(*p) for p in points)
    assert all(round(v, 6) == v for p in points for v in p)
