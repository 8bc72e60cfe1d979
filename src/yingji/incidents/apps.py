from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IncidentsConfig(AppConfig):
    name = "yingji.incidents"
    label = "incidents"
    verbose_name = _("突发事件")

    def ready(self):
        from yingji.web.navigation import NavItem, add_nav_item

        from . import registrations  # noqa: F401  (roles and the one-map layer)
        from .config import get_config

        get_config()  # a bad YINGJI_INCIDENTS stops the start-up, not the first report
        group = _("应急处置")
        add_nav_item(group, NavItem(_("事件接报"), "incidents:new", "incidents.add_incident"))
        add_nav_item(group, NavItem(_("突发事件"), "incidents:list", "incidents.view_incident"))
        add_nav_item(group, NavItem(_("指挥大屏"), "incidents:board", "incidents.view_incident"))
        add_nav_item(group, NavItem(_("群众报警页面"), "incidents:public-report"))
