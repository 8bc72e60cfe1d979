from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "yingji.plans"
    label = "plans"
    verbose_name = _("预案与指挥调度")

    def ready(self):
        from . import registrations  # noqa: F401  (declare the registries, grant permissions, connect consumers)
