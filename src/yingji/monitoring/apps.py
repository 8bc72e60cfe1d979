from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "yingji.monitoring"
    label = "monitoring"
    verbose_name = _("监测预警")

    def ready(self):
        from . import consequences, contributions, registrations  # noqa: F401  (registries, outbox consumers)

        contributions.register()
