"""Plausible sub-divisions of an outline when real boundaries are not available.

``partition`` cuts an outline into Voronoi cells around seats (e.g. township seats), and
``sample_points_in`` places deterministic, well-spread points inside a shape (e.g. village
seats inside a township cell). Both are approximations meant for demonstration data.

Distances are measured in a local equirectangular plane (longitude scaled by cos of the mean
latitude), so cells are fair on the ground rather than in raw degrees.
"""

from __future__ import annotations

import math
import random
from collections.abc import Hashable, Mapping
from typing import Any

import numpy as np
import shapely
from shapely.geometry import MultiPoint, Point
from shapely.geometry.base import BaseGeometry

from yingji.geo.errors import GeoError
from yingji.geo.measure import to_geojson, to_shape

PRECISION = 1e-6  # degrees: output grid, matching 6 decimals


def _scale_x(geometry: BaseGeometry, factor: float) -> BaseGeometry:
    return shapely.transform(geometry, lambda xy: xy * np.array([factor, 1.0]))


def _polygonal(geometry: BaseGeometry) -> BaseGeometry:
    """Only the areal parts of an overlay result (drops stray lines and points)."""
    if geometry.geom_type in ("Polygon", "MultiPolygon"):
        return geometry
    parts = [g for g in getattr(geometry, "geoms", ()) if g.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts) if parts else shapely.Polygon()


def _outline_shape(outline: dict[str, Any] | BaseGeometry) -> BaseGeometry:
    shape = outline if isinstance(outline, BaseGeometry) else to_shape(outline)
    shape = _polygonal(shape)
    if shape.is_empty or not shape.is_valid:
        raise GeoError("invalid_geometry", "划分范围必须是有效的面", "outline")
    return shape


def partition(
    seats: Mapping[Hashable, tuple[float, float]], outline_geojson: dict[str, Any] | BaseGeometry
) -> dict[Hashable, dict[str, Any]]:
    """Voronoi cells of ``seats`` (key → ``(lon, lat)``) clipped to the outline.

    Every seat must lie inside the outline and seats must be distinct. The cells cover the
    outline, do not overlap (up to the 1e-6 degree output grid), and each contains its seat.
    Returns key → GeoJSON Polygon or MultiPolygon, coordinates rounded to 6 decimals.
    """
    outline = _outline_shape(outline_geojson)
    if not seats:
        raise GeoError("no_seats", "至少需要一个驻地点", "seats")
    keys = list(seats)
    points = [Point(float(seats[k][0]), float(seats[k][1])) for k in keys]
    seen: dict[tuple[float, float], Hashable] = {}
    for key, point in zip(keys, points, strict=True):
        if not outline.covers(point):
            raise GeoError("seat_outside_outline", f"驻地点 {key} 不在划分范围内", str(key))
        if (point.x, point.y) in seen:
            raise GeoError("duplicate_seat", f"驻地点 {key} 与 {seen[point.x, point.y]} 重合", str(key))
        seen[point.x, point.y] = key
    if len(keys) == 1:
        return {keys[0]: to_geojson(shapely.set_precision(outline, PRECISION))}

    factor = math.cos(math.radians(outline.centroid.y))
    plane_outline = _scale_x(outline, factor)
    plane_points = [_scale_x(p, factor) for p in points]
    frame = plane_outline.envelope.buffer(plane_outline.length)  # generously beyond the outline
    cells = list(shapely.voronoi_polygons(MultiPoint(plane_points), extend_to=frame).geoms)

    result: dict[Hashable, dict[str, Any]] = {}
    for key, point in zip(keys, plane_points, strict=True):
        cell = next(c for c in cells if c.covers(point))
        clipped = _polygonal(cell.intersection(plane_outline))
        clipped = _polygonal(shapely.set_precision(_scale_x(clipped, 1.0 / factor), PRECISION))
        result[key] = to_geojson(clipped)
    return result


def sample_points_in(
    geometry: dict[str, Any] | BaseGeometry,
    n: int,
    *,
    seed: int | str,
    candidates: int = 24,
    ndigits: int = 6,
) -> list[tuple[float, float]]:
    """``n`` deterministic ``(lon, lat)`` points inside a (multi)polygon, spread out.

    Mitchell's best-candidate sampling: each point is the candidate (uniform inside the shape)
    farthest from the points already placed and from the boundary. The same shape, ``n`` and
    ``seed`` always give the same points; every returned point, after rounding to ``ndigits``,
    lies strictly inside the shape.
    """
    shape = _outline_shape(geometry)
    if n < 0:
        raise GeoError("invalid_count", "点数不能为负数", "n")
    rng = random.Random(seed)
    factor = math.cos(math.radians(shape.centroid.y))
    plane = _scale_x(shape, factor)
    shapely.prepare(plane)
    boundary = plane.boundary
    min_x, min_y, max_x, max_y = plane.bounds
    chosen: list[tuple[float, float]] = []  # plane coordinates

    def draw() -> tuple[float, float]:
        for _ in range(100_000):
            x, y = rng.uniform(min_x, max_x), rng.uniform(min_y, max_y)
            lon, lat = round(x / factor, ndigits), round(y, ndigits)
            if shapely.contains_xy(plane, lon * factor, lat):
                return lon * factor, lat
        raise GeoError("sampling_failed", "无法在该范围内取点（范围过小）", "geometry")

    def score(xy: tuple[float, float]) -> float:
        edge = 2.0 * boundary.distance(Point(xy))
        near = min((math.dist(xy, c) for c in chosen), default=math.inf)
        return min(edge, near)

    for _ in range(n):
        best = max((draw() for _ in range(max(1, candidates))), key=score)
        chosen.append(best)
    return [(round(x / factor, ndigits), y) for x, y in chosen]
