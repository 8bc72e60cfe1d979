from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OnemapConfig(AppConfig):
    name = "yingji.onemap"
    label = "onemap"
    verbose_name = _("应急管理一张图")

    def ready(self):
        from . import layers

        layers.register_region_layer()
        layers.register_registry_layers()
