""""Near here" (就近查找): teams, depots holding a material, shelters with room, experts of a field —
ordered by estimated travel time from a point, with what a commander needs to decide."""

from decimal import Decimal

from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yingji.core.errors import DomainError, PermissionDeniedError
from yingji.core.registry import registry_for
from yingji.core.scoping import scope_to_user
from yingji.geo.chuanshan import validate_location
from yingji.geo.errors import GeoError
from yingji.geo.measure import haversine_m

from .choices import Availability, ExpertField, Readiness, ShelterStatus
from .models import Depot, Equipment, Expert, RescueTeam, Shelter
from .movements import lookup_material, parse_quantity
from .routing import get_router
from .stock import available_by_depot

KINDS = {"team": gettext_lazy("救援队伍"), "depot": gettext_lazy("储备库点"), "shelter": gettext_lazy("避难场所"),
         "expert": gettext_lazy("专家")}
MAX_LIMIT = 50


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
    points = candidates.filter(lon__isnull=False).values_list("pk", "lon", "lat")
    ranked = sorted(points, key=lambda p: haversine_m(origin[0], origin[1], p[1], p[2]))[:max(limit * 4, 40)]
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


def _result(record, route, extra) -> dict:
    registry = registry_for(type(record))
    return {"uuid": str(record.uuid), "code": record.code, "name": record.name, "lon": record.lon, "lat": record.lat,
            "region": record.region.name, "url": reverse(registry.url_name("detail"), kwargs={"uuid": record.uuid}),
            "distance_km": round(route.distance_m / 1000, 1), "minutes": round(route.duration_s / 60, 1),
            "estimated": route.estimated, "road_class": route.road_class, "is_demo": record.is_demo, **extra}


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
        for item in Equipment.objects.filter(team__in=found).exclude(condition="scrapped").order_by("code"):
            gear.setdefault(item.team_id, []).append(f"{item.name}×{item.quantity}{item.unit}")
        return {t.pk: {"readiness": t.readiness, "readiness_label": t.get_readiness_display(),
                       "type_label": t.get_team_type_display(), "headcount": t.headcount,
                       "specialities": t.specialities, "equipment": "、".join(gear.get(t.pk, []))} for t in found}

    return teams, describe


def _depots(user, params):
    depots = scope_to_user(Depot.objects.all(), user)
    material = lookup_material(params["material"]) if params.get("material") else None
    if material is None:
        return depots, lambda found: {d.pk: {"level_label": d.get_level_display()} for d in found}
    wanted = parse_quantity(params.get("quantity") or "1")
    holding = available_by_depot(material, wanted, depots)

    def describe(found):
        return {d.pk: {"level_label": d.get_level_display(), "material": material.name, "unit": material.unit,
                       "available": f"{Decimal(holding[d.pk]).normalize():f}"} for d in found}

    return depots.filter(pk__in=list(holding)), describe


def _shelters(user, params):
    people = int(parse_quantity(params.get("quantity") or "1"))
    shelters = scope_to_user(Shelter.objects.all(), user).exclude(
        shelter_status__in=[ShelterStatus.CLOSED, ShelterStatus.BUILDING]).annotate(
        free=F("capacity") - F("occupancy")).filter(free__gte=max(people, 1))

    def describe(found):
        return {s.pk: {"free_capacity": s.free_capacity, "capacity": s.capacity,
                       "class_label": s.get_shelter_class_display(), "status_label": s.get_shelter_status_display()}
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
        return {e.pk: {"field_label": e.get_field_display(), "title": e.title, "organization": e.organization,
                       "availability_label": e.get_availability_display()} for e in found}

    return experts, describe


CANDIDATES = {"team": _teams, "depot": _depots, "shelter": _shelters, "expert": _experts}
MODELS = {"team": RescueTeam, "depot": Depot, "shelter": Shelter, "expert": Expert}
