"""The indicators app's menu entry and attachment kind (it reads every app's indicators from core.extensions)."""

import time

from django.utils.translation import gettext_lazy as _lazy

from yingji.core import attachments
from yingji.core import extensions as ext


def register() -> None:
    attachments.add_kind("evidence", _lazy("佐证材料"))
    ext.NAVIGATION.add(ext.NavItem(_lazy("总览"), _lazy("规划指标监测"), "indicators:page",
                                   "indicators.view_indicatorvalue", order=30))
    ext.NAVIGATION.add(ext.NavItem(_lazy("总览"), _lazy("指标填报与审核"), "indicators:values",
                                   "indicators.add_indicatorvalue", order=31))
    ext.NAVIGATION.add(ext.NavItem(_lazy("总览"), _lazy("乡镇指标排名"), "indicators:townships",
                                   "indicators.view_indicatorvalue", order=32))
    ext.NAVIGATION.add(ext.NavItem(_lazy("总览"), _lazy("规划评估报告"), "indicators:evaluations",
                                   "indicators.view_evaluation", order=33))
    ext.NAVIGATION.add(ext.NavItem(_lazy("总览"), _lazy("历史数值补录"), "indicators:backfill",
                                   "indicators.add_indicatorsnapshot", order=34))
    # First run 6 hours after start (the demo loader records the first snapshots; 立即重新计算 records them at once).
    ext.PERIODIC_HOOKS.add(ext.PeriodicHook("indicators.snapshots", _record, every_seconds=6 * 3600,
                                            last_run=time.monotonic()))
    ext.DEMO_LOADERS.add(ext.DemoLoader("indicators", "yingji.indicators.demo.load", order=99))


def _record():
    from .snapshots import record

    return record()
