"""船山区 (Chuanshan District, Suining, Sichuan): the real outline and location checks.

The outline is feature 510903 of the 遂宁 map in ``echarts-china-cities-pypkg`` 0.0.9, decoded
at run time. Two caveats of that source:

- it is quantised to 1/1024 degree (about 100 m), and
- its datum is undocumented; Chinese web-map boundary data is usually GCJ-02, a few hundred
  metres from WGS84 here. Both errors are far below what a district-level check needs.

It decodes to about 609 km² (the official figure is 616 km²), in two parts: the main body and a
0.2 km² piece in the south-east.
"""

from __future__ import annotations

import copy
import math
from functools import cache
from typing import Any

import shapely
from shapely.geometry.base import BaseGeometry

from yingji.geo.coords import out_of_china
from yingji.geo.echarts import load_echarts_city_map
from yingji.geo.errors import GeoError
from yingji.geo.measure import to_shape

DISTRICT_CODE = "510903"
DISTRICT_NAME = "船山区"
CITY_NAME = "遂宁市"
CITY_MAP_FILE = "si4_chuan1_sui4_ning2.js"
CENTRE = (105.58, 30.50)  # (lon, lat), CGCS2000, from the district's published facts


@cache
def _district_feature() -> dict[str, Any]:
    collection = load_echarts_city_map(CITY_MAP_FILE)
    for feature in collection["features"]:
        if str(feature.get("id")) == DISTRICT_CODE:
            return feature
    raise GeoError("echarts_map_invalid", f"地图数据中没有{DISTRICT_NAME}（{DISTRICT_CODE}）", None)


def district_outline() -> dict[str, Any]:
    """The district outline as a GeoJSON MultiPolygon dict (cached; treat it as read-only)."""
    return _district_feature()["geometry"]


def district_feature() -> dict[str, Any]:
    """The outline as a GeoJSON Feature with id, name and code (a fresh copy, free to change)."""
    feature = copy.deepcopy(_district_feature())
    feature["properties"].update({"name": DISTRICT_NAME, "code": DISTRICT_CODE, "city": CITY_NAME})
    return feature


@cache
def district_shape() -> BaseGeometry:
    """The outline as a prepared shapely MultiPolygon (cached)."""
    geometry = to_shape(district_outline())
    shapely.prepare(geometry)
    return geometry


def in_district(lon: float, lat: float) -> bool:
    """True when ``(lon, lat)`` lies inside or on the district outline."""
    try:
        lon, lat = float(lon), float(lat)
    except (TypeError, ValueError):
        return False
    if not (math.isfinite(lon) and math.isfinite(lat)):
        return False
    return bool(shapely.intersects_xy(district_shape(), lon, lat))


def _number(value: object, field: str, label: str) -> float:
    if isinstance(value, bool) or value is None:
        raise GeoError("invalid_coordinate", f"{label}必须是数字", field)
    try:
        number = float(value.strip() if isinstance(value, str) else value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise GeoError("invalid_coordinate", f"{label}必须是数字", field) from None
    if not math.isfinite(number):
        raise GeoError("invalid_coordinate", f"{label}必须是有限的数字", field)
    return number


def validate_location(
    lon: object,
    lat: object,
    *,
    require_in_district: bool = True,
    field: str = "location",
    lon_field: str = "lon",
    lat_field: str = "lat",
) -> tuple[float, float]:
    """Check a WGS84 point and return it as ``(lon, lat)`` floats.

    Raises GeoError with ``code``:
    - ``invalid_coordinate`` (field ``lon_field``/``lat_field``): not a finite number, or
      longitude outside −180…180 / latitude outside −90…90;
    - ``location_outside_china`` (field ``field``): 坐标不在中国境内 (the usual bounding box);
    - ``location_outside_district`` (field ``field``): 坐标不在船山区范围内, only when
      ``require_in_district`` is true.
    """
    x = _number(lon, lon_field, "经度")
    y = _number(lat, lat_field, "纬度")
    if not -180.0 <= x <= 180.0:
        raise GeoError("invalid_coordinate", "经度必须在 -180 到 180 之间", lon_field)
    if not -90.0 <= y <= 90.0:
        raise GeoError("invalid_coordinate", "纬度必须在 -90 到 90 之间", lat_field)
    if out_of_china(x, y):
        raise GeoError("location_outside_china", "坐标不在中国境内", field)
    if require_in_district and not in_district(x, y):
        raise GeoError("location_outside_district", f"坐标不在{DISTRICT_NAME}范围内", field)
    return x, y
