""""Near here" (就近查找): teams, depots holding a material, shelters with room, experts of a field —
ordered by estimated travel time from a point, with what a commander needs to decide.

The candidates are ranked in SQL by place, not all loaded: `nearest_points` asks for those in a box around
the point and grows the box until enough lie within its radius; travel time is estimated only for those.
"""

import math
from decimal import Decimal
from functools import cache

from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yingji.core.errors import DomainError, PermissionDeniedError
from yingji.core.registry import registry_for
from yingji.core.scoping import scope_to_user
from yingji.geo.chuanshan import validate_location
from yingji.geo.errors import GeoError
from yingji.geo.measure import EARTH_MEAN_RADIUS_M, haversine_m

from .choices import Availability, ExpertField, Readiness, ShelterStatus
from .models import Depot, Equipment, Expert, RescueTeam, Shelter
from .movements import lookup_material, parse_quantity
from .routing import get_router
from .stock import available_by_depot

KINDS = {"team": gettext_lazy("救援队伍"), "depot": gettext_lazy("储备库点"), "shelter": gettext_lazy("避难场所"),
         "expert": gettext_lazy("专家")}
MAX_LIMIT = 50
FIRST_RADIUS_M = 1_500  # holds ~60 teams at 10,000 resources; sparser candidates take a query or two more
WIDEST_RADIUS_M = 100_000  # the district is about 40 km across: beyond this, every candidate is measured


def parse_point(lon, lat) -> tuple[float, float]:
    try:
        return validate_location(lon, lat, require_in_district=True)
    except GeoError as exc:
        raise DomainError(exc.code, exc.message, field=exc.field) from exc


def parse_limit(raw) -> int:
    text = str(raw or "10").strip()
    if not text.isdigit() or not 1 <= int(text) <= MAX_LIMIT:
        raise DomainError("invalid_limit", _("数量上限应为 1 到 %(n)d 的整数") % {"n": MAX_LIMIT}, field="limit")
    return int(text)


def find(user, params) -> dict:
    """Run a search from request parameters (lon, lat, kind, limit and the kind's own filters)."""
    origin = parse_point(params.get("lon"), params.get("lat"))
    kind = params.get("kind") or "team"
    if kind not in KINDS:
        raise DomainError("unknown_kind", _("kind 应为 team、depot、shelter 或 expert"), field="kind")
    if not user.has_perm(f"resources.view_{MODELS[kind]._meta.model_name}"):
        raise PermissionDeniedError("permission_denied", _("没有查看该类资源的权限"))
    limit = parse_limit(params.get("limit"))
    candidates, describe = CANDIDATES[kind](user, params)
    ranked = nearest_points(candidates, origin, max(limit * 4, 40))
    router = get_router()
    routes = router.table(origin, [(lon, lat) for _pk, lon, lat in ranked])
    order = sorted(zip(ranked, routes, strict=True), key=lambda pair: pair[1].duration_s)[:limit]
    records = candidates.model.objects.select_related("region").defer("region__geometry").in_bulk(
        [pk for (pk, _lon, _lat), _route in order])
    found = [records[pk] for (pk, _lon, _lat), _route in order]
    extras = describe(found)
    return {"origin": {"lon": origin[0], "lat": origin[1]}, "kind": kind, "router": router.name,
            "results": [_result(record, route, extras.get(record.pk, {}))
                        for record, (_point, route) in zip(found, order, strict=True)]}


def nearest_points(candidates, origin, count) -> list[tuple]:
    """The `count` located candidates nearest to `origin` by great-circle distance as (pk, lon, lat), nearest
    first, ties by code. Asked for in growing boxes: a box holds every point within its radius, so once
    `count` points lie within the radius, no point outside the box can rank before them."""
    located = candidates.filter(lon__isnull=False, lat__isnull=False).order_by()
    radius = FIRST_RADIUS_M
    while True:
        points = located
        if radius is not None:
            (west, east), (south, north) = box_around(origin, radius)
            points = located.filter(lon__range=(west, east), lat__range=(south, north))
        measured = sorted((haversine_m(origin[0], origin[1], lon, lat), code, (pk, lon, lat))
                          for pk, lon, lat, code in points.values_list("pk", "lon", "lat", "code"))
        within = sum(1 for distance, _code, _point in measured if radius is None or distance <= radius)
        if radius is None or within >= count:
            return [point for _distance, _code, point in measured[:count]]
        radius *= min(4.0, max(1.5, 1.25 * math.sqrt(count / within))) if within else 4.0
        if radius > WIDEST_RADIUS_M:
            radius = None


def box_around(origin, radius_m) -> tuple[tuple[float, float], tuple[float, float]]:
    """((west, east), (south, north)) in degrees holding every point within `radius_m` of `origin` on the sphere
    of `haversine_m`; the widest longitude is reached off the origin's parallel: asin(sin δ / cos φ)."""
    lon, lat = origin
    angle = radius_m / EARTH_MEAN_RADIUS_M
    spread = math.sin(angle) / math.cos(math.radians(lat))
    d_lon = math.degrees(math.asin(spread)) if spread < 1 else 180.0
    d_lat, margin = math.degrees(angle), 1e-7  # margin: about a centimetre, for rounding
    return (lon - d_lon - margin, lon + d_lon + margin), (lat - d_lat - margin, lat + d_lat + margin)


def _result(record, route, extra) -> dict:
    registry = registry_for(type(record))
    return {"uuid": str(record.uuid), "code": record.code, "name": record.name, "lon": record.lon, "lat": record.lat,
            "region": record.region.name, "url": reverse(registry.url_name("detail"), kwargs={"uuid": record.uuid}),
            "distance_km": round(route.distance_m / 1000, 1), "minutes": round(route.duration_s / 60, 1),
            "estimated": route.estimated, "road_class": route.road_class, "is_demo": record.is_demo, **extra}


@cache
def _choices(model, field) -> dict:
    return dict(model._meta.get_field(field).flatchoices)


def _label(record, field) -> str:
    """As get_<field>_display(), without rebuilding the field's choices (lazy labels) on every call."""
    value = getattr(record, field)
    return str(_choices(type(record), field).get(value, value))


def _teams(user, params):
    teams = scope_to_user(RescueTeam.objects.all(), user).exclude(readiness=Readiness.INACTIVE)
    if params.get("readiness"):
        teams = teams.filter(readiness=params["readiness"])
    if params.get("speciality"):
        teams = teams.filter(specialities__contains=params["speciality"])
    wanted = (params.get("equipment") or "").strip()
    if wanted:
        gear = Equipment.objects.filter(Q(name__contains=wanted) | Q(kind=wanted)).exclude(condition="scrapped")
        teams = teams.filter(pk__in=gear.values("team_id"))

    def describe(found):
        gear = {}
        for team, name, quantity, unit in Equipment.objects.filter(team__in=found).exclude(
                condition="scrapped").order_by("code").values_list("team_id", "name", "quantity", "unit"):
            gear.setdefault(team, []).append(f"{name}×{quantity}{unit}")
        return {t.pk: {"readiness": t.readiness, "readiness_label": _label(t, "readiness"),
                       "type_label": _label(t, "team_type"), "headcount": t.headcount,
                       "specialities": t.specialities, "equipment": "、".join(gear.get(t.pk, []))} for t in found}

    return teams, describe


def _depots(user, params):
    depots = scope_to_user(Depot.objects.all(), user)
    material = lookup_material(params["material"]) if params.get("material") else None
    if material is None:
        return depots, lambda found: {d.pk: {"level_label": _label(d, "level")} for d in found}
    wanted = parse_quantity(params.get("quantity") or "1")
    holding = available_by_depot(material, wanted, depots)

    def describe(found):
        return {d.pk: {"level_label": _label(d, "level"), "material": material.name, "unit": material.unit,
                       "available": f"{Decimal(holding[d.pk]).normalize():f}"} for d in found}

    return depots.filter(pk__in=list(holding)), describe


def _shelters(user, params):
    people = int(parse_quantity(params.get("quantity") or "1"))
    shelters = scope_to_user(Shelter.objects.all(), user).exclude(
        shelter_status__in=[ShelterStatus.CLOSED, ShelterStatus.BUILDING]).annotate(
        free=F("capacity") - F("occupancy")).filter(free__gte=max(people, 1))

    def describe(found):
        return {s.pk: {"free_capacity": s.free_capacity, "capacity": s.capacity,
                       "class_label": _label(s, "shelter_class"), "status_label": _label(s, "shelter_status")}
                for s in found}

    return shelters, describe


def _experts(user, params):
    experts = scope_to_user(Expert.objects.all(), user).exclude(
        availability=Availability.UNAVAILABLE)
    field = params.get("field") or ""
    if field:
        if field not in ExpertField.values:
            raise DomainError("unknown_field", _("未知的专业领域：%(f)s") % {"f": field}, field="field")
        experts = experts.filter(field=field)

    def describe(found):
        return {e.pk: {"field_label": _label(e, "field"), "title": e.title, "organization": e.organization,
                       "availability_label": _label(e, "availability")} for e in found}

    return experts, describe


CANDIDATES = {"team": _teams, "depot": _depots, "shelter": _shelters, "expert": _experts}
MODELS = {"team": RescueTeam, "depot": Depot, "shelter": Shelter, "expert": Expert}
