"""Loads the resources demonstration data (called by yingji.demo.loader). Deterministic, idempotent
(records are matched by code), and everything is flagged is_demo."""

import random
from datetime import timedelta
from decimal import Decimal
from functools import cache, partial

from django.utils import timezone

from yingji.core.models import Region
from yingji.demo import townships as places
from yingji.demo.loader import upsert as demo_upsert
from yingji.demo.organizations import GIVEN_NAMES, SURNAMES
from yingji.demo.townships import split_exactly
from yingji.geo.partition import sample_points_in

from . import demo_data as data
from . import services
from .models import Depot, Equipment, Expert, KeyFacility, Material, RescueTeam, Shelter, StockMinimum, TeamMember

SEED = 510903


def load(progress=print) -> None:
    progress("载入应急资源：队伍、装备、物资与库存、专家、避难场所、重要设施……")
    _materials()
    _teams()
    depots = _depots()
    _stock(depots)
    _experts()
    _shelters()
    _facilities()


upsert = partial(demo_upsert, validate=True)  # resources records are checked like a form would check them


@cache
def region(name_or_code: str) -> Region:
    if name_or_code.isdigit():
        return Region.objects.get(code=name_or_code)
    return Region.objects.get(code=places.township(name_or_code).code)


@cache
def _spots(township_name: str) -> tuple[tuple[float, float], ...]:
    code = places.township(township_name).code
    return tuple(sample_points_in(places.township_partition()[code], 16, seed=f"resources-{code}"))


def spot(township_name: str, index: int) -> dict:
    lon, lat = _spots(township_name)[index % 16]
    return {"lon": lon, "lat": lat, "region": region(township_name)}


def person_name(key: str) -> str:
    rng = random.Random(f"{SEED}-{key}")
    return rng.choice(SURNAMES) + rng.choice(GIVEN_NAMES)


def phone(key: str) -> str:
    return f"13{random.Random(f'{SEED}-phone-{key}').randrange(10**8, 10**9)}"


def _materials():
    district = Region.objects.get(level=1)
    for gb_code, name, use, unit, shelf_life in data.MATERIALS:
        upsert(Material, gb_code, name=name, gb_code=gb_code, use=use, unit=unit, shelf_life_days=shelf_life,
               region=district)


def _team(code, name, team_type, headcount, where: dict, specialities="", leader=""):
    return upsert(RescueTeam, code, name=name, team_type=team_type, headcount=headcount, specialities=specialities,
                  leader=leader or person_name(code), leader_phone=phone(code), readiness="standby", **where)


def _gear(owner_code, items, **owner):
    for index, (name, kind, quantity, unit) in enumerate(items, 1):
        last = timezone.localdate() - timedelta(days=30 * (index % 7) + 20)
        upsert(Equipment, f"EQ-{owner_code}-{index:02d}", name=name, kind=kind, quantity=quantity, unit=unit,
               last_maintained=last, next_maintenance=last + timedelta(days=180), lon=None, lat=None, **owner)


def _teams():
    for index, (code, name, team_type, headcount, township, specialities, leader) in enumerate(data.TEAMS):
        team = _team(code, name, team_type, headcount, spot(township, index), specialities, leader)
        _gear(code, data.TEAM_GEAR[code], team=team, region=team.region)
    _guanyinhu_roster()
    for township in data.STATION_TOWNSHIPS:
        code = f"TEAM-T{places.township(township).code[6:9]}"
        team = _team(code, f"{township}综合应急救援队", "township", data.TOWNSHIP_TEAM_SIZE, spot(township, 1),
                     "防汛、森林、综合")
        boat = [("冲锋舟", "boat", 1, "艘")] if township in data.RIVERSIDE else []
        _gear(code, data.TOWNSHIP_KIT + boat, team=team, region=team.region)
    villages = places.villages()
    sizes = split_exactly(data.VILLAGE_PEOPLE, [v.population ** 0.5 for v in villages])
    for index, (village, size) in enumerate(zip(villages, sizes, strict=True)):
        home = region(village.code)
        code = f"TEAM-V{village.code[6:]}"
        team = _team(code, f"{village.name}应急分队", "village", size,
                     {"lon": home.lon, "lat": home.lat, "region": home}, "防汛")
        if index % data.VILLAGE_UNEQUIPPED_EVERY != 3:
            _gear(code, data.VILLAGE_KIT, team=team, region=home)


def _guanyinhu_roster():
    team = RescueTeam.objects.get(code="TEAM-S001")
    posts = ["队长", "副队长", "冲锋舟驾驶员", "冲锋舟驾驶员", "潜水员", "医疗救护员", "队员", "队员"]
    for index, post in enumerate(posts, 1):
        code = f"TM-S001-{index:02d}"
        skills = "游泳、水域救援" + ("、驾驶冲锋舟" if "驾驶" in post else "")
        upsert(TeamMember, code, name=team.leader if index == 1 else person_name(code), team=team, post=post,
               region=team.region, mobile=phone(code), skills=skills,
               certificates="水域救援技术员证" if index < 6 else "",
               training="2024-04-12 涪江汛前水域救援演练\n2024-11-20 冰冷水域自救互救培训")


def _depots() -> dict[str, list[Depot]]:
    district = upsert(Depot, "DEP-D01", name="船山区应急救灾物资储备库", level="district", land_area_m2=4000,
                      building_area_m2=800, manager=person_name("DEP-D01"), manager_phone=phone("DEP-D01"),
                      address="船山区灵泉街道（演示位置）", **spot("灵泉街道", 5))
    _gear("DEP-D01", data.DEPOT_GEAR, depot=district, region=district.region)
    stations = [upsert(Depot, f"DEP-T{places.township(t).code[6:9]}", name=f"{t}应急物资储备站", level="township",
                       building_area_m2=120, manager=person_name(t), manager_phone=phone(t), **spot(t, 2))
                for t in data.STATION_TOWNSHIPS]
    forward = [upsert(Depot, code, name=name, level="forward", manager=person_name(code), manager_phone=phone(code),
                      **spot(t, 3)) for code, name, t in data.FORWARD_POINTS]
    villages = []
    for t in data.CENTRAL_VILLAGE_TOWNS:
        village = places.villages_of(places.township(t).code)[0]
        home = region(village.code)
        villages.append(upsert(Depot, f"DEP-C{village.code[6:]}", name=f"{village.name}中心村物资储备点",
                               level="central_village", region=home, lon=home.lon, lat=home.lat,
                               manager=person_name(village.code), manager_phone=phone(village.code)))
    upsert(Depot, "DEP-A01", name="协议储备：生活物资（演示）", level="agreement",
           supplier="遂宁市惠民商贸有限公司（演示）",
           opening_hours="接到调令后4小时内供货", **spot("介福路街道", 6))
    return {"district": [district], "township": stations, "forward": forward, "central_village": villages}


def _stock(depots):
    if services.StockBatch.objects.filter(is_demo=True).exists():
        return  # the ledger is append-only: stock is received once
    plans = {"district": data.DISTRICT_STOCK, "township": data.STATION_STOCK, "forward": data.FORWARD_STOCK,
             "central_village": data.VILLAGE_STOCK}
    materials = {m.code: m for m in Material.objects.all()}
    for level, items in plans.items():
        for number, depot in enumerate(depots[level]):
            township = depot.region.name if depot.region.level == 2 else depot.region.parent.name
            empty = level == "central_village" and township in data.UNSTOCKED_CENTRAL_VILLAGES
            scale = Decimal("0.4") if township in data.LOW_STATIONS else Decimal(1)
            for item_number, (code, quantity, minimum) in enumerate(items):
                material = materials[code]
                upsert(StockMinimum, f"MIN-{depot.code}-{code}", name=f"{depot.name}·{material.name}",
                       depot=depot, material=material, minimum=Decimal(minimum), region=depot.region)
                if not empty:
                    _receive(depot, material, Decimal(quantity) * scale, number + item_number)


def _receive(depot, material, quantity, salt):
    today = timezone.localdate()
    if material.shelf_life_days:
        near = data.EXPIRING_IN_DAYS[salt % len(data.EXPIRING_IN_DAYS)]
        older = (quantity * Decimal("0.3")).quantize(Decimal(1))
        services.receive(actor=None, depot=depot, material=material, quantity=older, batch_no=f"D{today:%Y}01",
                         expiry_date=today + timedelta(days=near), reason="演示数据：期初库存", demo=True)
        quantity -= older
    services.receive(actor=None, depot=depot, material=material, quantity=quantity.quantize(Decimal(1)),
                     batch_no=f"D{today:%Y}02", expiry_date=None, reason="演示数据：期初库存", demo=True)


def _experts():
    for index, (name, field, title, organization, township) in enumerate(data.EXPERTS, 1):
        code = f"EXP-{index:03d}"
        upsert(Expert, code, name=name, field=field, title=title, organization=organization, mobile=phone(code),
               availability="away" if index % 7 == 0 else "available", **spot(township, 7 + index % 3))


def _shelters():
    for t_index, township in enumerate(places.TOWNSHIPS):
        ratio = data.SHELTER_RATIOS[t_index % len(data.SHELTER_RATIOS)]
        needed = township.population * 1.5 * ratio
        count = 3 if township.kind == "街道" else 2
        weights = [3, 2, 1][:count]
        for number, share in enumerate(split_exactly(int(needed), weights), 1):
            site = data.SITE_TYPES[(t_index + number) % len(data.SITE_TYPES)]
            shelter_class = "class_2" if number == 1 else "class_3"
            if t_index == 4 and number == 1:
                shelter_class = "class_1"
            occupancy = int(share / 1.5 * data.OCCUPIED.get((t_index, number), 0))
            upsert(Shelter, f"SH-{township.code[6:9]}-{number}",
                   name=f"{township.name}{data.SITE_NAMES[site]}应急避难场所"
                   + ("" if number == 1 else f"（{number}）"),
                   shelter_class=shelter_class, site_type=site, effective_area_m2=Decimal(share), capacity=None,
                   occupancy=occupancy, facilities=data.CLASS_FACILITIES[shelter_class],
                   manager=person_name(f"SH{township.code}{number}"), manager_phone=phone(f"SH{township.code}{number}"),
                   **spot(township.name, 9 + number))


def _facilities():
    for index, (code, name, kind, status, township, phone_number, capability) in enumerate(data.FACILITIES):
        upsert(KeyFacility, code, name=name, kind=kind, facility_status=status, phone=phone_number,
               capability=capability, **spot(township, 13 + index % 3))
