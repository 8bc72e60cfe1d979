from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "yingji.plans"
    label = "plans"
    verbose_name = _("预案与指挥调度")

    def ready(self):
        from yingji.web.navigation import NavItem, add_nav_item

        from . import registrations  # noqa: F401  (declare the registries, grant permissions, connect consumers)

        group = _("预案与指挥调度")
        add_nav_item(group, NavItem(_("预案管理总览"), "plans:dashboard", "plans.view_plan"))
        add_nav_item(group, NavItem(_("应急响应"), "plans:responses", "plans.view_response"))
        add_nav_item(group, NavItem(_("我的任务"), "plans:my-tasks", "plans.change_task"))
