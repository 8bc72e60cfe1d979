from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationConfig(AppConfig):
    name = "yingji.consultation"
    label = "consultation"
    verbose_name = _("统一协同会商")

    def ready(self):
        from . import acks, contributions, registrations  # noqa: F401  (registries, the SMS-link consumer)

        contributions.register()
