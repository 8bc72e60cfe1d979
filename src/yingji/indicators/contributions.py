"""The indicators app's menu entry and attachment kind (it reads every app's indicators from core.extensions)."""

from django.utils.translation import gettext_lazy as _lazy

from yingji.core import attachments
from yingji.core import extensions as ext


def register() -> None:
    attachments.add_kind("evidence", _lazy("佐证材料"))
    ext.NAVIGATION.add(ext.NavItem(_lazy("总览"), _lazy("规划指标监测"), "indicators:page",
                                   "indicators.view_indicatorvalue", order=30))
    ext.NAVIGATION.add(ext.NavItem(_lazy("总览"), _lazy("指标填报与审核"), "indicators:values",
                                   "indicators.add_indicatorvalue", order=31))
