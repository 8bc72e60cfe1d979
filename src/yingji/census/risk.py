"""Risk assessment and the combined zoning per township: risk = hazard × exposure × vulnerability.

The method (recorded on every RiskAssessment, shown on the zoning page; docs/census.md "Risk assessment"):

    For each township T and hazard h (地质灾害, 山洪, 洪水, 内涝):
      H(T,h)  hazard: 地质灾害 Σ over its hazard points of the scale weight (小型 1, 中型 2, 大型 4, 特大型 8);
              山洪/洪水/内涝 Σ over its danger zones of area(km²) × 20 / 重现期 (a 20-year zone counts in full,
              a 100-year one a fifth; no return period: 1), divided by the township's area.
      E(T,h)  exposure: 0.6 × people / max + 0.4 × property / max, over the townships, where people are the
              registered households' members, the hazard points' 威胁人数 and the occupants of exposed assets
              lying in the zones (or within 300 m of a hazard point); property the assets' value and the points'
              威胁财产 (万元).
      V(T,h)  vulnerability in 0…1: 0.5 × building fragility (occupant-weighted: 钢结构 0.2, 钢筋混凝土 0.3,
              砖混 0.5, 砖木 0.7, 土木 0.9, 其他 0.6; 0.5 when no building is registered) + 0.3 × the share of
              vulnerable people (老人/残疾人/儿童 of the households, everyone in schools, hospitals and welfare
              homes) + 0.2 × (1 − shelter places ÷ exposed people, at least 0).
      R(T,h) = H/max_T H × E × V
    Combined C(T) = Σ_h weight_h × R(T,h); score = 100 × C / max_T C; class by the configured lower bounds
    (default 高 ≥ 60, 较高 ≥ 40, 中 ≥ 20, 较低 ≥ 5, else 低). Townships with no hazard are 低.

Source and confidence: the R = H × E × V form is the census's own (国办发〔2020〕12号 risk assessment and zoning;
the UNDRR definition of disaster risk) [V]; the indicator choices, the sub-weights (0.6/0.4, 0.5/0.3/0.2), the
fragility coefficients, the hazard weights and the class bounds are this platform's defaults [?] — set on each
assessment, recorded with its results, and to be replaced by the district's adopted technical rules. Scores are
relative to the district's worst township (as the census's zoning grades a county's units against each other).
"""

from collections import defaultdict
from dataclasses import dataclass, field

import shapely
from django.utils.translation import gettext_lazy as _lazy
from shapely.geometry import shape
from shapely.prepared import prep

from yingji.core.models import Region
from yingji.geo.measure import area_km2

from .choices import HOUSING_TYPES, VULNERABLE_USE, HazardScale, RiskHazard, RiskLevel

METHOD = _lazy("风险 = 危险性 × 暴露度 × 脆弱性（乡镇、分灾种），综合风险 = 各灾种风险加权和，"
               "以全区最高乡镇为 100 分，按分级下限划为高、较高、中、较低、低五级。")
SCALE_WEIGHT = {HazardScale.SMALL: 1, HazardScale.MEDIUM: 2, HazardScale.LARGE: 4, HazardScale.HUGE: 8}
FRAGILITY = {"steel": 0.2, "concrete": 0.3, "masonry": 0.5, "brick_wood": 0.7, "earth_wood": 0.9, "other": 0.6}
DEFAULT_FRAGILITY = 0.5
NEAR_POINT_DEG = 0.003  # about 300 m
HAZARDS = [h.value for h in RiskHazard]
LEVELS = [RiskLevel.HIGH, RiskLevel.HIGHER, RiskLevel.MEDIUM, RiskLevel.LOWER]


@dataclass
class Exposure:
    """What one township holds for one hazard (the raw inputs; `assess` normalises across townships)."""

    hazard: float = 0.0
    people: int = 0
    property_wan: float = 0.0
    vulnerable: int = 0
    fragility_weight: float = 0.0  # Σ occupants × fragility of exposed buildings
    building_people: int = 0  # Σ occupants of exposed buildings
    features: int = 0  # hazard points and zones counted

    @property
    def fragility(self) -> float:
        return self.fragility_weight / self.building_people if self.building_people else DEFAULT_FRAGILITY


@dataclass
class Township:
    code: str
    name: str
    shelter_places: int = 0
    by_hazard: dict[str, Exposure] = field(default_factory=lambda: {h: Exposure() for h in HAZARDS})


def level_of(score: float, cuts: list[float]) -> str:
    for level, cut in zip(LEVELS, cuts, strict=True):
        if score >= cut:
            return level.value
    return RiskLevel.LOW.value


def score(townships: list[Township], weights: dict[str, float], cuts: list[float]) -> list[dict]:
    """The results rows (one per township, worst first) from the raw inputs: the formula of the module's doc."""
    top = {h: {"hazard": max((t.by_hazard[h].hazard for t in townships), default=0),
               "people": max((t.by_hazard[h].people for t in townships), default=0),
               "property": max((t.by_hazard[h].property_wan for t in townships), default=0)} for h in HAZARDS}
    rows = []
    for township in townships:
        parts, combined = {}, 0.0
        for h in HAZARDS:
            x, m = township.by_hazard[h], top[h]
            h_n = x.hazard / m["hazard"] if m["hazard"] else 0.0
            e = 0.6 * (x.people / m["people"] if m["people"] else 0) + \
                0.4 * (x.property_wan / m["property"] if m["property"] else 0)
            shortfall = max(0.0, 1 - township.shelter_places / x.people) if x.people else 0.0
            v = 0.5 * x.fragility + 0.3 * (x.vulnerable / x.people if x.people else 0) + 0.2 * shortfall
            r = h_n * e * v
            combined += weights.get(h, 0) * r
            parts[h] = {"H": round(h_n, 3), "E": round(e, 3), "V": round(v, 3), "R": round(r, 4),
                        "people": x.people, "property_wan": round(x.property_wan, 2), "vulnerable": x.vulnerable,
                        "features": x.features}
        rows.append({"code": township.code, "name": township.name, "shelter_places": township.shelter_places,
                     "combined": combined, "hazards": parts})
    best = max((row["combined"] for row in rows), default=0)
    for row in rows:
        row["score"] = round(100 * row["combined"] / best, 1) if best else 0.0
        row["level"] = level_of(row["score"], cuts) if row["combined"] > 0 else RiskLevel.LOW.value
        row["combined"] = round(row["combined"], 5)
        row["people"] = sum(part["people"] for part in row["hazards"].values())
    return sorted(rows, key=lambda row: (-row["score"], row["code"]))


def hazard_zoning(results: list[dict], hazard: str, cuts: list[float]) -> dict[str, dict]:
    """The per-hazard zoning from an assessment's results: township code → {"score", "level"}, the hazard's risk R
    scored against the district's highest R for that hazard (100) and classed by the same bounds as the combined
    zoning; a township without that hazard is 低 with score 0."""
    best = max((row["hazards"].get(hazard, {}).get("R", 0) for row in results), default=0)
    zoning = {}
    for row in results:
        risk = row["hazards"].get(hazard, {}).get("R", 0)
        value = round(100 * risk / best, 1) if best else 0.0
        zoning[row["code"]] = {"score": value,
                               "level": level_of(value, cuts) if risk > 0 else RiskLevel.LOW.value}
    return zoning


def assess(weights: dict[str, float], cuts: list[float]) -> list[dict]:
    return score(gather(), weights, cuts)


def _township_code(path: str) -> str | None:
    parts = path.strip("/").split("/")
    return parts[1] if len(parts) > 1 else None


def gather() -> list[Township]:
    """The inputs from the registers: hazard points, danger zones, households, exposed assets, shelters."""
    from yingji.resources.models import Shelter

    from .models import DangerZone, HazardPoint, Household

    regions = list(Region.objects.townships().order_by("code").only("code", "name", "area_km2", "geometry"))
    towns = {r.code: Township(r.code, r.name) for r in regions}
    areas = {r.code: (r.area_km2 or (area_km2(r.geometry) if r.geometry else 0) or 1.0) for r in regions}

    points = list(HazardPoint.objects.select_related("region").only(
        "lon", "lat", "scale", "threatened_people", "threatened_property_wan", "region__path"))
    for point in points:
        town = towns.get(_township_code(point.region.path))
        if town:
            x = town.by_hazard[RiskHazard.GEOLOGICAL]
            x.hazard += SCALE_WEIGHT.get(point.scale, 1)
            x.people += point.threatened_people
            x.property_wan += float(point.threatened_property_wan)
            x.features += 1

    zones = []
    for zone in DangerZone.objects.filter(geometry__isnull=False).select_related("region").only(
            "zone_type", "return_period_years", "geometry", "region__path"):
        code = _township_code(zone.region.path)
        if code in towns and zone.zone_type in HAZARDS:  # 森林火险区 is registered and mapped, not scored
            frequency = 20 / zone.return_period_years if zone.return_period_years else 1.0
            x = towns[code].by_hazard[zone.zone_type]
            x.hazard += area_km2(zone.geometry) * frequency / areas[code]
            x.features += 1
            zones.append((code, zone.zone_type, prep(shape(zone.geometry))))

    households = Household.objects.values("region__path", "danger_zone__zone_type", "hazard_point_id",
                                          "members", "elderly", "disabled", "children")
    for row in households.iterator(chunk_size=2000):
        town = towns.get(_township_code(row["region__path"]))
        hazard = row["danger_zone__zone_type"] or (RiskHazard.GEOLOGICAL if row["hazard_point_id"] else None)
        if town and hazard in town.by_hazard:
            x = town.by_hazard[hazard]
            x.people += row["members"]
            x.vulnerable += min(row["members"], row["elderly"] + row["disabled"] + row["children"])

    _assets(towns, zones, points)
    for shelter in Shelter.objects.select_related("region").only("capacity", "region__path"):
        town = towns.get(_township_code(shelter.region.path))
        if town:
            town.shelter_places += shelter.capacity or 0
    return list(towns.values())


def _assets(towns, zones, points) -> None:
    """Exposed assets in a zone (its hazard) or within 300 m of a hazard point (地质灾害), each counted once per
    hazard."""
    near = defaultdict(list)
    for point in points:
        near[_township_code(point.region.path)].append(shapely.Point(point.lon, point.lat).buffer(NEAR_POINT_DEG))
    by_town = defaultdict(list)
    for code, hazard, polygon in zones:
        by_town[code].append((hazard, polygon))
    for code, circles in near.items():
        by_town[code] += [(RiskHazard.GEOLOGICAL.value, prep(circle)) for circle in circles]
    from .models import ExposedAsset

    for asset in ExposedAsset.objects.select_related("region").only(
            "asset_type", "structure", "occupants", "value_wan", "geometry", "lon", "lat", "region__path"):
        code = _township_code(asset.region.path)
        if code not in towns or asset.lon is None:
            continue
        geometry = shape(asset.geometry) if asset.geometry else shapely.Point(asset.lon, asset.lat)
        for hazard in {hazard for hazard, polygon in by_town.get(code, ()) if polygon.intersects(geometry)}:
            add_exposure(towns[code].by_hazard[hazard], asset)


def add_exposure(exposure, asset) -> None:
    """One asset inside a hazard's area adds its people, property, vulnerable people and buildings' fragility to the
    exposure of that hazard (a township's, or a grid cell's in grid.py)."""
    exposure.people += asset.occupants
    exposure.property_wan += float(asset.value_wan)
    if asset.asset_type in VULNERABLE_USE:
        exposure.vulnerable += asset.occupants
    if asset.asset_type in HOUSING_TYPES and asset.occupants:
        exposure.building_people += asset.occupants
        exposure.fragility_weight += asset.occupants * FRAGILITY.get(asset.structure, DEFAULT_FRAGILITY)
