from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IncidentsConfig(AppConfig):
    name = "yingji.incidents"
    label = "incidents"
    verbose_name = _("突发事件")

    def ready(self):
        from . import contributions, registrations  # noqa: F401  (roles and the one-map layer)
        from .config import get_config

        get_config()  # a bad YINGJI_INCIDENTS stops the start-up, not the first report
        contributions.register()
