from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "yingji.plans"
    label = "plans"
    verbose_name = _("预案与指挥调度")

    def ready(self):
        from . import contributions, registrations  # noqa: F401  (registries, permissions, consumers)

        contributions.register()
