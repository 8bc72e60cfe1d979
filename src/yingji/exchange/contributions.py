"""What the exchange app contributes (core.extensions): menu entries, the pull-feed hook, the webhook worker step,
its demo data and its permissions."""

from django.utils.translation import gettext_lazy as _lazy

from yingji.core import extensions as ext
from yingji.core.roles import Role, grant

VIEW = "exchange.view_partner"


def _pull():
    from .feeds import pull_due

    return pull_due()


def _deliver(now):
    from .webhooks import deliver_due

    return deliver_due(now)


def register() -> None:
    # 系统管理员 manages partners, keys and subscriptions; readers of everything (*.view_*) see the pages.
    grant(Role.SYSADMIN, "exchange.*")
    group = _lazy("数据交换")
    ext.NAVIGATION.add(ext.NavItem(group, _lazy("交换伙伴"), "exchange:partners", VIEW, order=10))
    ext.NAVIGATION.add(ext.NavItem(group, _lazy("数据资源目录"), "exchange:catalogue", "exchange.view_dataset",
                                   order=11))
    ext.NAVIGATION.add(ext.NavItem(group, _lazy("交换日志"), "exchange:log", VIEW, order=12))
    ext.NAVIGATION.add(ext.NavItem(group, _lazy("拉取数据源"), "exchange:feeds", VIEW, order=13))
    ext.NAVIGATION.add(ext.NavItem(group, _lazy("事件推送死信"), "exchange:dead", VIEW, order=14))
    ext.NAVIGATION.add(ext.NavItem(group, _lazy("部门来文"), "exchange:documents", "exchange.view_partnerdocument",
                                   order=15))
    ext.TIMELINE_KINDS.add(ext.TimelineKind("partner_doc", _lazy("部门来文"), "file-earmark-text", order=62))
    ext.PERIODIC_HOOKS.add(ext.PeriodicHook("exchange.pull", _pull, every_seconds=30))
    ext.WORKER_STEPS.add(ext.WorkerStep("exchange.webhooks", _deliver, order=120))
    ext.DEMO_LOADERS.add(ext.DemoLoader("exchange", "yingji.exchange.demo.load", order=97))
