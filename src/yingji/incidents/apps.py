from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IncidentsConfig(AppConfig):
    name = "yingji.incidents"
    label = "incidents"
    verbose_name = _("突发事件")

    def ready(self):
        from . import registrations  # noqa: F401  (declare the registries, connect consumers)
