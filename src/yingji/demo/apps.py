from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    name = "yingji.demo"
    label = "demo"
    verbose_name = _("演示数据")

    def ready(self):
        from yingji.core.extensions import DEMO_LOADERS, DemoLoader

        DEMO_LOADERS.add(DemoLoader("base", "yingji.demo.loader.load_base", order=0))
