"""What the resources app contributes to the platform (core.extensions), registered from apps.py: its menu
and map layers, the plan's indicators it computes, and its demo data.

Indicator codes follow the order of the plan's tables as listed in shared/DISTRICT.md ("Plan indicators").
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from yingji.core.extensions import DEMO_LOADERS, INDICATORS, NAVIGATION, DemoLoader, Indicator, NavItem


def _dashboard() -> str:
    return reverse("resources:dashboard")


def _central_village_points(user) -> dict:
    from .indicators import central_village_points

    figures = central_village_points(user)
    return {"value": figures["percent"], "unit": "%", "meets": figures["percent"] >= 100, "url": _dashboard()}


def _shelter_area(user) -> dict:
    from .indicators import shelter_area

    figures = shelter_area(user)
    return {"value": figures["meeting"], "of": figures["total"], "unit": _("个乡镇达标"),
            "meets": figures["total"] > 0 and figures["meeting"] == figures["total"], "url": _dashboard()}


def _teams_equipped(user) -> dict:
    from .indicators import teams_equipped

    figures = teams_equipped(user)
    return {"value": figures["percent"], "unit": "%", "meets": figures["percent"] >= 100, "url": _dashboard()}


def register() -> None:
    from .layers import register_layers

    menu = _("应急资源")
    for title, url_name, permission in ((_("资源指标看板"), "resources:dashboard", "resources.view_rescueteam"),
                                        (_("就近查找"), "resources:nearby", "resources.view_rescueteam"),
                                        (_("库存与预警"), "resources:stock", "resources.view_stockbatch"),
                                        (_("出入库办理"), "resources:move", "resources.add_stockmovement"),
                                        (_("库存台账"), "resources:ledger", "resources.view_stockmovement")):
        NAVIGATION.add(NavItem(menu, title, url_name, permission))
    register_layers()
    DEMO_LOADERS.add(DemoLoader("resources", "yingji.resources.demo.load", order=20))
    INDICATORS.add(Indicator("2.6", _("中心村应急物资储备点达标率"), "100%", "%", _("约束性"),
                             _("储备点中每项最低储备均满足的个数 ÷ 中心村储备点总数"), _central_village_points))
    INDICATORS.add(Indicator("2.7", _("人均应急避难场所面积"), "＞1.5 m²/人", "m²/人", _("预期性"),
                             _("各乡镇有效避难面积 ÷ 常住人口，逐乡镇对照目标"), _shelter_area))
    INDICATORS.add(Indicator("3.4", _("乡镇、村（社区）救援队伍装备配备率"), "100%", "%", _("约束性"),
                             _("配齐基本装备的乡镇队伍和村级小分队 ÷ 队伍总数"), _teams_equipped))
