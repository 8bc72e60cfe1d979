"""Registries of the resources app (see yingji.core.registry) and the permissions of each role."""

from django.utils.translation import gettext_lazy as _

from yingji.core.registrations import first_code, located_example
from yingji.core.registry import register
from yingji.core.roles import Role, grant

from .models import Depot, Equipment, Expert, KeyFacility, Material, RescueTeam, Shelter, StockMinimum, TeamMember

MENU = _("应急资源")
GEAR_COLUMNS = ("name", "kind", "quantity", "unit", "condition", "next_maintenance")
PHONE = "core.view_contact_phone"  # who may read full phone numbers (masked otherwise)

# Commanders and duty officers manage every resource; a township officer manages those of the township
# (jurisdiction scoping does the limiting); liaisons, inspectors and observers read (VIEW_ALL).
grant(Role.COMMANDER, "resources.*")
grant(Role.DUTY_OFFICER, "resources.*")
grant(Role.TOWNSHIP_ADMIN, "resources.*")


TEAMS = register(
    RescueTeam, plural="teams", menu_group=MENU,
    list_fields=("code", "name", "team_type", "readiness", "headcount", "region", "leader_phone"),
    form_fields=("code", "name", "team_type", "readiness", "headcount", "specialities", "leader", "leader_phone",
                 "region", "base_address", "lon", "lat", "description"),
    filter_fields=("team_type", "readiness"), search_fields=("name", "code", "team_type", "specialities"),
    masked_fields={"leader_phone": PHONE},
    related=(("members", ("name", "post", "skills", "certificates")), ("equipment", GEAR_COLUMNS)),
    example=lambda region: located_example(region, "TEAM-EXAMPLE", "示例应急救援队", team_type="social",
                                           readiness="standby", headcount=20, specialities="水域、防汛", leader="王五",
                                           leader_phone="13900000000", base_address="船山区示例路2号"),
)

MEMBERS = register(
    TeamMember, plural="team-members", menu_group=MENU,
    list_fields=("name", "team", "post", "mobile", "skills"),
    form_fields=("code", "name", "team", "post", "region", "mobile", "skills", "certificates", "training",
                 "description"),
    filter_fields=("team",), search_fields=("name", "code", "skills", "certificates"),
    masked_fields={"mobile": PHONE},
    example=lambda region: {"code": "TM-EXAMPLE", "name": "李四", "team": first_code(RescueTeam, region),
                            "post": "队员", "region": region.code, "mobile": "13700000000",
                            "skills": "游泳、驾驶冲锋舟",
                            "certificates": "船员证", "training": "2024-05-10 水域救援培训", "description": ""},
)

EQUIPMENT = register(
    Equipment, plural="equipment", menu_group=MENU,
    list_fields=("code", "name", "kind", "quantity", "unit", "condition", "team", "depot", "next_maintenance"),
    form_fields=("code", "name", "kind", "quantity", "unit", "condition", "last_maintained", "next_maintenance",
                 "team", "depot", "region", "lon", "lat", "description"),
    filter_fields=("kind", "condition", "team", "depot"), search_fields=("name", "code", "kind"),
    example=lambda region: located_example(region, "EQ-EXAMPLE", "示例冲锋舟", kind="boat", quantity=2, unit="艘",
                                           condition="ready", last_maintained="2025-03-01",
                                           next_maintenance="2025-09-01", team=first_code(RescueTeam, region),
                                           depot=""),
)

DEPOTS = register(
    Depot, plural="depots", menu_group=MENU,
    list_fields=("code", "name", "level", "region", "manager", "manager_phone", "opening_hours"),
    form_fields=("code", "name", "level", "land_area_m2", "building_area_m2", "manager", "manager_phone",
                 "opening_hours", "supplier", "region", "address", "lon", "lat", "description"),
    filter_fields=("level",), search_fields=("name", "code", "level", "supplier"),
    masked_fields={"manager_phone": PHONE},
    related=(("batches", ("material", "batch_no", "quantity", "reserved", "expiry_date")),
             ("equipment", GEAR_COLUMNS)),
    example=lambda region: located_example(region, "DEP-EXAMPLE", "示例物资储备点", level="township", land_area_m2=300,
                                           building_area_m2=120, manager="赵六", manager_phone="13600000000",
                                           opening_hours="24小时值守", supplier="", address="船山区示例路3号"),
)

MATERIALS = register(
    Material, plural="materials", menu_group=MENU,
    list_fields=("code", "name", "gb_code", "use", "unit", "spec", "shelf_life_days"),
    form_fields=("code", "name", "gb_code", "use", "unit", "spec", "shelf_life_days", "region", "description"),
    filter_fields=("use", "gb_code"), search_fields=("name", "code", "gb_code", "use"),
    example=lambda region: {"code": "MAT-EXAMPLE", "name": "示例救生衣", "gb_code": "2010199", "use": "flood",
                            "unit": "件", "spec": "成人款", "shelf_life_days": None, "region": region.code,
                            "description": ""},
)

def _minimum_example(region):
    depot = Depot.objects.filter(region__path__startswith=region.path).order_by("code").first()
    material = Material.objects.exclude(minimums__depot=depot).order_by("code").first()
    return {"code": "MIN-EXAMPLE", "name": "示例库存定额", "depot": depot.code if depot else "",
            "material": material.code if material else "", "minimum": "10", "region": region.code,
            "description": ""}


MINIMUMS = register(
    StockMinimum, plural="stock-minimums", menu_group=MENU,
    list_fields=("code", "depot", "material", "minimum", "region"),
    form_fields=("code", "name", "depot", "material", "minimum", "region", "description"),
    filter_fields=("depot", "material"), search_fields=("name", "code"), example=_minimum_example,
)

EXPERTS = register(
    Expert, plural="experts", menu_group=MENU,
    list_fields=("name", "field", "title", "organization", "mobile", "availability"),
    form_fields=("code", "name", "field", "title", "organization", "mobile", "availability", "region", "lon", "lat",
                 "description"),
    filter_fields=("field", "availability"), search_fields=("name", "code", "field", "organization"),
    masked_fields={"mobile": PHONE},
    example=lambda region: located_example(region, "EXP-EXAMPLE", "周七", field="flood", title="高级工程师",
                                           organization="船山区水利局", mobile="13500000000", availability="available"),
)

SHELTERS = register(
    Shelter, plural="shelters", menu_group=MENU,
    list_fields=("code", "name", "shelter_class", "site_type", "effective_area_m2", "capacity", "occupancy",
                 "shelter_status", "region"),
    form_fields=("code", "name", "shelter_class", "site_type", "effective_area_m2", "capacity", "occupancy",
                 "facilities", "shelter_status", "manager", "manager_phone", "region", "address", "lon", "lat",
                 "description"),
    filter_fields=("shelter_class", "site_type", "shelter_status"), search_fields=("name", "code", "site_type"),
    masked_fields={"manager_phone": PHONE},
    example=lambda region: located_example(region, "SH-EXAMPLE", "示例广场避难场所", shelter_class="class_3",
                                           site_type="square", effective_area_m2="3000", capacity=1500, occupancy=0,
                                           facilities="供水、供电、厕所", shelter_status="ready", manager="孙八",
                                           manager_phone="13400000000", address="船山区示例路4号"),
)

FACILITIES = register(
    KeyFacility, plural="facilities", menu_group=MENU,
    list_fields=("code", "name", "kind", "facility_status", "region", "phone"),
    form_fields=("code", "name", "kind", "facility_status", "phone", "address", "capability", "region", "lon", "lat",
                 "description"),
    filter_fields=("kind", "facility_status"), search_fields=("name", "code", "kind"),
    example=lambda region: located_example(region, "FAC-EXAMPLE", "示例消防站", kind="fire_station",
                                           facility_status="in_service", phone="0825-1190000",
                                           address="船山区示例路5号", capability="消防车 3 辆"),
)
