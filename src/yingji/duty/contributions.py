"""What the duty desk contributes to the platform (core.extensions), registered from apps.py: its menu, the
scheduler tick the worker runs every 30 s, and its demo data."""

from django.utils.translation import gettext_lazy as _

from yingji.core import extensions as ext


def _tick():
    from .scheduler import tick

    return tick(deliver=False)  # the worker's own delivery step sends the messages


def register() -> None:
    menu = _("值班值守")
    for title, url_name, permission in (
        (_("值班台"), "duty:desk", "duty.view_shift"),
        (_("当前在岗"), "duty:on-duty", "duty.view_shift"),
        (_("排班表"), "duty:roster", "duty.view_shift"),
        (_("值班日志"), "duty:log", "duty.view_logentry"),
        (_("交接班"), "duty:handovers", "duty.view_handover"),
        (_("点名抽查"), "duty:roll-calls", "duty.view_rollcall"),
        (_("升级通知"), "duty:escalations", "duty.view_escalationchain"),
        (_("值班日报"), "duty:report", "duty.view_shift"),
    ):
        ext.NAVIGATION.add(ext.NavItem(menu, title, url_name, permission))
    # `yingji worker` (and the Celery beat) run the duty scheduler: sweeps, due escalation steps.
    ext.PERIODIC_HOOKS.add(ext.PeriodicHook("duty.tick", _tick, every_seconds=30))
    ext.DEMO_LOADERS.add(ext.DemoLoader("duty", "yingji.duty.demo.load", order=60))
