"""Registries of the prevention app (see yingji.core.registry) and the permissions of each role."""

from django.utils.translation import gettext_lazy as _

from yingji.core.registrations import first_code, located_example
from yingji.core.registry import register
from yingji.core.roles import Role, grant

from .clocks import deadline_cell
from .models import CheckItem, CheckList, Enterprise, Hazard, HazardCriterion, MajorHazardSource, RiskPoint, SelfCheck

MENU = _("双重预防")
EXAMPLE_CREDIT_CODE = "91510903MA6200001K"  # GB 32100 check digit valid

# Township officers run prevention in their township (scoping limits them); commanders everywhere. Inspectors
# verify, order, re-check and close hazards and assess risks; grid workers file hazards; enterprise accounts keep
# their own enterprise's records and rectify (the enterprise binding narrows what they see, models/base.py).
grant(Role.COMMANDER, "prevention.*")
grant(Role.TOWNSHIP_ADMIN, "prevention.*")
grant(Role.INSPECTOR, "prevention.*_hazard", "prevention.*_riskpoint", "prevention.change_enterprise",
      "prevention.change_majorhazardsource")
grant(Role.GRID_WORKER, "prevention.view_*", "prevention.add_hazard")
grant(Role.ENTERPRISE, "prevention.view_enterprise", "prevention.change_enterprise", "prevention.*_riskpoint",
      "prevention.*_majorhazardsource", "prevention.view_hazard", "prevention.add_hazard",
      "prevention.rectify_hazard")


ENTERPRISES = register(
    Enterprise, plural="enterprises", menu_group=MENU,
    list_fields=("code", "name", "category", "place_type", "region", "standard_level", "certificate_expiry",
                 "status"),
    form_fields=("code", "name", "credit_code", "place_type", "category", "industry_code", "legal_representative",
                 "safety_manager", "safety_phone", "scale", "workers", "supervising_department", "standard_level",
                 "certificate_expiry", "status", "region", "address", "lon", "lat", "description"),
    filter_fields=("category", "place_type", "scale", "standard_level"),
    search_fields=("name", "code", "credit_code", "address"),
    related=(("hazard_sources", ("name", "grade", "r_value")), ("risk_points", ("name", "colour", "value")),
             ("hazards", ("name", "grade", "state", "deadline"))),
    example=lambda region: located_example(
        region, "QY-EXAMPLE", "示例化工有限公司", credit_code=EXAMPLE_CREDIT_CODE, place_type="enterprise",
        category="chem_storage", industry_code="2614", legal_representative="张三", safety_manager="李四",
        safety_phone="13800000000", scale="small", workers=35, supervising_department="区应急管理局",
        standard_level="3", certificate_expiry="2027-06-30", status="active", address="船山区示例路8号"),
)

HAZARD_SOURCES = register(
    MajorHazardSource, plural="hazard-sources", menu_group=MENU,
    list_fields=("code", "name", "enterprise", "grade", "r_value", "s_value", "principal"),
    form_fields=("code", "name", "enterprise", "substances", "people_nearby", "principal", "technical_lead",
                 "operations_lead", "region", "lon", "lat", "description"),
    filter_fields=("grade", "enterprise"), search_fields=("name", "code", "substances"),
    example=lambda region: located_example(
        region, "WXY-EXAMPLE", "示例液氨储罐区", enterprise=first_code(Enterprise, region),
        substances="氨 60", people_nearby=80, principal="张三", technical_lead="李四",
        operations_lead="王五"),
)

RISK_POINTS = register(
    RiskPoint, plural="risk-points", menu_group=MENU,
    list_fields=("code", "name", "enterprise", "point_type", "method", "value", "colour", "control_level",
                 "reassess_due"),
    form_fields=("code", "name", "enterprise", "point_type", "hazards_identified", "method", "lec_l", "lec_e",
                 "lec_c", "ls_l", "ls_s", "control_level", "responsible", "control_measures", "reassess_due",
                 "region", "lon", "lat", "description"),
    filter_fields=("colour", "point_type", "method", "control_level", "enterprise"),
    search_fields=("name", "code", "hazards_identified"),
    example=lambda region: _risk_point_example(region),
)


def _risk_point_example(region):
    enterprise = first_code(Enterprise, region)
    return located_example(
        region, "FXD-EXAMPLE", "示例储罐区装卸作业", enterprise=enterprise,
        point_type="activity", hazards_identified="泄漏、火灾、中毒", method="lec",
        lec_l=3, lec_e=6, lec_c=15, control_level="workshop" if enterprise else "township", responsible="李四",
        control_measures="工程技术｜安装可燃气体报警仪｜李四｜每日",
        reassess_due="2026-06-30")


HAZARDS = register(
    Hazard, plural="hazards", menu_group=MENU,
    list_fields=("code", "name", "enterprise", "source", "grade", "state", "deadline", "supervision", "region"),
    form_fields=("code", "name", "enterprise", "risk_point", "source", "grade", "criterion", "criterion_note",
                 "found_on",
                 "plan_responsible", "plan_measures", "plan_funds", "plan_deadline", "plan_contingency",
                 "supervision", "supervising_body", "region", "lon", "lat", "description"),
    filter_fields=("state", "grade", "source", "supervision", "enterprise"),
    search_fields=("name", "code", "criterion_note"),
    related=(("steps", ("label", "from_state", "to_state", "actor", "at", "note")),),
    list_cells={"deadline": deadline_cell},  # the date with its clock badge (正常/临期/逾期)
    example=lambda region: located_example(
        region, "YH-EXAMPLE", "示例：消防通道堵塞", enterprise=first_code(Enterprise, region),
        source="grid", grade="general", found_on="2025-05-10", supervision="none"),
)


# ---- 重大事故隐患判定标准, check lists and enterprise self-checks (selfchecks.py) ----------------------------
grant(Role.ENTERPRISE, "prevention.view_hazardcriterion", "prevention.view_checklist", "prevention.view_checkitem",
      "prevention.view_selfcheck", "prevention.add_selfcheck", "prevention.change_selfcheck")
grant(Role.INSPECTOR, "prevention.view_hazardcriterion", "prevention.view_checklist", "prevention.view_checkitem",
      "prevention.view_selfcheck")


def _self_check_example(region) -> dict:
    from .models.selfchecks import check_sector

    for enterprise in Enterprise.objects.filter(region__path__startswith=region.path).order_by("code"):
        checklist = CheckList.objects.filter(sector=check_sector(enterprise) or "-").order_by("code").first()
        if checklist is not None:
            return {"code": "ZC-EXAMPLE", "name": "示例：月度安全自查", "enterprise": enterprise.code,
                    "checklist": checklist.code, "checked_on": "2026-03-01", "inspector": "李四",
                    "region": region.code, "description": ""}
    return {"code": "ZC-EXAMPLE", "name": "示例：月度安全自查", "region": region.code}


HAZARD_CRITERIA = register(
    HazardCriterion, plural="hazard-criteria", menu_group=MENU,
    list_fields=("code", "sector", "clause", "name", "basis", "status"),
    form_fields=("code", "name", "sector", "clause", "basis", "status", "region", "description"),
    filter_fields=("sector",), search_fields=("name", "code", "clause", "basis"),
    example=lambda region: {"code": "PD-EXAMPLE", "name": "示例：安全附件未正常投用", "sector": "chemicals",
                            "clause": "第十五项", "basis": "示例判定标准", "status": "draft",
                            "region": region.code, "description": ""},
)

CHECKLISTS = register(
    CheckList, plural="checklists", menu_group=MENU,
    list_fields=("code", "name", "sector", "status"),
    form_fields=("code", "name", "sector", "status", "region", "description"),
    filter_fields=("sector",),
    related=(("items", ("number", "name", "criterion")),),
    example=lambda region: {"code": "ZCB-EXAMPLE", "name": "示例自查清单", "sector": "chemicals",
                            "status": "draft", "region": region.code, "description": ""},
)

CHECK_ITEMS = register(
    CheckItem, plural="check-items", menu_group=MENU,
    list_fields=("code", "checklist", "number", "name", "criterion", "status"),
    form_fields=("code", "checklist", "number", "name", "criterion", "status", "region", "description"),
    filter_fields=("checklist",),
    example=lambda region: {"code": "ZCX-EXAMPLE", "name": "示例：安全警示标志齐全",
                            "checklist": CheckList.objects.filter(sector="chemicals").order_by("code")
                            .values_list("code", flat=True).first() or "", "number": 99, "status": "draft",
                            "region": region.code, "description": ""},
)

SELF_CHECKS = register(
    SelfCheck, plural="self-checks", menu_group=MENU,
    list_fields=("code", "name", "enterprise", "checklist", "checked_on", "inspector", "state", "region"),
    form_fields=("code", "name", "enterprise", "checklist", "checked_on", "inspector", "region", "description"),
    filter_fields=("state", "enterprise", "checklist"), search_fields=("name", "code", "inspector"),
    related=(("results", ("item", "result", "note", "hazard")),),
    example=_self_check_example,
)

# ---- grid worker patrols (registrations_patrols.py) ------------------------------------------------------------
from .registrations_patrols import PATROL_TASKS  # noqa: E402,F401
