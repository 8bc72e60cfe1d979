from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnforcementConfig(AppConfig):
    name = "yingji.enforcement"
    label = "enforcement"
    verbose_name = _("执法检查")

    def ready(self):
        from . import contributions, registrations  # noqa: F401  (declare the registries)

        contributions.register()
