"""Loads the census demonstration data (a DEMO_LOADERS entry, order 85). Deterministic and flagged is_demo.

Hazard points, danger zones and historical disasters are saved one by one with the model's checks (a few dozen).
The ~5,000 registered households, the Aug 2020 transfer's marks and the relief registrations are bulk-created:
they are demonstration data built from rows already checked here (every household has a zone or point, a
shelter of its township and members ≥ its vulnerable counts), and one audited save each would add tens of
seconds to every demo load. A second load keeps what the first wrote."""

import json
import random
from datetime import datetime, timedelta
from decimal import Decimal
from functools import cache
from zoneinfo import ZoneInfo

from shapely.geometry import Point, shape

from yingji.core.models import Region
from yingji.demo import townships as places
from yingji.demo.loader import upsert
from yingji.demo.organizations import GIVEN_NAMES, SURNAMES
from yingji.geo.partition import sample_points_in
from yingji.incidents.models import Incident
from yingji.resources.models import Shelter

from . import demo_data as data
from .choices import ASSET_CLASS_OF, Mark, TransferState
from .demo_live import load_live
from .geometry import normalised
from .models import (
    AffectedPerson,
    DangerZone,
    Distribution,
    ExposedAsset,
    HazardPoint,
    HistoricalDisaster,
    Household,
    RiskAssessment,
    Transfer,
    TransferMark,
)

SEED = 510903
CST = ZoneInfo("Asia/Shanghai")
RAINSTORM = "SJ20200813-0001"


def load(progress=print) -> None:
    progress("载入风险普查与避险转移：隐患点、危险区、建档立卡户、2020年8月转移与救助……")
    points, zones = _hazard_points(), _zones()
    _history()
    if not Household.objects.filter(is_demo=True).exists():
        _households(points, zones)
    incident = Incident.objects.filter(code=RAINSTORM).first()
    if incident is not None and not Transfer.objects.filter(incident=incident).exists():
        _past_transfer(incident)
    if not ExposedAsset.objects.filter(is_demo=True).exists():
        _assets(points, zones)
    upsert(RiskAssessment, "FXPG-DEMO", validate=True, name="船山区自然灾害综合风险评估与区划（演示）", published=True,
           region=Region.objects.get(level=1), description="演示数据：按平台默认权重与分级下限计算")
    load_live(next(z for z in zones if z.river == "郪江" and z.region.name == "桂花镇"))


@cache
def _township(name: str) -> Region:
    return Region.objects.get(code=places.township(name).code)


@cache
def _spots(name: str) -> tuple:
    code = places.township(name).code
    return tuple(sample_points_in(places.township_partition()[code], 24, seed=f"census-{code}"))


def _person(rng) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN_NAMES)


def _phone(rng) -> str:
    return f"1{rng.choice('3589')}{rng.randrange(10**8, 10**9)}"


def _hazard_points() -> list[HazardPoint]:
    rng, rows, number = random.Random(SEED), [], 0
    for name, count in data.HAZARD_POINTS.items():
        for index in range(count):
            number += 1
            kind = data.HAZARD_TYPES[number % len(data.HAZARD_TYPES)]
            households = rng.randrange(2, 30)
            lon, lat = _spots(name)[index]
            village = places.villages_of(places.township(name).code)[index % 5]
            rows.append(upsert(
                HazardPoint, f"DZ-{number:03d}", validate=True,
                name=f"{name}{village.name}{dict(_hazard_labels())[kind]}隐患点", hazard_type=kind,
                scale=data.SCALES[number % len(data.SCALES)], threatened_households=households,
                threatened_people=households * rng.randrange(2, 5),
                threatened_property_wan=Decimal(households * rng.randrange(8, 25)), monitor_name=_person(rng),
                monitor_phone=_phone(rng),
                region=Region.objects.get(code=village.code), lon=lon, lat=lat,
                description="演示数据（近似值）"))
    return rows


def _hazard_labels():
    from .choices import HazardType

    return [(value, str(label)) for value, label in HazardType.choices]


def _zones() -> list[DangerZone]:
    rows = []
    for number, (name, title, kind, river, period, radius) in enumerate(data.ZONES, 1):
        cell = shape(places.township_partition()[places.township(name).code])
        lon, lat = _spots(name)[12 + number % 6]
        polygon = Point(lon, lat).buffer(radius, quad_segs=6).intersection(cell.buffer(-0.0005))
        rows.append(upsert(
            DangerZone, f"WXQ-{number:03d}", validate=True, name=title, zone_type=kind, river=river,
            return_period_years=period, polygon=json.dumps(normalised(polygon.simplify(0.0001))),
            region=_township(name), lon=None, lat=None, description="演示数据（范围为近似示意）"))
    return rows


def _history() -> None:
    district = Region.objects.get(level=1)
    for code, name, year, kind, affected, deaths, loss, incident, note in data.HISTORY:
        upsert(HistoricalDisaster, code, validate=True, name=name, year=year, disaster_type=kind,
               affected_people=affected, deaths=deaths, direct_loss_wan=Decimal(loss), incident_code=incident,
               region=district, description=note)


def _shelters_by_township() -> dict[str, list[Shelter]]:
    shelters = {}
    for shelter in Shelter.objects.filter(is_demo=True).select_related("region").order_by("code"):
        shelters.setdefault(shelter.region.path.strip("/").split("/")[1], []).append(shelter)
    return shelters


def _households(points, zones) -> None:
    """~5,000 households: four in five in a danger zone, the rest under a hazard point; in villages of the
    zone's (point's) township, assigned to that township's shelters."""
    rng, shelters, rows = random.Random(SEED + 1), _shelters_by_township(), []
    homes = [("zone", zone) for zone in zones] * 4 + [("point", point) for point in points]
    villages = {r.code: r for r in Region.objects.filter(level=3)}
    today = datetime(2026, 5, 12).date()
    for number in range(1, data.HOUSEHOLDS + 1):
        kind, home = homes[rng.randrange(len(homes))]
        township = home.region.path.strip("/").split("/")[1]
        village = villages[rng.choice(places.villages_of(township)).code]
        members = rng.choice((1, 2, 3, 3, 4, 4, 5, 6))
        choices = shelters.get(township) or [None]
        rows.append(Household(
            code=f"HH-{number:05d}", name=_person(rng), region=village, members=members,
            danger_zone=home if kind == "zone" else None, hazard_point=home if kind == "point" else None,
            elderly=min(members, rng.choice((0, 0, 1, 1, 2))), disabled=1 if rng.random() < 0.04 else 0,
            children=min(members - 1, rng.choice((0, 0, 1, 2))) if members > 1 else 0, phone=_phone(rng),
            shelter=choices[number % len(choices)], route=f"沿村道步行至{village.name}村委会，再乘车至安置点",
            cadre=_person(rng), cadre_phone=_phone(rng), last_drill=today - timedelta(days=rng.randrange(20, 400)),
            is_demo=True, description="演示数据（近似值）"))
    Household.objects.bulk_create(rows, batch_size=1000)


def _at(hours: float, incident) -> datetime:
    return incident.occurred_at + timedelta(hours=hours)


def _past_transfer(incident) -> None:
    """One closed transfer per township hit in Aug 2020: most households moved (some refused, some not found),
    the moved ones registered at their shelters 3 h after the start, and each shelter's first distribution
    data.RELIEF_HOURS after it — within 8 h everywhere but 老池镇."""
    marks, people = [], []
    for name in data.TRANSFER_TOWNSHIPS:
        region = _township(name)
        transfer = upsert(Transfer, f"ZY-2020-{region.code[6:9]}", name=f"“8·13”暴雨{name}避险转移",
                          incident=incident, region=region, started_at=_at(1, incident), state=TransferState.CLOSED,
                          description="演示数据：2020年8月暴雨洪涝灾害的历史转移")
        for index, household in enumerate(transfer.households().select_related("region").order_by("code")):
            mark = (Mark.REFUSED if index % data.REFUSED_EVERY == 5 else
                    Mark.NOT_FOUND if index % data.NOT_FOUND_EVERY == 7 else Mark.TRANSFERRED)
            moved = mark == Mark.TRANSFERRED
            marks.append(TransferMark(transfer=transfer, household=household, mark=mark, people=household.members,
                                      shelter_id=household.shelter_id if moved else None,
                                      at=_at(2 + index % 5 / 10, incident)))
            if moved and household.shelter_id:
                people.append(AffectedPerson(
                    code=f"SZ-2020-{household.code[3:]}", name=household.name, incident=incident,
                    shelter_id=household.shelter_id, household=household, people=household.members,
                    registered_at=_at(3, incident), needs="食品、饮用水、衣被", region=household.region,
                    is_demo=True))
        _distributions(incident, region, data.RELIEF_HOURS[name])
    TransferMark.objects.bulk_create(marks, batch_size=2000)
    AffectedPerson.objects.bulk_create(people, batch_size=1000)


def _distributions(incident, region, hours) -> None:
    for shelter in Shelter.objects.filter(region__path__startswith=region.path, is_demo=True).order_by("code"):
        for n, (item, quantity, unit, later) in enumerate((("方便面", 120, "箱", 0), ("饮用水", 300, "箱", 0),
                                                          ("棉被", 200, "床", 6)), 1):
            upsert(Distribution, f"FF-2020-{shelter.code[3:]}-{n}", name=item, incident=incident, shelter=shelter,
                   quantity=Decimal(quantity), unit=unit, distributed_at=_at(hours + later, incident),
                   region=shelter.region, description="演示数据")


STRUCTURES = ("earth_wood", "brick_wood", "masonry", "masonry", "concrete", "brick_wood", "masonry")


def _asset(code, name, kind, geometry, region, rng, **fields) -> ExposedAsset:
    point = geometry.representative_point()
    return ExposedAsset(
        code=code, name=name, asset_type=kind, asset_class=ASSET_CLASS_OF[kind], region=region,
        shape=json.dumps(normalised(geometry)), geometry=normalised(geometry), lon=round(point.x, 6),
        lat=round(point.y, 6), value_wan=Decimal(fields.pop("value", rng.randrange(20, 200))), is_demo=True,
        description="演示数据（近似值）", **fields)


def _assets(points, zones) -> None:
    """Exposed assets: each township's schools, health centre and welfare home; houses in every danger zone and
    around every hazard point (structures mixed, more 土木/砖木 in the hills); a dyke along each flood area.
    Bulk-created from rows checked here (inside their township's cell), like the households."""
    rng, rows = random.Random(SEED + 7), []
    for town in places.TOWNSHIPS:
        region, spots, urban = _township(town.name), _spots(town.name), town.name.endswith("街道")
        for n, (kind, title, structure, occupants) in enumerate((
                ("school", "中心小学", "concrete", 600), ("school", "初级中学", "concrete", 900),
                ("hospital", "卫生院" if not urban else "社区卫生服务中心", "concrete", 120),
                ("welfare_home", "敬老院" if not urban else "养老服务中心", "masonry", 60))):
            rows.append(_asset(f"CZT-{town.code[6:9]}-P{n + 1}", f"{town.name}{title}", kind,
                               Point(*spots[18 + n]), region, rng, structure=structure, occupants=occupants,
                               floors=rng.choice((2, 3, 4)), value=rng.randrange(300, 2000)))
    for zone in zones:
        polygon = shape(zone.geometry)
        for n, (lon, lat) in enumerate(sample_points_in(polygon, 6, seed=f"czt-{zone.code}")):
            kind = "urban_housing" if zone.zone_type == "waterlogging" else "rural_housing"
            rows.append(_asset(f"CZT-{zone.code}-{n + 1}", f"{zone.name}第{n + 1}片民房", kind,
                               Point(lon, lat).buffer(0.0003, quad_segs=2), zone.region, rng,
                               structure=STRUCTURES[(n + zone.pk) % len(STRUCTURES)], occupants=rng.randrange(8, 40),
                               floors=rng.choice((1, 2, 2, 3))))
        if zone.zone_type == "flood":
            ring = list(polygon.exterior.coords) if polygon.geom_type == "Polygon" else []
            if len(ring) > 6:
                from shapely.geometry import LineString

                rows.append(_asset(f"CZT-{zone.code}-DF", f"{zone.river}{zone.region.name}段堤防", "dyke",
                                   LineString(ring[:6]), zone.region, rng, value=rng.randrange(500, 3000)))
    for point in points:
        for n in range(2):
            house = Point(point.lon + (0.0008 if n else -0.0006), point.lat + (0.0005 if n else -0.0007))
            rows.append(_asset(f"CZT-{point.code}-{n + 1}", f"{point.name}下方民房{n + 1}", "rural_housing",
                               house.buffer(0.0002, quad_segs=2), point.region, rng,
                               structure=STRUCTURES[(n + point.pk) % 3], occupants=rng.randrange(3, 12), floors=2))
    rows += _flood_works(rng)
    ExposedAsset.objects.bulk_create(rows, batch_size=1000)


def _flood_works(rng) -> list[ExposedAsset]:
    """The seed's reservoirs (points) and the river reaches to regulate (a short dyke line from a spot of the
    township towards its seat), in the register like any other asset."""
    from shapely.geometry import LineString

    rows, used = [], {}
    for n, (name, town, note) in enumerate(data.RESERVOIRS, 1):
        k = used[town] = used.get(town, -1) + 1
        asset = _asset(f"CZT-SK-{n:02d}", name, "reservoir", Point(*_spots(town)[(22 + k) % 24]), _township(town),
                       rng, value=rng.randrange(800, 5000))
        asset.description = f"{note}；演示数据（位置为近似示意）"
        rows.append(asset)
    for n, (name, town) in enumerate(data.RIVER_REACHES, 1):
        k = used[town] = used.get(town, -1) + 1
        (lon, lat), seat = _spots(town)[(22 + k) % 24], places.township(town).seat
        line = LineString([(lon, lat), (lon + (seat[0] - lon) * 0.3, lat + (seat[1] - lat) * 0.3)])
        asset = _asset(f"CZT-HD-{n:02d}", f"{name}堤防", "dyke", line, _township(town), rng,
                       value=rng.randrange(500, 3000))
        asset.description = "专栏3.2 河段综合治理；演示数据（位置为近似示意）"
        rows.append(asset)
    return rows
