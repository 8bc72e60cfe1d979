"""The area of a warning: chosen regions, a drawn polygon or circle, or the whole district.

It is validated (a polygon must not cross itself and must lie in the district), described in words,
turned into the village/community regions it covers, and its population is summed from them.
"""

import math

import shapely
from django.utils.translation import gettext as _
from shapely import affinity
from shapely.geometry import Point

from yingji.core.errors import DomainError
from yingji.core.models import Region, RegionLevel
from yingji.geo.chuanshan import district_shape, validate_location
from yingji.geo.errors import GeoError
from yingji.geo.measure import to_geojson, validate_polygon

from .models.warnings import AreaKind

TOLERANCE_DEG = 0.005  # about 500 m: a line drawn by hand along the border may stray a little
MAX_RADIUS_M = 50_000
METRES_PER_DEG = 111_320


def _error(code, message):
    return DomainError(code, message, field="area")


def validate_shape(kind: str, shape: dict | None) -> dict:
    """Check a drawn polygon ({"type": "Polygon", ...}) or circle ({"center": [lon, lat], "radius_m": r})."""
    if kind == AreaKind.POLYGON:
        try:
            geometry = validate_polygon(shape or {}, field="area")
        except GeoError as exc:
            raise _error(exc.code, exc.message) from exc
        if not district_shape().buffer(TOLERANCE_DEG).contains(geometry):
            raise _error("area_outside_district", _("绘制的区域超出了船山区范围"))
        return to_geojson(geometry)
    center, radius = (shape or {}).get("center"), (shape or {}).get("radius_m")
    try:
        lon, lat = validate_location(*(center or (None, None)), field="area")
        radius = float(radius)
    except (GeoError, TypeError, ValueError) as exc:
        raise _error("invalid_circle", _("圆形区域需要船山区内的圆心和半径")) from exc
    if not 0 < radius <= MAX_RADIUS_M or not math.isfinite(radius):
        raise _error("invalid_circle", _("半径应在 0 到 50 公里之间"))
    return {"center": [lon, lat], "radius_m": radius}


def circle_shape(circle: dict):
    lon, lat = circle["center"]
    radius = circle["radius_m"] / METRES_PER_DEG
    return affinity.scale(Point(lon, lat).buffer(radius, 32), 1 / math.cos(math.radians(lat)), 1)


def drawn_shape(kind: str, shape: dict):
    from shapely.geometry import shape as to_shape

    return circle_shape(shape) if kind == AreaKind.CIRCLE else to_shape(shape)


def normalise_regions(regions) -> list[Region]:
    """Drop regions inside another chosen region, so nobody is counted twice."""
    chosen = sorted(regions, key=lambda r: len(r.path))
    kept: list[Region] = []
    for region in chosen:
        if not any(region.path.startswith(k.path) for k in kept):
            kept.append(region)
    return kept


def covered_villages(kind: str, regions, shape) -> list[Region]:
    """The villages/communities (level 3) in the area: the unit of targeting and of population."""
    villages = Region.objects.filter(level=RegionLevel.VILLAGE)
    if kind == AreaKind.DISTRICT:
        return list(villages)
    if kind == AreaKind.REGIONS:
        paths = [r.path for r in regions]
        return [v for v in villages if any(v.path.startswith(p) for p in paths)]
    geometry = drawn_shape(kind, shape)
    shapely.prepare(geometry)
    return [v for v in villages if v.lon is not None and shapely.contains_xy(geometry, v.lon, v.lat)]


def population(kind: str, regions, villages) -> int:
    if kind == AreaKind.DISTRICT:
        return Region.objects.get(level=RegionLevel.DISTRICT).population
    if kind == AreaKind.REGIONS:
        return sum(r.population for r in regions)
    return sum(v.population for v in villages)


def describe(kind: str, regions, villages) -> str:
    if kind == AreaKind.DISTRICT:
        return _("船山区全域")
    if kind == AreaKind.REGIONS:
        return "、".join(r.name for r in regions)
    townships = sorted({v.parent.name for v in villages})
    if not townships:
        return _("船山区（绘制区域）")
    return _("%(t)s部分区域（地图绘制）") % {"t": "、".join(townships)}


def area_geojson(warning) -> dict:
    """A FeatureCollection of the area for maps."""
    if warning.area_kind in (AreaKind.POLYGON, AreaKind.CIRCLE) and warning.area_shape:
        geometries = [to_geojson(drawn_shape(warning.area_kind, warning.area_shape))]
    elif warning.area_kind == AreaKind.DISTRICT:
        geometries = [Region.objects.get(level=RegionLevel.DISTRICT).geometry]
    else:
        geometries = [_region_geometry(r) for r in warning.area_regions.all()]
    return {"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": g, "properties": {"name": warning.area_desc}} for g in geometries if g]}


def _region_geometry(region):
    if region.geometry:
        return region.geometry
    if region.lon is not None:
        return to_geojson(circle_shape({"center": [region.lon, region.lat], "radius_m": 800}))
    return None
