"""Coordinate-system conversions: published reference pairs and round-trip properties."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from yingji.geo import coords
from yingji.geo.coords import (
    bd09_to_gcj02,
    bd09_to_wgs84,
    convert,
    gcj02_to_bd09,
    gcj02_to_wgs84,
    out_of_china,
    wgs84_to_bd09,
    wgs84_to_gcj02,
)

# wandergis/coordtransform, test/app.js: conversions of (116.404, 39.915).
# The forward directions are the exact formulas; its reverse directions are the one-step
# approximations (off by up to ~1e-6 degree), ours iterate to the exact inverse.
COORDTRANSFORM_FORWARD = [
    (wgs84_to_gcj02, (116.41024449916938, 39.91640428150164)),
    (gcj02_to_bd09, (116.41036949371029, 39.92133699351021)),
]
COORDTRANSFORM_REVERSE = [
    (gcj02_to_wgs84, (116.39775550083061, 39.91359571849836)),
    (bd09_to_gcj02, (116.39762729119315, 39.90865673957631)),
]

# googollee/eviltransform, python/test.py: (wgsLat, wgsLng, gcjLat, gcjLng).
EVILTRANSFORM = [
    (31.1774276, 121.5272106, 31.17530398364597, 121.531541859215),  # shanghai
    (22.543847, 113.912316, 22.540796131694766, 113.9171764808363),  # shenzhen
    (39.911954, 116.377817, 39.91334545536069, 116.38404722455657),  # beijing
]

# The WGS84/GCJ-02/BD-09 triple used by the geotool / pyxis test suites (they use the WGS84
# semi-major axis instead of Krasovsky's, which moves results by ~1e-7 degree).
GEOTOOL_WGS = (121.0917077, 30.6107779)
GEOTOOL_GCJ = (121.09626935575027, 30.608604331756705)
GEOTOOL_BD = (121.10271732371203, 30.61484572185035)

china_lon = st.floats(min_value=73.5, max_value=134.5, allow_nan=False)
china_lat = st.floats(min_value=3.0, max_value=53.0, allow_nan=False)


@pytest.mark.parametrize(("func", "expected"), COORDTRANSFORM_FORWARD)
def test_coordtransform_forward_pairs(func, expected):
    lon, lat = func(116.404, 39.915)
    assert lon == pytest.approx(expected[0], abs=1e-12)
    assert lat == pytest.approx(expected[1], abs=1e-12)


@pytest.mark.parametrize(("func", "expected"), COORDTRANSFORM_REVERSE)
def test_coordtransform_reverse_pairs_within_their_approximation(func, expected):
    lon, lat = func(116.404, 39.915)
    assert lon == pytest.approx(expected[0], abs=2e-6)
    assert lat == pytest.approx(expected[1], abs=2e-6)


@pytest.mark.parametrize(("wgs_lat", "wgs_lon", "gcj_lat", "gcj_lon"), EVILTRANSFORM)
def test_eviltransform_pairs(wgs_lat, wgs_lon, gcj_lat, gcj_lon):
    assert wgs84_to_gcj02(wgs_lon, wgs_lat) == pytest.approx((gcj_lon, gcj_lat), abs=1e-9)
    assert gcj02_to_wgs84(gcj_lon, gcj_lat) == pytest.approx((wgs_lon, wgs_lat), abs=1e-9)


def test_geotool_triple():
    assert wgs84_to_gcj02(*GEOTOOL_WGS) == pytest.approx(GEOTOOL_GCJ, abs=1e-6)
    assert wgs84_to_bd09(*GEOTOOL_WGS) == pytest.approx(GEOTOOL_BD, abs=1e-6)
    assert bd09_to_wgs84(*GEOTOOL_BD) == pytest.approx(GEOTOOL_WGS, abs=1e-6)


def test_offset_in_suining_is_a_few_hundred_metres():
    lon, lat = wgs84_to_gcj02(105.58, 30.50)
    dx = (lon - 105.58) * 111_320 * math.cos(math.radians(30.5))
    dy = (lat - 30.50) * 110_574
    assert 100 < math.hypot(dx, dy) < 800


@pytest.mark.parametrize(
    ("lon", "lat", "outside"),
    [
        (105.58, 30.50, False),
        (116.4, 39.9, False),
        (87.6, 43.8, False),
        (0.0, 0.0, True),
        (-74.0, 40.7, True),
        (139.7, 35.7, True),
        (72.0, 30.0, True),
        (100.0, 56.0, True),
    ],
)
def test_out_of_china(lon, lat, outside):
    assert out_of_china(lon, lat) is outside


@pytest.mark.parametrize(
    "func", [wgs84_to_gcj02, gcj02_to_wgs84, gcj02_to_bd09, bd09_to_gcj02, wgs84_to_bd09, bd09_to_wgs84]
)
def test_no_offset_outside_china(func):
    assert func(2.35, 48.86) == (2.35, 48.86)


@settings(max_examples=300)
@given(china_lon, china_lat)
def test_wgs_gcj_round_trip(lon, lat):
    back = gcj02_to_wgs84(*wgs84_to_gcj02(lon, lat))
    assert back == pytest.approx((lon, lat), abs=1e-6)
    assert abs(back[0] - lon) < 1e-9 and abs(back[1] - lat) < 1e-9  # sub-millimetre in practice


@settings(max_examples=300)
@given(china_lon, china_lat)
def test_gcj_bd_round_trip(lon, lat):
    assert bd09_to_gcj02(*gcj02_to_bd09(lon, lat)) == pytest.approx((lon, lat), abs=1e-9)
    assert gcj02_to_bd09(*bd09_to_gcj02(lon, lat)) == pytest.approx((lon, lat), abs=1e-9)


@settings(max_examples=200)
@given(china_lon, china_lat)
def test_wgs_bd_round_trip_and_offset_size(lon, lat):
    bd = wgs84_to_bd09(lon, lat)
    assert bd09_to_wgs84(*bd) == pytest.approx((lon, lat), abs=1e-6)
    assert abs(bd[0] - lon) < 0.05 and abs(bd[1] - lat) < 0.05


def test_convert_dispatches_by_name():
    assert convert(116.404, 39.915, "WGS-84", "gcj_02") == wgs84_to_gcj02(116.404, 39.915)
    assert convert(116.404, 39.915, "cgcs2000", "bd09") == wgs84_to_bd09(116.404, 39.915)
    assert convert(116.404, 39.915, "bd09", "gcj02") == bd09_to_gcj02(116.404, 39.915)
    assert convert(116.404, 39.915, "gcj02", "gcj02") == (116.404, 39.915)
    assert coords.SYSTEMS == ("wgs84", "cgcs2000", "gcj02", "bd09")
    with pytest.raises(ValueError):
        convert(1.0, 2.0, "wgs84", "mercator")
