from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResourcesConfig(AppConfig):
    name = "yingji.resources"
    label = "resources"
    verbose_name = _("应急资源")

    def ready(self):
        from yingji.web.navigation import NavItem, add_nav_item

        from . import registrations  # noqa: F401  (declare the registries)
        from .layers import register_layers

        register_layers()
        menu = _("应急资源")
        add_nav_item(menu, NavItem(_("资源指标看板"), "resources:dashboard", "resources.view_rescueteam"))
        add_nav_item(menu, NavItem(_("就近查找"), "resources:nearby", "resources.view_rescueteam"))
        add_nav_item(menu, NavItem(_("库存与预警"), "resources:stock", "resources.view_stockbatch"))
        add_nav_item(menu, NavItem(_("出入库办理"), "resources:move", "resources.add_stockmovement"))
        add_nav_item(menu, NavItem(_("库存台账"), "resources:ledger", "resources.view_stockmovement"))
