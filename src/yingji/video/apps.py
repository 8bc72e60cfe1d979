from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VideoConfig(AppConfig):
    name = "yingji.video"
    label = "video"
    verbose_name = _("视频汇聚")

    def ready(self):
        from . import contributions, registrations  # noqa: F401  (declare the registries)

        contributions.register()
