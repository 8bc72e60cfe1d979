"""Registries of the census app (see yingji.core.registry) and the permissions of each role."""

import json

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yingji.core.registrations import CENTRE, first_code, located_example
from yingji.core.registry import register
from yingji.core.roles import Role, grant

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
)

MENU = _("风险普查与避险转移")
PHONE = "core.view_contact_phone"  # who may read full phone numbers (masked otherwise)

# Commanders and duty officers everywhere, township officers in their township (scoping limits them); grid
# workers (灾害信息员) read, mark households during a transfer and register people at shelters.
grant(Role.COMMANDER, "census.*")
grant(Role.DUTY_OFFICER, "census.*")
grant(Role.TOWNSHIP_ADMIN, "census.*")
grant(Role.GRID_WORKER, "census.view_*", "census.add_transfermark", "census.add_affectedperson")


def example_square(lon=CENTRE[0], lat=CENTRE[1], half=0.002) -> str:
    ring = [[lon - half, lat - half], [lon + half, lat - half], [lon + half, lat + half], [lon - half, lat + half],
            [lon - half, lat - half]]
    return json.dumps({"type": "Polygon", "coordinates": [ring]})


def _incident(region) -> str:
    from yingji.incidents.models import Incident

    return first_code(Incident, region)


def _shelter(region) -> str:
    from yingji.resources.models import Shelter

    return first_code(Shelter, region)


HAZARD_POINTS = register(
    HazardPoint, plural="hazard-points", menu_group=MENU,
    list_fields=("code", "name", "hazard_type", "scale", "threatened_households", "threatened_people", "region",
                 "monitor_name", "monitor_phone"),
    form_fields=("code", "name", "hazard_type", "scale", "threatened_households", "threatened_people",
                 "threatened_property_wan", "monitor_name", "monitor_phone", "station_ref", "region",
                 "lon", "lat", "description"),
    filter_fields=("hazard_type", "scale"), search_fields=("name", "code", "monitor_name"),
    masked_fields={"monitor_phone": PHONE},
    related=(("households", ("code", "name", "members", "shelter")),),
    example=lambda region: located_example(
        region, "DZ-EXAMPLE", "示例村滑坡隐患点", hazard_type="landslide", scale="small", threatened_households=5,
        threatened_people=18, threatened_property_wan="60.00", monitor_name="张三", monitor_phone="13800000000",
        station_ref=""),
)

DANGER_ZONES = register(
    DangerZone, plural="danger-zones", menu_group=MENU,
    list_fields=("code", "name", "zone_type", "return_period_years", "river", "region"),
    form_fields=("code", "name", "zone_type", "return_period_years", "river", "polygon", "region",
                 "description"),
    filter_fields=("zone_type",), search_fields=("name", "code", "river"),
    related=(("households", ("code", "name", "members", "shelter")),),
    example=lambda region: {"code": "WXQ-EXAMPLE", "name": "示例涪江洪水淹没区", "zone_type": "flood",
                            "return_period_years": 20, "river": "涪江", "polygon": example_square(),
                            "region": region.code, "description": ""},
)

EXPOSED_ASSETS = register(
    ExposedAsset, plural="exposed-assets", menu_group=MENU,
    list_fields=("code", "name", "asset_class", "asset_type", "structure", "occupants", "value_wan", "region"),
    form_fields=("code", "name", "asset_type", "structure", "floors", "built_year", "floor_area_m2", "occupants",
                 "value_wan", "length_km", "enterprise_code", "region", "shape", "lon", "lat", "description"),
    filter_fields=("asset_class", "asset_type", "structure"), search_fields=("name", "code", "enterprise_code"),
    example=lambda region: located_example(
        region, "CZT-EXAMPLE", "示例村小学教学楼", asset_type="school", structure="concrete", floors=3,
        built_year=2008, floor_area_m2="2400.0", occupants=420, value_wan="860.00",
        enterprise_code="", shape=""),
)

RISK_ASSESSMENTS = register(
    RiskAssessment, plural="risk-assessments", menu_group=MENU,
    list_fields=("code", "name", "published", "assessed_at", "weight_geological", "weight_flash_flood", "weight_flood",
                 "weight_waterlogging", "region"),
    form_fields=("code", "name", "region", "published", "weight_geological", "weight_flash_flood", "weight_flood",
                 "weight_waterlogging", "cut_high", "cut_higher", "cut_medium", "cut_lower", "description"),
    search_fields=("name", "code"),
    example=lambda region: {"code": "FXPG-EXAMPLE", "name": "示例：综合风险评估", "region": region.code,
                            "weight_geological": "0.30", "weight_flash_flood": "0.20", "weight_flood": "0.40",
                            "weight_waterlogging": "0.10", "cut_high": "60", "cut_higher": "40", "cut_medium": "20",
                            "cut_lower": "5", "published": False, "description": ""},
)

HISTORICAL_DISASTERS = register(
    HistoricalDisaster, plural="historical-disasters", menu_group=MENU,
    list_fields=("code", "name", "year", "disaster_type", "region", "affected_people", "deaths", "direct_loss_wan"),
    form_fields=("code", "name", "year", "disaster_type", "region", "affected_people", "deaths", "direct_loss_wan",
                 "incident_code", "description"),
    filter_fields=("disaster_type", "year"), search_fields=("name", "code", "incident_code"),
    example=lambda region: {"code": "LSZ-EXAMPLE", "name": "示例：2018年7月暴雨", "year": 2018,
                            "disaster_type": "rainstorm_flood", "region": region.code, "affected_people": 1200,
                            "deaths": 0, "direct_loss_wan": "320.00", "description": ""},
)

HOUSEHOLDS = register(
    Household, plural="households", menu_group=MENU,
    list_fields=("code", "name", "region", "danger_zone", "hazard_point", "members", "shelter", "cadre", "phone"),
    form_fields=("code", "name", "region", "danger_zone", "hazard_point", "members", "elderly", "disabled",
                 "children", "phone", "shelter", "route", "cadre", "cadre_phone", "last_drill", "description"),
    filter_fields=("danger_zone", "hazard_point", "shelter"), search_fields=("name", "code", "cadre"),
    masked_fields={"phone": PHONE, "cadre_phone": PHONE},
    example=lambda region: {"code": "HH-EXAMPLE", "name": "王五", "region": region.code,
                            "danger_zone": first_code(DangerZone, region), "members": 4, "elderly": 1,
                            "disabled": 0, "children": 1, "phone": "13900000000", "shelter": _shelter(region),
                            "route": "沿村道向北 800 米至村委会", "cadre": "李四", "cadre_phone": "13700000000",
                            "last_drill": "2026-05-12", "description": ""},
)

TRANSFERS = register(
    Transfer, plural="transfers", menu_group=MENU,
    list_fields=("code", "name", "incident", "region", "danger_zone", "started_at", "state"),
    form_fields=("code", "name", "incident", "region", "danger_zone", "started_at", "state", "description"),
    filter_fields=("state", "incident"), search_fields=("name", "code"),
    example=lambda region: {"code": "ZY-EXAMPLE", "name": "示例：避险转移", "incident": _incident(region),
                            "region": region.code, "started_at": timezone.now().isoformat(), "state": "active",
                            "description": ""},
)

AFFECTED_PEOPLE = register(
    AffectedPerson, plural="affected-people", menu_group=MENU,
    list_fields=("code", "name", "incident", "shelter", "people", "registered_at", "needs"),
    form_fields=("code", "name", "incident", "shelter", "household", "people", "registered_at", "needs", "region",
                 "description"),
    filter_fields=("incident", "shelter"), search_fields=("name", "code"),
    example=lambda region: {"code": "SZ-EXAMPLE", "name": "赵六", "incident": _incident(region),
                            "shelter": _shelter(region), "people": 3, "registered_at": timezone.now().isoformat(),
                            "needs": "食品、饮用水", "region": region.code, "description": ""},
)

DISTRIBUTIONS = register(
    Distribution, plural="distributions", menu_group=MENU,
    list_fields=("code", "name", "incident", "shelter", "person", "quantity", "unit", "distributed_at"),
    form_fields=("code", "name", "incident", "shelter", "person", "depot", "material", "quantity", "unit",
                 "distributed_at", "region", "description"),
    filter_fields=("incident", "shelter"), search_fields=("name", "code"),
    example=lambda region: {"code": "FF-EXAMPLE", "name": "方便面", "incident": _incident(region),
                            "shelter": _shelter(region), "quantity": "40", "unit": "箱",
                            "distributed_at": timezone.now().isoformat(), "region": region.code, "description": ""},
)
