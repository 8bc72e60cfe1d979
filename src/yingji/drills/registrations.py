"""The drills registry (yingji.core.registry) and the permissions of each role."""

from django.utils.translation import gettext_lazy as _

from yingji.core.registrations import first_code
from yingji.core.registry import register
from yingji.core.roles import Role, grant

from .models import Drill

MENU = _("应急演练")

# The bureau and the townships plan, control (导调) and evaluate their own drills (scoping keeps a township to its
# own); duty officers and liaisons are players: they read drills, and see a 双盲 drill's script only when it is over.
grant(Role.COMMANDER, "drills.*")
grant(Role.TOWNSHIP_ADMIN, "drills.*")
grant(Role.DUTY_OFFICER, "drills.view_drill")
grant(Role.LIAISON, "drills.view_drill")


def _example(region) -> dict:
    from yingji.plans.models import Plan

    return {"code": "YL-EXAMPLE", "name": "示例：防汛桌面推演", "drill_type": "tabletop",
            "plan": first_code(Plan, region), "scenario": "连续强降雨，涪江水位接近警戒水位",
            "incident_type": "1.1.1", "address": "区应急指挥中心", "scheduled_at": "2026-06-10T09:00+08:00",
            "duration_minutes": 120, "double_blind": False, "objectives": "检验防汛预案启动与信息报送",
            "region": region.code, "description": ""}


DRILLS = register(
    Drill, plural="drills", menu_group=MENU,
    list_fields=("code", "name", "drill_type", "plan", "scheduled_at", "double_blind", "stage", "region"),
    form_fields=("code", "name", "drill_type", "plan", "level", "scenario", "incident_type", "address", "scheduled_at",
                 "duration_minutes", "double_blind", "objectives", "region", "description"),
    filter_fields=("drill_type", "stage", "double_blind"), search_fields=("name", "code", "scenario"),
    related=(("participants", ("role", "organization", "team", "headcount")),),
    example=_example,
)
