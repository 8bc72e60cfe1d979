from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlertsConfig(AppConfig):
    name = "yingji.alerts"
    label = "alerts"
    verbose_name = _("预警发布")

    def ready(self):
        from . import contributions, registrations  # noqa: F401  (registries, permissions, consumers, periodic hooks)

        contributions.register()
