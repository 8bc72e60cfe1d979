"""One-map layers: geological hazard points by scale, danger zones (polygons) by type, the combined zoning and the
zoning per hazard (townships by class)."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from yingji.core.extensions import MAP_LAYERS, MapLayer
from yingji.core.geojson import MAX_FEATURES, detail_url, located, point
from yingji.core.registry import registry_for

from .choices import HazardScale, RiskHazard, RiskLevel, ZoneType
from .models import DangerZone, HazardPoint

GROUP = _lazy("风险普查")
# Purples by size and teals for zones: red, orange, yellow and blue mean an incident's grade or a warning's level
# on every map (tests/core/test_map_colours.py), and a big landslide point is not a red warning.
SCALE_HEX = {HazardScale.HUGE: "#3c096c", HazardScale.LARGE: "#5a189a", HazardScale.MEDIUM: "#9d4edd",
             HazardScale.SMALL: "#8d6e63"}
ZONE_HEX = {ZoneType.FLASH_FLOOD: "#6d597a", ZoneType.WATERLOGGING: "#2a9d8f", ZoneType.FLOOD: "#264653",
            ZoneType.FOREST_FIRE: "#606c38"}


def _points(user, bbox, params):
    url = detail_url(registry_for(HazardPoint).url_name("detail"))
    rows = located(HazardPoint.objects.all(), user, bbox, params)[:MAX_FEATURES]
    return [point(p.lon, p.lat, {"uuid": str(p.uuid), "code": p.code, "name": p.name, "url": url(p.uuid),
                                 "color": SCALE_HEX.get(p.scale, "#8d6e63"), "lines": [
                                     f"{p.get_hazard_type_display()} · {p.get_scale_display()}",
                                     _("威胁 %(h)d 户 %(p)d 人") % {"h": p.threatened_households,
                                                                  "p": p.threatened_people}]})
            for p in rows]


def _zones(user, bbox, params):
    url = detail_url(registry_for(DangerZone).url_name("detail"))
    rows = located(DangerZone.objects.filter(geometry__isnull=False), user, bbox, params)[:MAX_FEATURES]
    return [{"type": "Feature", "geometry": z.geometry, "properties": {
        "uuid": str(z.uuid), "code": z.code, "name": z.name, "url": url(z.uuid),
        "color": ZONE_HEX.get(z.zone_type, "#264653"), "lines": [z.get_zone_type_display(), z.river]}}
        for z in rows]


def register_layers() -> None:
    MAP_LAYERS.add(MapLayer("census-hazard-points", _lazy("地质灾害隐患点"), GROUP, _points, color="#5a189a",
                            permission="census.view_hazardpoint", order=80,
                            legend=tuple((SCALE_HEX[s], s.label) for s in HazardScale)))
    MAP_LAYERS.add(MapLayer("census-danger-zones", _lazy("山洪、内涝与洪水淹没危险区"), GROUP, _zones,
                            color="#264653", geometry="polygon", permission="census.view_dangerzone", order=81,
                            legend=tuple((ZONE_HEX[z], z.label) for z in ZoneType)))
    MAP_LAYERS.add(MapLayer("census-risk-zoning", _lazy("综合风险区划（乡镇）"), GROUP, _zoning, color="#7b2cbf",
                            geometry="polygon", permission="census.view_riskassessment", order=82,
                            legend=tuple((LEVEL_HEX[level], level.label) for level in RiskLevel)))
    MAP_LAYERS.add(MapLayer("census-risk-zoning-grid", _lazy("综合风险区划（公里网格）"), GROUP, _grid_zoning,
                            color="#7b2cbf", geometry="polygon", permission="census.view_riskassessment", order=87,
                            legend=tuple((LEVEL_HEX[level], level.label) for level in RiskLevel)))
    for order, (hazard, title) in enumerate(HAZARD_LAYER_TITLES.items(), 83):
        MAP_LAYERS.add(MapLayer(hazard_layer_slug(hazard), title, GROUP, _hazard_zoning(hazard), color="#7b2cbf",
                                geometry="polygon", permission="census.view_riskassessment", order=order,
                                legend=tuple((LEVEL_HEX[level], level.label) for level in RiskLevel)))


HAZARD_LAYER_TITLES = {RiskHazard.GEOLOGICAL: _lazy("地质灾害风险区划（乡镇）"),
                       RiskHazard.FLASH_FLOOD: _lazy("山洪风险区划（乡镇）"),
                       RiskHazard.FLOOD: _lazy("洪水风险区划（乡镇）"),
                       RiskHazard.WATERLOGGING: _lazy("内涝风险区划（乡镇）")}


def hazard_layer_slug(hazard) -> str:
    return "census-risk-zoning-" + str(hazard).replace("_", "-")


# The combined zoning: purples darkening with the risk (not the grade colours: a 高风险 township is not a 特别重大
# incident), the lowest class grey.
LEVEL_HEX = {RiskLevel.HIGH: "#3c096c", RiskLevel.HIGHER: "#7b2cbf", RiskLevel.MEDIUM: "#b185db",
             RiskLevel.LOWER: "#d9c8e8", RiskLevel.LOW: "#ced4da"}


def latest_assessment(user):
    """The zoning in force for `user`: the latest published assessment they may read."""
    from yingji.core.scoping import scope_to_user

    from .models import RiskAssessment

    published = RiskAssessment.objects.filter(published=True).exclude(results=[])
    return scope_to_user(published, user).order_by("-assessed_at", "-id").first()


def zoning_townships(user):
    """The townships whose zoning the user sees: all for the district's staff, their own for a township's."""
    from yingji.core.models import Region
    from yingji.core.scoping import scope_to_user

    return scope_to_user(Region.objects.townships(), user).order_by("code")


def _zoning(user, bbox, params, hazard=None):
    from .risk import hazard_zoning

    assessment = latest_assessment(user)
    if assessment is None:
        return []
    url = reverse("census:zoning") + (f"?hazard={hazard}" if hazard else "")
    by_hazard = hazard_zoning(assessment.results, hazard, assessment.cuts()) if hazard else {}
    features = []
    for township in zoning_townships(user).filter(geometry__isnull=False):
        row = assessment.row_for(township.code)
        if row is None:
            continue
        zoned = by_hazard.get(township.code, row)
        level = RiskLevel(zoned["level"])
        people = row["hazards"][hazard]["people"] if hazard else row["people"]
        features.append({"type": "Feature", "geometry": township.geometry, "properties": {
            "code": township.code, "name": township.name, "url": url, "color": LEVEL_HEX[level],
            "lines": [f"{level.label} · {zoned['score']}", _("暴露人口 %(n)d 人") % {"n": people}]}})
    return features


def _hazard_zoning(hazard):
    def features(user, bbox, params):
        return _zoning(user, bbox, params, hazard=hazard.value)

    return features


def visible_cells(user, assessment) -> list[dict]:
    """The assessment's grid cells the user sees: all for the district's staff, those whose centre lies in their
    townships for a township's (cells without any hazard are not stored: they are 低)."""
    from shapely.geometry import Point, shape
    from shapely.prepared import prep

    from yingji.core.models import Region

    if assessment is None:
        return []
    townships = zoning_townships(user)
    if townships.count() == Region.objects.townships().count():
        return list(assessment.grid_results)
    areas = [prep(shape(t.geometry)) for t in townships.filter(geometry__isnull=False)]
    return [cell for cell in assessment.grid_results if any(
        area.contains(Point((cell["bounds"][0] + cell["bounds"][2]) / 2, (cell["bounds"][1] + cell["bounds"][3]) / 2))
        for area in areas)]


def _grid_zoning(user, bbox, params):
    assessment = latest_assessment(user)
    url = reverse("census:zoning-print") + "?unit=grid"
    features = []
    for cell in visible_cells(user, assessment):
        x0, y0, x1, y1 = cell["bounds"]
        level = RiskLevel(cell["level"])
        features.append({"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [
            [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]]}, "properties": {
            "code": cell["code"], "name": cell["code"], "url": url, "color": LEVEL_HEX[level],
            "lines": [f"{level.label} · {cell['score']}", _("暴露人口 %(n)d 人") % {"n": cell["people"]}]}})
    return features
