"""What the alerts app contributes to the platform (core.extensions), registered from apps.py: its menu,
the warnings-in-force map layer, the warning-reach indicator and its demo data."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from yingji.core import extensions as ext
from yingji.core.scoping import scope_to_user


def _reach(user) -> dict:
    from .delivery import REACH_TARGET, reach_rate
    from .models import Warning

    figures = reach_rate(warnings=scope_to_user(Warning.objects.all(), user))
    percent = figures["percent"]
    return {"value": None if percent is None else round(percent, 1), "unit": "%",
            "meets": None if percent is None else percent > 100 * REACH_TARGET, "url": reverse("alerts:list")}


def register() -> None:
    from .layers import LEGEND, warnings_in_force

    group = _("预警发布")
    for title, url_name, permission in ((_("预警信息"), "alerts:list", "alerts.view_warning"),
                                        (_("制作预警"), "alerts:new", "alerts.add_warning"),
                                        (_("上级预警（CAP）"), "alerts:incoming", "alerts.view_incomingcap"),
                                        (_("防御指南模板"), "alerts:guidance", "alerts.view_guidancetemplate"),
                                        (_("公众预警页面"), "cap:public", "")):
        ext.NAVIGATION.add(ext.NavItem(group, title, url_name, permission))
    ext.MAP_LAYERS.add(ext.MapLayer(slug="alerts-in-force", title=_("生效中的预警"), group=group,
                                    features=warnings_in_force, color="#d9001b", geometry="polygon",
                                    permission="alerts.view_warning", order=5, legend=LEGEND))
    ext.INDICATORS.add(ext.Indicator("2.5", _("预警信息公众覆盖率"), "＞98%", "%", _("预期性"),
                                     _("近 30 天已发布预警中，送达的公众订阅者 ÷ 应送公众订阅者"), _reach))
    ext.DEMO_LOADERS.add(ext.DemoLoader("alerts", "yingji.alerts.demo.load", order=50))
