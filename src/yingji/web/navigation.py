"""The navigation shows only modules that are built and that the user's role may open.

Apps contribute their pages to core.extensions.NAVIGATION from their ready(); registries get a list page
entry each. The web app renders the result and owns only the overview and system entries.
"""

import logging
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from yingji.core.extensions import NAVIGATION, NavItem
from yingji.core.registry import REGISTRIES

log = logging.getLogger(__name__)


@dataclass
class NavGroup:
    title: str
    items: list[NavItem]


def _entries() -> list[NavItem]:
    overview, base, system = _("总览"), _("基础数据"), _("系统")
    items = [NavItem(overview, _("区域总览"), "web:home"), NavItem(overview, _("应急管理一张图"), "web:onemap"),
             NavItem(base, _("行政区域"), "core:region-list", "core.view_region")]
    items += [NavItem(registry.menu_group or _("登记簿"), registry.verbose_name_plural, registry.url_name("list"),
                      registry.perm("view")) for registry in REGISTRIES.values()]
    items += list(NAVIGATION)
    items += [NavItem(system, _("审计日志"), "core:audit-log", "core.view_auditentry"),
              NavItem(system, _("接口文档"), "api-docs")]
    return items


def navigation(user) -> list[NavGroup]:
    groups: dict[str, list[NavItem]] = {}
    for item in _entries():
        if item.permission and not user.has_perm(item.permission):
            continue
        if not item.resolves():
            log.error("navigation item %s points at a missing route %s", item.title, item.url_name)
            continue
        groups.setdefault(str(item.group), []).append(item)
    return [NavGroup(title, items) for title, items in groups.items()]
