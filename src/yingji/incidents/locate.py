"""Finding an incident's region from its point: the smallest region that contains it wins.

Regions with a boundary are tested point-in-polygon (district, then townships). Villages carry only a
seat point in the demo data, so below the smallest polygon the nearest child seat is taken — the same
Voronoi reasoning that produced the approximate township cells.
"""

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


def region_for_point(lon: float, lat: float) -> Region | None:
    candidates = Region.objects.filter(
        geometry__isnull=False, min_lon__lte=lon, max_lon__gte=lon, min_lat__lte=lat, max_lat__gte=lat
    ).order_by("-level", "code")
    containing = next((r for r in candidates if point_in_polygon(lon, lat, r.geometry)), None)
    if containing is None:
        return None
    return _nearest_seat_below(containing, lon, lat) or containing


def _nearest_seat_below(region: Region, lon: float, lat: float) -> Region | None:
    children = list(region.children.filter(geometry__isnull=True, lon__isnull=False))
    if not children:
        return None
    return min(children, key=lambda child: haversine_m(lon, lat, child.lon, child.lat))


def township_of(region: Region | None) -> Region | None:
    """The 乡镇/街道 a region lies in (itself when it is one); None for the district."""
    if region is None or region.level < RegionLevel.TOWNSHIP:
        return None
    if region.level == RegionLevel.TOWNSHIP:
        return region
    return region.ancestors().filter(level=RegionLevel.TOWNSHIP).first()


def place_name(region: Region | None) -> str:
    """“桂花镇 · 某村” for display, without the district name."""
    if region is None:
        return ""
    township = township_of(region)
    if township is None or township == region:
        return region.name
    return f"{township.name} · {region.name}"
