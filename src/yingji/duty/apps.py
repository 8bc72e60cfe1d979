from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DutyConfig(AppConfig):
    name = "yingji.duty"
    label = "duty"
    verbose_name = _("值班值守")

    def ready(self):
        from yingji.channels.periodic import register_periodic
        from yingji.web.navigation import NavItem, add_nav_item

        from . import registrations, scheduler  # noqa: F401  (registries, permissions, consumers)
        from .config import get_config

        get_config()  # a bad YINGJI_DUTY stops the start-up, not the first roster

        # `yingji worker` (and the Celery beat) run the duty scheduler every 30 s: sweeps, due escalation steps.
        register_periodic("duty.tick", lambda: scheduler.tick(deliver=False), every_seconds=30)
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
            add_nav_item(menu, NavItem(title, url_name, permission))
