"""Distances, containment, boxes, centroids, areas and validity of GeoJSON shapes.

GeoJSON is taken as plain dicts (geometry, Feature or FeatureCollection), ``(lon, lat)`` order.
Geometries handed to these functions are treated as immutable: ``point_in_polygon`` caches a
prepared shapely geometry per dict object.
"""

from __future__ import annotations

import math
import threading
from collections import OrderedDict
from collections.abc import Iterator
from typing import Any

import shapely
from pyproj import Geod
from shapely.errors import ShapelyError
from shapely.geometry import mapping, shape
from shapely.geometry.base import BaseGeometry

from yingji.geo.errors import GeoError

EARTH_MEAN_RADIUS_M = 6_371_008.8  # IUGG mean radius R1
_GEOD = Geod(ellps="WGS84")
_POLYGONAL = ("Polygon", "MultiPolygon")


def haversine_m(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Great-circle distance in metres on a sphere of the Earth's mean radius (error < 0.5 %)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    d_phi = phi2 - phi1
    d_lambda = math.radians(lon2 - lon1)
    h = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    return 2 * EARTH_MEAN_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))


def geodesic_m(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Distance in metres along the WGS84 ellipsoid (pyproj, millimetre-exact)."""
    return float(_GEOD.inv(lon1, lat1, lon2, lat2)[2])


def _geometries(geojson: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """The geometry dicts inside a geometry, Feature or FeatureCollection."""
    if not isinstance(geojson, dict):
        raise GeoError("invalid_geometry", "几何数据必须是 GeoJSON 对象", "geometry")
    kind = geojson.get("type")
    if kind == "FeatureCollection":
        for feature in geojson.get("features") or ():
            yield from _geometries(feature)
    elif kind == "Feature":
        if geojson.get("geometry"):
            yield from _geometries(geojson["geometry"])
    elif kind == "GeometryCollection":
        for geometry in geojson.get("geometries") or ():
            yield from _geometries(geometry)
    elif kind in ("Point", "MultiPoint", "LineString", "MultiLineString", *_POLYGONAL):
        yield geojson
    else:
        raise GeoError("invalid_geometry", f"不支持的 GeoJSON 类型：{kind}", "geometry")


def to_shape(geojson: dict[str, Any]) -> BaseGeometry:
    """A shapely geometry for a GeoJSON geometry, Feature or FeatureCollection (parts unioned)."""
    try:
        parts = [shape(g) for g in _geometries(geojson)]
    except GeoError:
        raise
    except (KeyError, TypeError, ValueError, IndexError, AttributeError, ShapelyError):
        raise GeoError("invalid_geometry", "几何数据格式错误，无法解析", "geometry") from None
    if not parts:
        raise GeoError("empty_geometry", "几何数据为空", "geometry")
    return parts[0] if len(parts) == 1 else shapely.GeometryCollection(parts)


def _positions(coords: Any) -> Iterator[tuple[float, float]]:
    if coords and isinstance(coords[0], int | float):
        yield float(coords[0]), float(coords[1])
    else:
        for item in coords:
            yield from _positions(item)


def bbox_of(geojson: dict[str, Any]) -> tuple[float, float, float, float]:
    """``(min_lon, min_lat, max_lon, max_lat)`` of every position in the GeoJSON."""
    min_x = min_y = math.inf
    max_x = max_y = -math.inf
    for geometry in _geometries(geojson):
        for x, y in _positions(geometry.get("coordinates") or ()):
            min_x, max_x = min(min_x, x), max(max_x, x)
            min_y, max_y = min(min_y, y), max(max_y, y)
    if min_x == math.inf:
        raise GeoError("empty_geometry", "几何数据为空", "geometry")
    return min_x, min_y, max_x, max_y


def centroid_of(geojson: dict[str, Any]) -> tuple[float, float]:
    """Centroid ``(lon, lat)``, computed in degrees (fine for a district or a county).

    For a mix of dimensions the highest dimension wins, as in GEOS.
    """
    point = to_shape(geojson).centroid
    if point.is_empty:
        raise GeoError("empty_geometry", "几何数据为空", "geometry")
    return point.x, point.y


def area_km2(geojson: dict[str, Any]) -> float:
    """Geodesic area in km² on the WGS84 ellipsoid (holes subtracted, lines and points count 0)."""
    total = 0.0
    for geometry in _geometries(geojson):
        if geometry["type"] in _POLYGONAL:
            area, _perimeter = _GEOD.geometry_area_perimeter(to_shape(geometry))
            total += abs(area)
    return total / 1e6


def validate_polygon(geojson: dict[str, Any], *, field: str = "geometry") -> BaseGeometry:
    """Check a Polygon/MultiPolygon (or a Feature holding one) and return it as shapely geometry.

    Raises GeoError with code ``invalid_geometry`` (not a polygon, malformed, too few points),
    ``invalid_coordinate`` (lon/lat out of range or not finite), ``empty_geometry``,
    ``self_intersecting_polygon`` (rings crossing themselves or each other) or ``invalid_polygon``
    (other topology errors, e.g. a hole outside its shell).
    """
    if isinstance(geojson, dict) and geojson.get("type") == "Feature":
        geojson = geojson.get("geometry") or {}
    if not isinstance(geojson, dict) or geojson.get("type") not in _POLYGONAL:
        raise GeoError("invalid_geometry", "几何类型必须是面（Polygon 或 MultiPolygon）", field)
    try:
        positions = list(_positions(geojson.get("coordinates") or ()))
    except (TypeError, ValueError, IndexError):
        raise GeoError("invalid_geometry", "几何数据格式错误，无法解析", field) from None
    for lon, lat in positions:
        if not (math.isfinite(lon) and math.isfinite(lat) and -180 <= lon <= 180 and -90 <= lat <= 90):
            raise GeoError("invalid_coordinate", "坐标超出经纬度范围", field)
    try:
        geometry = shape(geojson)
    except (TypeError, ValueError, IndexError, AttributeError, ShapelyError):
        raise GeoError("invalid_geometry", "多边形格式错误（每个环至少 4 个点且首尾相同）", field) from None
    if geometry.is_empty:
        raise GeoError("empty_geometry", "几何数据为空", field)
    if not geometry.is_valid:
        reason = shapely.is_valid_reason(geometry)
        if "Self-intersection" in reason:
            raise GeoError("self_intersecting_polygon", f"多边形边界自相交：{reason}", field)
        if "Too few points" in reason:
            raise GeoError("invalid_geometry", "多边形的每个环至少需要 3 个不同的点", field)
        raise GeoError("invalid_polygon", f"多边形拓扑无效（环的位置关系错误）：{reason}", field)
    return geometry


class _PreparedCache:
    """Prepared shapely geometries keyed by the identity of the GeoJSON dict (LRU, thread-safe).

    The dict itself is kept alive alongside, so its id cannot be reused by another object.
    """

    def __init__(self, size: int = 256) -> None:
        self._size = size
        self._items: OrderedDict[int, tuple[dict, BaseGeometry]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, geojson: dict[str, Any]) -> BaseGeometry:
        key = id(geojson)
        with self._lock:
            hit = self._items.get(key)
            if hit is not None and hit[0] is geojson:
                self._items.move_to_end(key)
                return hit[1]
        geometry = to_shape(geojson)
        shapely.prepare(geometry)
        with self._lock:
            self._items[key] = (geojson, geometry)
            while len(self._items) > self._size:
                self._items.popitem(last=False)
        return geometry

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


_prepared = _PreparedCache()


def prepared_shape(geojson: dict[str, Any]) -> BaseGeometry:
    """The cached, prepared shapely geometry of a GeoJSON dict (see the module note on mutation)."""
    return _prepared.get(geojson)


def point_in_polygon(lon: float, lat: float, geometry: dict[str, Any] | BaseGeometry) -> bool:
    """True when ``(lon, lat)`` lies inside or on the boundary of the (multi)polygon."""
    if not isinstance(geometry, BaseGeometry):
        geometry = prepared_shape(geometry)
    return bool(shapely.intersects_xy(geometry, lon, lat))


def _rounded(coords: Any, ndigits: int | None) -> Any:
    if coords and isinstance(coords[0], int | float):
        return [float(c) if ndigits is None else round(float(c), ndigits) for c in coords]
    return [_rounded(c, ndigits) for c in coords]


def to_geojson(geometry: BaseGeometry, ndigits: int | None = 6) -> dict[str, Any]:
    """A shapely geometry as a GeoJSON dict of plain lists, coordinates rounded to ``ndigits``."""
    mapped = mapping(geometry)
    if mapped["type"] == "GeometryCollection":
        return {"type": "GeometryCollection", "geometries": [to_geojson(g, ndigits) for g in geometry.geoms]}
    coords = mapped["coordinates"]
    return {"type": mapped["type"], "coordinates": _rounded(coords, ndigits)}
