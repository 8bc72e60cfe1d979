from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlertsConfig(AppConfig):
    name = "yingji.alerts"
    label = "alerts"
    verbose_name = _("预警发布")

    def ready(self):
        from yingji.onemap.layers import Layer, register_layer
        from yingji.web.navigation import NavItem, add_nav_item

        from . import registrations  # noqa: F401  (registries, permissions, consumers, periodic hooks)
        from .layers import warnings_in_force

        group = _("预警发布")
        add_nav_item(group, NavItem(_("预警信息"), "alerts:list", "alerts.view_warning"))
        add_nav_item(group, NavItem(_("制作预警"), "alerts:new", "alerts.add_warning"))
        add_nav_item(group, NavItem(_("上级预警（CAP）"), "alerts:incoming", "alerts.view_incomingcap"))
        add_nav_item(group, NavItem(_("防御指南模板"), "alerts:guidance", "alerts.view_guidancetemplate"))
        add_nav_item(group, NavItem(_("公众预警页面"), "cap:public"))
        register_layer(Layer(slug="alerts-in-force", title=str(_("生效中的预警")), group=str(_("预警发布")),
                             features=warnings_in_force, color="#d9001b", geometry="polygon",
                             permission="alerts.view_warning", order=5))
