"""Chinese map coordinate systems: WGS84/CGCS2000, GCJ-02 ("火星坐标") and BD-09.

- WGS84 and CGCS2000 differ by centimetres, far below what these offsets resolve, so they are
  treated as one system here (GPS receivers, 天地图 and official surveys).
- GCJ-02 is the obfuscated system imposed on Chinese web maps (高德/AutoNavi, 腾讯, Google China).
  The forward formula is the published polynomial on the Krasovsky ellipsoid.
- BD-09 is Baidu's extra rotation-like offset on top of GCJ-02.

The forward directions are closed formulas. There is no closed inverse, so the reverse directions
solve ``forward(x) == target`` by fixed-point iteration to ~1e-10 degree (about 0.01 mm); the
widely copied one-step inverses are off by up to a couple of metres.

Outside China (the usual bounding-box rule of ``out_of_china``) no offset is applied in any
direction: maps show raw WGS84 there.

All functions take and return ``(lon, lat)`` in degrees.
"""

from __future__ import annotations

import math

# Krasovsky 1940 ellipsoid, as used by the GCJ-02 formula.
_A = 6378245.0
_EE = 0.00669342162296594323
_X_PI = math.pi * 3000.0 / 180.0

_TOLERANCE = 1e-10  # degrees, for the iterative inverses
_MAX_ITERATIONS = 60


def out_of_china(lon: float, lat: float) -> bool:
    """True when the point lies outside the rough bounding box in which GCJ-02 offsets apply.

    The box (72.004–137.8347 E, 0.8293–55.8271 N) is the rule used by practically every
    implementation; it is not the national border.
    """
    return not (72.004 <= lon <= 137.8347 and 0.8293 <= lat <= 55.8271)


def _offset_lat(x: float, y: float) -> float:
    value = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * math.sqrt(abs(x))
    value += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    value += (20.0 * math.sin(y * math.pi) + 40.0 * math.sin(y / 3.0 * math.pi)) * 2.0 / 3.0
    value += (160.0 * math.sin(y / 12.0 * math.pi) + 320.0 * math.sin(y * math.pi / 30.0)) * 2.0 / 3.0
    return value


def _offset_lon(x: float, y: float) -> float:
    value = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * math.sqrt(abs(x))
    value += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    value += (20.0 * math.sin(x * math.pi) + 40.0 * math.sin(x / 3.0 * math.pi)) * 2.0 / 3.0
    value += (150.0 * math.sin(x / 12.0 * math.pi) + 300.0 * math.sin(x / 30.0 * math.pi)) * 2.0 / 3.0
    return value


def _gcj_delta(lon: float, lat: float) -> tuple[float, float]:
    """The GCJ-02 offset (dlon, dlat) in degrees at a WGS84 point."""
    d_lat = _offset_lat(lon - 105.0, lat - 35.0)
    d_lon = _offset_lon(lon - 105.0, lat - 35.0)
    rad_lat = math.radians(lat)
    magic = 1.0 - _EE * math.sin(rad_lat) ** 2
    sqrt_magic = math.sqrt(magic)
    d_lat = (d_lat * 180.0) / ((_A * (1.0 - _EE)) / (magic * sqrt_magic) * math.pi)
    d_lon = (d_lon * 180.0) / (_A / sqrt_magic * math.cos(rad_lat) * math.pi)
    return d_lon, d_lat


def _invert(forward, lon: float, lat: float) -> tuple[float, float]:
    """Solve ``forward(x) == (lon, lat)`` by fixed-point iteration (forward is close to identity)."""
    x, y = lon, lat
    for _ in range(_MAX_ITERATIONS):
        fx, fy = forward(x, y)
        dx, dy = fx - lon, fy - lat
        x, y = x - dx, y - dy
        if abs(dx) < _TOLERANCE and abs(dy) < _TOLERANCE:
            break
    return x, y


def wgs84_to_gcj02(lon: float, lat: float) -> tuple[float, float]:
    """WGS84/CGCS2000 → GCJ-02."""
    if out_of_china(lon, lat):
        return lon, lat
    d_lon, d_lat = _gcj_delta(lon, lat)
    return lon + d_lon, lat + d_lat


def gcj02_to_wgs84(lon: float, lat: float) -> tuple[float, float]:
    """GCJ-02 → WGS84/CGCS2000 (iterative, sub-millimetre)."""
    if out_of_china(lon, lat):
        return lon, lat
    return _invert(wgs84_to_gcj02, lon, lat)


def gcj02_to_bd09(lon: float, lat: float) -> tuple[float, float]:
    """GCJ-02 → BD-09."""
    if out_of_china(lon, lat):
        return lon, lat
    z = math.hypot(lon, lat) + 0.00002 * math.sin(lat * _X_PI)
    theta = math.atan2(lat, lon) + 0.000003 * math.cos(lon * _X_PI)
    return z * math.cos(theta) + 0.0065, z * math.sin(theta) + 0.006


def bd09_to_gcj02(lon: float, lat: float) -> tuple[float, float]:
    """BD-09 → GCJ-02 (iterative, sub-millimetre)."""
    if out_of_china(lon, lat):
        return lon, lat
    return _invert(gcj02_to_bd09, lon, lat)


def wgs84_to_bd09(lon: float, lat: float) -> tuple[float, float]:
    """WGS84/CGCS2000 → BD-09."""
    return gcj02_to_bd09(*wgs84_to_gcj02(lon, lat))


def bd09_to_wgs84(lon: float, lat: float) -> tuple[float, float]:
    """BD-09 → WGS84/CGCS2000."""
    return gcj02_to_wgs84(*bd09_to_gcj02(lon, lat))


SYSTEMS = ("wgs84", "cgcs2000", "gcj02", "bd09")

_TO_WGS = {"wgs84": None, "cgcs2000": None, "gcj02": gcj02_to_wgs84, "bd09": bd09_to_wgs84}
_FROM_WGS = {"wgs84": None, "cgcs2000": None, "gcj02": wgs84_to_gcj02, "bd09": wgs84_to_bd09}


def convert(lon: float, lat: float, source: str, target: str) -> tuple[float, float]:
    """Convert between any two of ``SYSTEMS`` (names are case-insensitive, '-' and '_' ignored)."""
    src = source.lower().replace("-", "").replace("_", "")
    dst = target.lower().replace("-", "").replace("_", "")
    if src not in _TO_WGS or dst not in _FROM_WGS:
        raise ValueError(f"unknown coordinate system: {source!r} or {target!r}; known: {SYSTEMS}")
    if src == dst:
        return lon, lat
    if src == "gcj02" and dst == "bd09":
        return gcj02_to_bd09(lon, lat)
    if src == "bd09" and dst == "gcj02":
        return bd09_to_gcj02(lon, lat)
    to_wgs, from_wgs = _TO_WGS[src], _FROM_WGS[dst]
    if to_wgs is not None:
        lon, lat = to_wgs(lon, lat)
    if from_wgs is not None:
        lon, lat = from_wgs(lon, lat)
    return lon, lat
