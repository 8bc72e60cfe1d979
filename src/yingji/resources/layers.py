"""One-map layers of the resources app: teams by type, depots with their stock, equipment, shelters
coloured by free capacity, experts' organizations, and fire stations and other key facilities."""

from urllib.parse import quote

from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from yingji.core.extensions import MAP_LAYERS, MapLayer
from yingji.core.geojson import MAX_FEATURES, detail_url, located, point
from yingji.core.registry import registry_for

from .choices import DepotLevel, FacilityKind, ShelterStatus, TeamType
from .models import Depot, Equipment, Expert, KeyFacility, RescueTeam, Shelter
from .stock import depot_summary

POPUP_LINES = 10  # the largest stock lines in a depot popup; the stock page lists them all
GROUP_TEAMS, GROUP_RESERVES, GROUP_PLACES = _lazy("救援队伍"), _lazy("物资与装备"), _lazy("避难与设施")
# Purples, greens, teals and greys: red, orange, yellow and blue mean grades and warning levels on every map.
TEAM_COLORS = {"fire_national": "#7b2cbf", "government": "#b5179e", "professional": "#3d348b", "enterprise": "#6d6875",
               "social": "#0f766e", "township": "#2d6a4f", "village": "#74c69d", "forest_semi": "#386641",
               "volunteer": "#e07be0"}
DEPOT_COLORS = {"district": "#5e503f", "township": "#6d597a", "forward": "#8e9aaf", "central_village": "#6c757d",
                "agreement": "#006d77"}
FACILITY_COLORS = {"fire_station": "#560bad", "hospital": "#2a9d8f", "helipad": "#9d4edd", "other": "#495057"}
SHELTER_LEGEND = (("#2b9348", _lazy("空余 ≥ 50%")), ("#99d98c", _lazy("空余 10%–50%")),
                  ("#6a0572", _lazy("空余 < 10%")), ("#adb5bd", _lazy("暂停或建设中")))

def _features(model, rows, props):
    url = detail_url(registry_for(model).url_name("detail"))
    return [point(r.lon, r.lat, {"uuid": str(r.uuid), "code": r.code, "name": r.name, "url": url(r.uuid), **props(r)})
            for r in rows[:MAX_FEATURES]]


def _team_layer(team_type):
    def features(user, bbox, params):
        rows = located(RescueTeam.objects.filter(team_type=team_type), user, bbox, params).only(
            "uuid", "code", "name", "lon", "lat", "readiness", "headcount", "specialities")
        return _features(RescueTeam, rows, lambda t: {"lines": [
            _("战备状态：%s") % t.get_readiness_display(), _("人数：%d") % t.headcount, t.specialities]})

    return features


def _depots(user, bbox, params):
    rows = list(located(Depot.objects.all(), user, bbox, params)[:MAX_FEATURES])
    stock = depot_summary([d.pk for d in rows])

    stock_url = detail_url("resources:depot-stock")

    def props(depot):
        held = sorted(stock.get(depot.pk, []), key=lambda s: -s["quantity"])
        lines = [f"{s['material']} {s['quantity'].normalize():f} {s['unit']}" for s in held[:POPUP_LINES]]
        more = [_("……共 %d 种物资") % len(held)] if len(held) > POPUP_LINES else []
        return {"color": DEPOT_COLORS[depot.level], "links": [[_("库存明细"), stock_url(depot.uuid)]],
                "lines": [depot.get_level_display(), *lines, *more] + ([] if held else [_("暂无库存")])}

    return _features(Depot, rows, props)


def _equipment(user, bbox, params):
    rows = located(Equipment.objects.select_related("team", "depot"), user, bbox, params)
    return _features(Equipment, rows, lambda e: {"lines": [
        f"{e.get_kind_display()} × {e.quantity}{e.unit}", e.get_condition_display(), str(e.team or e.depot or "")]})


def _shelter_color(shelter):
    if shelter.shelter_status in (ShelterStatus.CLOSED, ShelterStatus.BUILDING) or not shelter.capacity:
        return SHELTER_LEGEND[3][0]
    free = shelter.free_capacity / shelter.capacity
    return SHELTER_LEGEND[0][0] if free >= 0.5 else SHELTER_LEGEND[1][0] if free >= 0.1 else SHELTER_LEGEND[2][0]


def _shelters(user, bbox, params):
    rows = located(Shelter.objects.all(), user, bbox, params)
    return _features(Shelter, rows, lambda s: {"color": _shelter_color(s), "lines": [
        f"{s.get_shelter_class_display()} · {s.get_site_type_display()} · {s.get_shelter_status_display()}",
        _("容纳 %(c)d 人，已安置 %(o)d 人，空余 %(f)d 人") % {"c": s.capacity or 0, "o": s.occupancy,
                                                      "f": s.free_capacity}]})


def _expert_organizations(user, bbox, params):
    """One point per organization, with its number of experts; the link lists them."""
    rows = located(Expert.objects.all(), user, bbox, params).values("organization", "lon", "lat").annotate(
        experts=Count("id")).order_by("organization")
    base = registry_for(Expert).list_url
    return [point(r["lon"], r["lat"], {"name": r["organization"], "url": f"{base}?q={quote(r['organization'])}",
                                       "lines": [_("专家 %d 名") % r["experts"]]}) for r in rows[:MAX_FEATURES]]


def _facility_layer(kind):
    def features(user, bbox, params):
        rows = located(KeyFacility.objects.filter(kind=kind), user, bbox, params)
        return _features(KeyFacility, rows, lambda f: {"lines": [f.get_facility_status_display(), f.capability]})

    return features


def register_layers():
    for order, team_type in enumerate(TeamType, start=10):
        MAP_LAYERS.add(MapLayer(slug=f"resources-teams-{team_type.value}", title=team_type.label, group=GROUP_TEAMS,
                                features=_team_layer(team_type.value), color=TEAM_COLORS[team_type.value],
                                permission="resources.view_rescueteam", order=order))
    depot_legend = tuple((DEPOT_COLORS[level.value], level.label) for level in DepotLevel)
    MAP_LAYERS.add(MapLayer(slug="resources-depots", title=_lazy("储备库点（含库存）"), group=GROUP_RESERVES,
                            features=_depots, color=DEPOT_COLORS["district"], permission="resources.view_depot",
                            order=30, legend=depot_legend))
    MAP_LAYERS.add(MapLayer(slug="resources-equipment", title=_lazy("装备与车辆"), group=GROUP_RESERVES,
                            features=_equipment, color="#343a40", permission="resources.view_equipment", order=31))
    MAP_LAYERS.add(MapLayer(slug="resources-shelters", title=_lazy("应急避难场所（按空余容量着色）"),
                            group=GROUP_PLACES, features=_shelters, color=SHELTER_LEGEND[0][0],
                            permission="resources.view_shelter", order=40, legend=SHELTER_LEGEND))
    MAP_LAYERS.add(MapLayer(slug="resources-expert-organizations", title=_lazy("专家所在单位"), group=GROUP_PLACES,
                            features=_expert_organizations, color="#7209b7", permission="resources.view_expert",
                            order=41))
    for order, kind in enumerate(FacilityKind, start=42):
        MAP_LAYERS.add(MapLayer(slug=f"resources-facilities-{kind.value}", title=kind.label, group=GROUP_PLACES,
                                features=_facility_layer(kind.value), color=FACILITY_COLORS[kind.value],
                                permission="resources.view_keyfacility", order=order))
