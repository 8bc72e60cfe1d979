from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicesConfig(AppConfig):
    name = "yingji.services"
    label = "services"
    verbose_name = _("企业服务与信用监管")

    def ready(self):
        from . import config, contributions, roles  # noqa: F401  (the role grants)

        config.current()
        contributions.register()
        from . import accounts

        accounts.register()
