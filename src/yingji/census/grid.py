"""The zoning per grid cell (公里网格): the same H × E × V formula as per township (risk.score), on square cells of
CELL_KM over 船山区 instead of townships. Each assessment stores its cells' results next to the townships' (
RiskAssessment.grid_results), so the grid map is the one of that run.

What a cell holds, for each hazard:
  H  地质灾害: the scale weights of the hazard points in the cell; 山洪/洪水/内涝: the area of each danger zone inside
     the cell (km²) × 20 / 重现期, divided by the cell's area.
  E  the people and property exposed there: a hazard point's 威胁人数/财产 at its cell; the registered households of a
     danger zone spread over the zone's cells by area (households carry no coordinates of their own), those of a
     hazard point at its cell; exposed assets whose representative point is in the cell and which lie in a zone
     (or within 300 m of a hazard point), as for townships.
  V  as for townships; the shelter places counted are those of shelters in the cell and the eight around it.
Scores are relative to the district's worst cell; a cell without any hazard is 低."""

import math

import shapely
from shapely.geometry import box, mapping, shape
from shapely.prepared import prep

from yingji.geo.measure import area_km2

from .risk import HAZARDS, NEAR_POINT_DEG, SCALE_WEIGHT, Township, score

CELL_KM = 1.0
KM_PER_DEG_LAT = 111.32


def cells(outline: dict, size_km: float = CELL_KM) -> list[tuple[str, tuple[float, float, float, float]]]:
    """(code, (min_lon, min_lat, max_lon, max_lat)) of the cells touching the district, row by row from the north."""
    district = shape(outline)
    inside = prep(district)
    min_x, min_y, max_x, max_y = district.bounds
    d_lat = size_km / KM_PER_DEG_LAT
    d_lon = size_km / (KM_PER_DEG_LAT * math.cos(math.radians((min_y + max_y) / 2)))
    rows, columns = math.ceil((max_y - min_y) / d_lat), math.ceil((max_x - min_x) / d_lon)
    result = []
    for row in range(rows):
        top = max_y - row * d_lat
        for column in range(columns):
            left = min_x + column * d_lon
            bounds = (round(left, 6), round(top - d_lat, 6), round(left + d_lon, 6), round(top, 6))
            if inside.intersects(box(*bounds)):
                result.append((f"G{row + 1:03d}-{column + 1:03d}", bounds))
    return result


def _cell_of(tree, codes, point) -> str | None:
    hits = tree.query(point, predicate="intersects")
    return codes[int(min(hits))] if len(hits) else None


def gather(outline: dict, size_km: float = CELL_KM) -> tuple[list[Township], dict]:
    """The raw inputs per cell from the registers (as risk.gather does per township), and code → bounds."""
    from django.db.models import Sum

    from yingji.resources.models import Shelter

    from .choices import RiskHazard
    from .models import DangerZone, ExposedAsset, HazardPoint, Household
    from .risk import add_exposure

    grid = cells(outline, size_km)
    codes = [code for code, _bounds in grid]
    boxes = [box(*bounds) for _code, bounds in grid]
    tree = shapely.STRtree(boxes)
    towns = {code: Township(code, code) for code in codes}
    cell_area = {code: area_km2(mapping(cell)) or 1.0 for code, cell in zip(codes, boxes, strict=True)}
    parts = {code: [] for code in codes}  # code → [(hazard, prepared part of a zone or a point's circle)]

    point_cells = {}
    for point in HazardPoint.objects.only("id", "lon", "lat", "scale", "threatened_people", "threatened_property_wan"):
        location = shapely.Point(point.lon, point.lat)
        code = _cell_of(tree, codes, location)
        if code is None:
            continue
        point_cells[point.id] = code
        x = towns[code].by_hazard[RiskHazard.GEOLOGICAL]
        x.hazard += SCALE_WEIGHT.get(point.scale, 1)
        x.people += point.threatened_people
        x.property_wan += float(point.threatened_property_wan)
        x.features += 1
        circle = location.buffer(NEAR_POINT_DEG)
        for index in tree.query(circle, predicate="intersects"):
            parts[codes[int(index)]].append((RiskHazard.GEOLOGICAL.value, prep(circle)))

    zone_shares = {}  # zone id → [(cell code, share of the zone's area)]
    for zone in DangerZone.objects.filter(geometry__isnull=False, zone_type__in=HAZARDS).only(
            "id", "zone_type", "return_period_years", "geometry"):
        polygon = shape(zone.geometry)
        whole = area_km2(zone.geometry) or 1e-9
        frequency = 20 / zone.return_period_years if zone.return_period_years else 1.0
        for index in tree.query(polygon, predicate="intersects"):
            code = codes[int(index)]
            piece = polygon.intersection(boxes[int(index)])
            if piece.is_empty:
                continue
            piece_km2 = area_km2(mapping(piece))
            x = towns[code].by_hazard[zone.zone_type]
            x.hazard += piece_km2 * frequency / cell_area[code]
            x.features += 1
            parts[code].append((zone.zone_type, prep(piece)))
            zone_shares.setdefault(zone.id, []).append((code, piece_km2 / whole))

    for row in Household.objects.values("danger_zone_id", "danger_zone__zone_type", "hazard_point_id").annotate(
            members=Sum("members"), elderly=Sum("elderly"), disabled=Sum("disabled"), children=Sum("children")):
        vulnerable = min(row["members"] or 0, (row["elderly"] or 0) + (row["disabled"] or 0) + (row["children"] or 0))
        if row["danger_zone_id"] and row["danger_zone__zone_type"] in HAZARDS:
            spread = [(code, share, row["danger_zone__zone_type"]) for code, share in
                      zone_shares.get(row["danger_zone_id"], [])]
        elif row["hazard_point_id"] in point_cells:
            spread = [(point_cells[row["hazard_point_id"]], 1.0, RiskHazard.GEOLOGICAL.value)]
        else:
            spread = []
        for code, share, hazard in spread:
            x = towns[code].by_hazard[hazard]
            x.people += (row["members"] or 0) * share
            x.vulnerable += vulnerable * share

    for asset in ExposedAsset.objects.only("asset_type", "structure", "occupants", "value_wan", "geometry", "lon",
                                           "lat"):
        if asset.lon is None:
            continue
        geometry = shape(asset.geometry) if asset.geometry else shapely.Point(asset.lon, asset.lat)
        code = _cell_of(tree, codes, shapely.Point(asset.lon, asset.lat))
        if code is None:
            continue
        for hazard in {hazard for hazard, part in parts[code] if part.intersects(geometry)}:
            add_exposure(towns[code].by_hazard[hazard], asset)

    places = {}
    for shelter in Shelter.objects.exclude(lon=None).only("lon", "lat", "capacity"):
        code = _cell_of(tree, codes, shapely.Point(shelter.lon, shelter.lat))
        if code is not None:
            places[code] = places.get(code, 0) + (shelter.capacity or 0)
    for code, town in towns.items():
        row, column = (int(n) for n in code[1:].split("-"))
        town.shelter_places = sum(places.get(f"G{r:03d}-{c:03d}", 0) for r in (row - 1, row, row + 1)
                                  for c in (column - 1, column, column + 1))
    return list(towns.values()), dict(grid)


def assess_grid(outline: dict, weights: dict[str, float], cuts: list[float], size_km: float = CELL_KM) -> list[dict]:
    """The cells' results, kept small (a district holds several hundred cells): code, bounds, score, class, exposed
    people and each hazard's R; cells without any hazard are left out (they are 低)."""
    townships, bounds = gather(outline, size_km)
    rows = []
    for row in score(townships, weights, cuts):
        if row["combined"] <= 0:
            continue
        rows.append({"code": row["code"], "bounds": list(bounds[row["code"]]), "score": row["score"],
                     "level": row["level"], "people": round(row["people"]),
                     "R": {h: part["R"] for h, part in row["hazards"].items()}})
    return rows
