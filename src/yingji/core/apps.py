from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "yingji.core"
    label = "core"
    verbose_name = _("基础平台")

    def ready(self):
        from . import audit, registrations  # noqa: F401  (connect audit signal handlers, declare registries)
        from .standards_config import apply_standards_overrides

        apply_standards_overrides()
