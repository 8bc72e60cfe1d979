from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DrillsConfig(AppConfig):
    name = "yingji.drills"
    label = "drills"
    verbose_name = _("应急演练")

    def ready(self):
        from . import contributions, registrations  # noqa: F401  (declare the registries)

        contributions.register()
