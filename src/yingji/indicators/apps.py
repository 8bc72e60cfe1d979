from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "yingji.indicators"
    label = "indicators"
    verbose_name = _("规划指标")

    def ready(self):
        from . import contributions, registrations  # noqa: F401  (roles)

        contributions.register()
