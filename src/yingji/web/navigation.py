"""The navigation shows only modules that are built and that the user's role may open.

Apps contribute their pages to core.extensions.NAVIGATION from their ready(); registries get a list page
entry each. The web app renders the result and owns only the overview and system entries.

The menu is the same for every user holding the same permissions: it is built (its ~170 links reversed) once per
process for each set of granted permissions, language and URL configuration, and for the entries as they stand
(an entry added or removed later builds afresh). Each page then only asks which of the menu's permissions the
user holds.
"""

import logging
from dataclasses import dataclass
from functools import lru_cache

from django.urls import NoReverseMatch, get_script_prefix, get_urlconf
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from yingji.core.extensions import NAVIGATION, NavItem
from yingji.core.registry import REGISTRIES

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class NavLink:
    title: str
    url: str


@dataclass(frozen=True)
class NavGroup:
    title: str
    items: tuple[NavLink, ...]


def _entries() -> tuple[NavItem, ...]:
    overview, base, system = _("总览"), _("基础数据"), _("系统")
    items = [NavItem(overview, _("区域总览"), "web:home"), NavItem(overview, _("应急管理一张图"), "web:onemap"),
             NavItem(overview, _("指挥中心大屏"), "web:screen", "incidents.view_incident"),
             NavItem(base, _("行政区域"), "core:region-list", "core.view_region")]
    items += [NavItem(registry.menu_group or _("登记簿"), registry.verbose_name_plural, registry.url_name("list"),
                      registry.perm("view")) for registry in REGISTRIES.values()]
    items += list(NAVIGATION)
    items += [NavItem(system, _("审计日志"), "core:audit-log", "core.view_auditentry"),
              NavItem(system, _("接口文档"), "api-docs")]
    return tuple(items)


def navigation(user) -> tuple[NavGroup, ...]:
    entries = _entries()
    needed = {item.permission for item in entries if item.permission}
    granted = frozenset(permission for permission in needed if user.has_perm(permission))
    return _menu(entries, granted, get_language(), get_urlconf(), get_script_prefix())


@lru_cache(maxsize=256)
def _menu(entries: tuple[NavItem, ...], granted: frozenset, language, urlconf, prefix) -> tuple[NavGroup, ...]:
    """Built under the language, URL configuration and script prefix of the key (the current ones)."""
    groups: dict[str, list[NavLink]] = {}
    for item in entries:
        if item.permission and item.permission not in granted:
            continue
        try:
            url = item.url
        except NoReverseMatch:
            log.error("navigation item %s points at a missing route %s", item.title, item.url_name)
            continue
        groups.setdefault(str(item.group), []).append(NavLink(str(item.title), url))
    return tuple(NavGroup(title, tuple(items)) for title, items in groups.items())
