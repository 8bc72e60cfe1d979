"""Finding an incident's region from its point: the smallest region that contains it wins.

Regions with a boundary are tested point-in-polygon (district, then townships). Villages carry only a
seat point in the demo data, so below the smallest polygon the nearest child seat is taken — the same
Voronoi reasoning that produced the approximate township cells.
"""

import time

from django.core.exceptions import ValidationError

from yingji.core.models import Region, RegionLevel
from yingji.geo.chuanshan import validate_location
from yingji.geo.errors import GeoError
from yingji.geo.measure import haversine_m, point_in_polygon


def checked_point(lon, lat) -> tuple[float, float]:
    try:
        return validate_location(lon, lat, require_in_district=True, field="lon")
    except GeoError as exc:
        raise ValidationError({exc.field or "lon": ValidationError(exc.message, code=exc.code)}) from exc


def district() -> Region:
    return Region.objects.filter(level=RegionLevel.DISTRICT).order_by("code").first()


# Decoded boundaries by region id, for a few minutes and while the region's box is the same: decoding the
# district outline from JSON for every report was most of the cost of an intake. Boundaries change rarely.
BOUNDARY_SECONDS = 300
_BOUNDARIES: dict[int, tuple[tuple, float, dict]] = {}


def _boundary(region_id: int, box: tuple) -> dict:
    cached = _BOUNDARIES.get(region_id)
    if cached is None or cached[0] != box or time.monotonic() - cached[1] > BOUNDARY_SECONDS:
        geometry = Region.objects.filter(pk=region_id).values_list("geometry", flat=True).first()
        cached = _BOUNDARIES[region_id] = (box, time.monotonic(), geometry)
    return cached[2]


def region_for_point(lon: float, lat: float) -> Region | None:
    candidates = Region.objects.filter(
        geometry__isnull=False, min_lon__lte=lon, max_lon__gte=lon, min_lat__lte=lat, max_lat__gte=lat
    ).order_by("-level", "code").values_list("pk", "min_lon", "min_lat", "max_lon", "max_lat")
    containing = next((pk for pk, *box in candidates if point_in_polygon(lon, lat, _boundary(pk, tuple(box)))), None)
    if containing is None:
        return None
    region = Region.objects.defer("geometry").get(pk=containing)
    return _nearest_seat_below(region, lon, lat) or region


def _nearest_seat_below(region: Region, lon: float, lat: float) -> Region | None:
    children = list(region.children.filter(geometry__isnull=True, lon__isnull=False).defer("geometry"))
    if not children:
        return None
    return min(children, key=lambda child: haversine_m(lon, lat, child.lon, child.lat))


def township_of(region: Region | None) -> Region | None:
    """The 乡镇/街道 a region lies in (itself when it is one); None for the district."""
    if region is None or region.level < RegionLevel.TOWNSHIP:
        return None
    if region.level == RegionLevel.TOWNSHIP:
        return region
    return region.ancestors().filter(level=RegionLevel.TOWNSHIP).defer("geometry").first()


def place_name(region: Region | None) -> str:
    """“桂花镇 · 某村” for display, without the district name."""
    if region is None:
        return ""
    township = township_of(region)
    if township is None or township == region:
        return region.name
    return f"{township.name} · {region.name}"
