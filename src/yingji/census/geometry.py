"""Danger-zone polygons: GeoJSON text checked with shapely. A polygon must be valid (no self-intersection), and
lie inside 船山区 (a small tolerance for outlines digitised along the boundary). Errors name the field."""

import json

import shapely
from django.utils.translation import gettext as _
from shapely.geometry import mapping, shape
from shapely.validation import explain_validity

from yingji.core.errors import DomainError
from yingji.geo.chuanshan import district_shape

FIELD = "polygon"
TOLERANCE_DEG = 0.002  # about 200 m: outlines drawn along the district boundary
POLYGONAL = {"Polygon", "MultiPolygon"}


def parse_polygon(text: str, field: str = FIELD):
    """The shapely polygon of GeoJSON `text` (a geometry or a Feature); DomainError with the reason otherwise."""
    geometry = _geometry_dict(text, field)
    try:
        polygon = shape(geometry)
    except (ValueError, TypeError, AttributeError, IndexError, shapely.errors.GEOSException) as exc:
        raise DomainError("polygon_invalid", _("多边形坐标无效：%(e)s") % {"e": exc}, field=field) from None
    if polygon.is_empty:
        raise DomainError("polygon_empty", _("多边形为空"), field=field)
    if not polygon.is_valid:
        raise DomainError("polygon_self_intersecting", _("多边形无效（%(why)s），请检查边界是否自相交") % {
            "why": explain_validity(polygon)}, field=field)
    outside = polygon.difference(district_shape().buffer(TOLERANCE_DEG))
    if not outside.is_empty:
        point = outside.representative_point()
        raise DomainError("polygon_outside_district", _("多边形超出船山区范围（如 %(lon).5f, %(lat).5f）") % {
            "lon": point.x, "lat": point.y}, field=field)
    return polygon


def _geometry_dict(text, field) -> dict:
    try:
        data = json.loads(text) if isinstance(text, str) else text
    except ValueError:
        raise DomainError("polygon_not_json", _("多边形应为 GeoJSON 文本"), field=field) from None
    if isinstance(data, dict) and data.get("type") == "Feature":
        data = data.get("geometry")
    if not isinstance(data, dict) or data.get("type") not in POLYGONAL:
        raise DomainError("polygon_type", _("请提供 GeoJSON 的 Polygon 或 MultiPolygon"), field=field)
    return data


def normalised(polygon) -> dict:
    """The polygon as a plain GeoJSON dict (for RegistryModel.geometry and the map)."""
    return json.loads(json.dumps(mapping(polygon)))


ANY_TYPE = {"Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon"}


def parse_shape(text, field: str = "shape"):
    """An exposed asset's geometry: a point (a school), a line (a road, a dyke) or a polygon (a reservoir), as
    GeoJSON text or a Feature holding one; valid and inside 船山区, else DomainError on `field`."""
    try:
        data = json.loads(text) if isinstance(text, str) else text
    except ValueError:
        raise DomainError("shape_not_json", _("几何应为 GeoJSON 文本"), field=field) from None
    if isinstance(data, dict) and data.get("type") == "Feature":
        data = data.get("geometry")
    if not isinstance(data, dict) or data.get("type") not in ANY_TYPE:
        raise DomainError("shape_type", _("请提供 GeoJSON 的点、线或面几何（Point/LineString/Polygon 及 Multi*）"),
                          field=field)
    try:
        geometry = shape(data)
    except (ValueError, TypeError, AttributeError, IndexError, shapely.errors.GEOSException) as exc:
        raise DomainError("shape_invalid", _("几何坐标无效：%(e)s") % {"e": exc}, field=field) from None
    if geometry.is_empty:
        raise DomainError("shape_empty", _("几何为空"), field=field)
    if not geometry.is_valid:
        raise DomainError("shape_self_intersecting", _("几何无效（%(why)s），请检查边界是否自相交") % {
            "why": explain_validity(geometry)}, field=field)
    outside = geometry.difference(district_shape().buffer(TOLERANCE_DEG))
    if not outside.is_empty:
        point = outside.representative_point()
        raise DomainError("shape_outside_district", _("几何超出船山区范围（如 %(lon).5f, %(lat).5f）") % {
            "lon": point.x, "lat": point.y}, field=field)
    return geometry
