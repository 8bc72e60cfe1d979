from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PreventionConfig(AppConfig):
    name = "yingji.prevention"
    label = "prevention"
    verbose_name = _("双重预防")

    def ready(self):
        from . import contributions, registrations  # noqa: F401  (declare the registries)

        contributions.register()
