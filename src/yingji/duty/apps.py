from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DutyConfig(AppConfig):
    name = "yingji.duty"
    label = "duty"
    verbose_name = _("值班值守")

    def ready(self):
        from . import registrations  # noqa: F401  (declare the registries, grant permissions, connect consumers)
