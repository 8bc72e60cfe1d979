from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DutyConfig(AppConfig):
    name = "yingji.duty"
    label = "duty"
    verbose_name = _("值班值守")

    def ready(self):
        from . import contributions, registrations  # noqa: F401  (registries, permissions, consumers)
        from .config import get_config

        get_config()  # a bad YINGJI_DUTY stops the start-up, not the first roster
        contributions.register()
