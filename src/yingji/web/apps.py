from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    name = "yingji.web"
    label = "web"
    verbose_name = _("门户")

    def ready(self):
        from . import todo

        todo.register()  # last of the apps: every to-do provider is registered by now
