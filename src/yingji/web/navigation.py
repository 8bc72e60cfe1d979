"""The navigation shows only modules that are built and that the user's role may open."""

import logging
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from yingji.core.registry import REGISTRIES

log = logging.getLogger(__name__)


@dataclass
class NavItem:
    title: str
    url_name: str
    permission: str = ""
    kwargs: dict | None = None

    @property
    def url(self) -> str:
        return reverse(self.url_name, kwargs=self.kwargs)

    def resolves(self) -> bool:
        """A page whose route is missing is left out of the menu (and logged) instead of breaking every page."""
        try:
            self.url  # noqa: B018
        except NoReverseMatch:
            log.error("navigation item %s points at a missing route %s", self.title, self.url_name)
            return False
        return True


@dataclass
class NavGroup:
    title: str
    items: list[NavItem]


EXTRA_ITEMS: list[tuple[str, NavItem]] = []


def add_nav_item(group: str, item: NavItem) -> None:
    """Apps add pages that are not registries (dashboards, boards, searches) from their ready()."""
    EXTRA_ITEMS.append((group, item))


def navigation(user) -> list[NavGroup]:
    groups: dict[str, list[NavItem]] = {
        str(_("总览")): [NavItem(_("区域总览"), "web:home"), NavItem(_("应急管理一张图"), "web:onemap")],
        str(_("基础数据")): [NavItem(_("行政区域"), "core:region-list", "core.view_region")],
    }
    for registry in REGISTRIES.values():
        group = str(registry.menu_group or _("登记簿"))
        groups.setdefault(group, []).append(
            NavItem(registry.verbose_name_plural, registry.url_name("list"), registry.perm("view"))
        )
    for group, item in EXTRA_ITEMS:
        groups.setdefault(str(group), []).append(item)
    groups.setdefault(str(_("系统")), []).extend(
        [
            NavItem(_("审计日志"), "core:audit-log", "core.view_auditentry"),
            NavItem(_("接口文档"), "api-docs"),
        ]
    )
    result = []
    for title, items in groups.items():
        allowed = [
            item for item in items if (not item.permission or user.has_perm(item.permission)) and item.resolves()
        ]
        if allowed:
            result.append(NavGroup(title, allowed))
    return result
