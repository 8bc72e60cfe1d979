from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    name = "yingji.exchange"
    label = "exchange"
    verbose_name = _("数据交换")

    def ready(self):
        from . import contributions, webhooks  # noqa: F401  (outbox consumer)

        contributions.register()
