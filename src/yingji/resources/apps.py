from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResourcesConfig(AppConfig):
    name = "yingji.resources"
    label = "resources"
    verbose_name = _("应急资源")

    def ready(self):
        from . import contributions, registrations  # noqa: F401  (declare the registries)

        contributions.register()
