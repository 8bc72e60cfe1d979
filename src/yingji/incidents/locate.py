"""Finding an incident's region from its point: the smallest region that contains it wins.

Regions with a boundary are tested point-in-polygon (district, then townships). Villages carry only a
seat point in the demo data, so below the smallest polygon the nearest child seat is taken — the same
Voronoi reasoning that produced the approximate township cells.
"""

import time

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext as _

from yingji.core.errors import DomainError
from yingji.core.models import Region, RegionLevel
from yingji.core.registry import REGISTRIES
from yingji.core.scoping import scope_to_user
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


# The shape of the region tree that locating reads — the regions with a boundary (ids and boxes, smallest first)
# and the village seats under each — kept per process for a minute, and forgotten at once when this process saves
# or deletes a region: a report then reads one region row instead of asking two queries (issue 13, intake CPU).
# Another process sees a region added or moved after at most LOCATING_SECONDS. From such a change until its
# transaction commits (for at most LOCATING_SECONDS if it never does: a rollback has no signal), the tree is read
# afresh for each report, so nothing rolled back is ever kept.
LOCATING_SECONDS = 60
_LOCATING: dict = {"at": None, "uncommitted_until": 0.0}


def _forget_locating(using=None, **kwargs) -> None:
    _LOCATING["at"] = None
    if using is not None:
        _LOCATING["uncommitted_until"] = time.monotonic() + LOCATING_SECONDS
        transaction.on_commit(_committed, using=using)


def _committed() -> None:
    _LOCATING["uncommitted_until"] = 0.0


post_save.connect(_forget_locating, sender=Region, dispatch_uid="incidents.locate.region_saved")
post_delete.connect(_forget_locating, sender=Region, dispatch_uid="incidents.locate.region_deleted")


def _locating_tree() -> dict:
    now = time.monotonic()
    if _LOCATING["at"] is None or now - _LOCATING["at"] > LOCATING_SECONDS or now < _LOCATING["uncommitted_until"]:
        polygons = [row for row in Region.objects.filter(geometry__isnull=False).order_by("-level", "code")
                    .values_list("pk", "min_lon", "min_lat", "max_lon", "max_lat") if None not in row]
        seats: dict[int, list] = {}
        for pk, parent, lon, lat in Region.objects.filter(geometry__isnull=True, lon__isnull=False).order_by(
                "code").values_list("pk", "parent_id", "lon", "lat"):
            seats.setdefault(parent, []).append((pk, lon, lat))
        if now < _LOCATING["uncommitted_until"]:
            return {"polygons": polygons, "seats": seats}
        _LOCATING.update(at=now, polygons=polygons, seats=seats)
    return _LOCATING


def _contains(boundary, lon, lat) -> bool:
    return boundary is not None and point_in_polygon(lon, lat, boundary)  # None: the region is gone


def region_for_point(lon: float, lat: float) -> Region | None:
    """The smallest region with a boundary that contains the point, or the nearest village seat below it; the
    village comes with its parent attached."""
    for _attempt in range(2):
        tree = _locating_tree()
        chosen = next((pk for pk, *box in tree["polygons"] if box[0] <= lon <= box[2] and box[1] <= lat <= box[3]
                       and _contains(_boundary(pk, tuple(box)), lon, lat)), None)
        if chosen is None:
            return None
        seats = tree["seats"].get(chosen)
        target = min(seats, key=lambda seat: haversine_m(lon, lat, seat[1], seat[2]))[0] if seats else chosen
        region = Region.objects.select_related("parent").defer("geometry", "parent__geometry").filter(
            pk=target).first()
        if region is not None:
            return region
        _forget_locating()  # removed since the tree was read (by another process, a rolled-back test): read again
    return None


def township_of(region: Region | None) -> Region | None:
    """The 乡镇/街道 a region lies in (itself when it is one); None for the district."""
    if region is None or region.level < RegionLevel.TOWNSHIP:
        return None
    if region.level == RegionLevel.TOWNSHIP:
        return region
    parent = region.parent if Region.parent.is_cached(region) else None
    if parent is not None and parent.level == RegionLevel.TOWNSHIP:
        return parent
    return region.ancestors().filter(level=RegionLevel.TOWNSHIP).defer("geometry").first()


def place_names(regions) -> dict[int, str]:
    """place_name for many regions at once (region id → name), with one query for their townships."""
    regions = {region.pk: region for region in regions if region is not None}
    township_codes = {_township_code(region) for region in regions.values()} - {None}
    townships = dict(Region.objects.filter(code__in=township_codes, level=RegionLevel.TOWNSHIP)
                     .values_list("code", "name"))
    names = {}
    for pk, region in regions.items():
        township = townships.get(_township_code(region))
        below = region.level > RegionLevel.TOWNSHIP and township
        names[pk] = f"{township} · {region.name}" if below else region.name
    return names


def _township_code(region) -> str | None:
    """The township's code from the materialized path "/district/township/…/" (None above township level)."""
    parts = region.path.strip("/").split("/")
    return parts[1] if len(parts) > 1 else None


def place_name(region: Region | None) -> str:
    """“桂花镇 · 某村” for display, without the district name."""
    if region is None:
        return ""
    township = township_of(region)
    if township is None or township == region:
        return region.name
    return f"{township.name} · {region.name}"


# --- choosing a place without a map (issue 14 §1): a township → village picker, a search over the district's
# places, and addresses that name a township or village. All offline: the region tree and the registries.

def _within(inner: Region, outer: Region) -> bool:
    return inner.path.startswith(outer.path)


def resolve_place(*, region: Region | None = None, point: tuple[float, float] | None = None) -> Region | None:
    """The incident's region from a chosen region, a map point, or both. With both, the point must lie in the
    chosen region's township (villages have seats, not boundaries), and the more precise of the two wins."""
    located = region_for_point(*point) if point else None
    if region is None or located is None:
        return region or located
    if _within(located, region):
        return located
    if region.level >= RegionLevel.VILLAGE and township_of(located) == township_of(region):
        return region
    raise DomainError(
        "place_mismatch", _("地图选点（%(p)s）不在所选的%(r)s内，请重新选择") % {
            "p": place_name(located), "r": place_name(region)}, field="region")


def region_named_in(text: str) -> Region | None:
    """The township or village an address names (“桂花镇石桥村5组” → 石桥村 of 桂花镇); None when it names none or
    an ambiguous village only."""
    text = (text or "").strip()
    if not text:
        return None
    named = [r for r in Region.objects.filter(level__in=(RegionLevel.TOWNSHIP, RegionLevel.VILLAGE)).defer("geometry")
             if r.name in text]
    townships = [r for r in named if r.level == RegionLevel.TOWNSHIP]
    villages = [r for r in named if r.level == RegionLevel.VILLAGE]
    if townships:
        township = max(townships, key=lambda r: len(r.name))
        villages = [v for v in villages if v.parent_id == township.pk]
        return max(villages, key=lambda r: len(r.name)) if villages else township
    return villages[0] if len(villages) == 1 else None


SEARCH_LIMIT = 12
RECORDS_PER_REGISTRY = 3


def search_places(query: str, user) -> list[dict]:
    """Places in the user's reach whose name contains `query`: townships and villages first, then registry records
    with a point (shelters, schools, depots …). Each: label, kind, township and village codes, lon/lat."""
    query = (query or "").strip()
    if not query:
        return []
    regions = scope_to_user(Region.objects.filter(
        level__in=(RegionLevel.TOWNSHIP, RegionLevel.VILLAGE), name__icontains=query,
    ).select_related("parent").defer("geometry", "parent__geometry"), user).order_by("level", "code")
    found = [_region_hit(r) for r in regions[:SEARCH_LIMIT]]
    for registry in REGISTRIES.values():
        if len(found) >= SEARCH_LIMIT:
            break
        if not user.has_perm(registry.perm("view")):
            continue
        records = scope_to_user(registry.model.objects.filter(name__icontains=query, lon__isnull=False), user)
        found += [{"label": row["name"], "kind": registry.verbose_name, "township": "", "village": "",
                   "lon": row["lon"], "lat": row["lat"]}
                  for row in records.values("name", "lon", "lat")[:RECORDS_PER_REGISTRY]]
    return found[:SEARCH_LIMIT]


def _region_hit(region: Region) -> dict:
    village = region.level == RegionLevel.VILLAGE
    return {"label": place_name(region), "kind": region.kind,
            "township": region.parent.code if village else region.code, "village": region.code if village else "",
            "lon": None, "lat": None}


def place_codes(region: Region | None) -> dict:
    """{"township", "village", "label"} of a region, for the picker's selects."""
    township = township_of(region)
    village = region if region is not None and region.level >= RegionLevel.VILLAGE else None
    return {"township": township.code if township else (region.code if region else ""),
            "village": village.code if village else "", "label": place_name(region)}
