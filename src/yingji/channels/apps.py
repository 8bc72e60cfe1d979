from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChannelsConfig(AppConfig):
    name = "yingji.channels"
    label = "channels"
    verbose_name = _("消息通道")

    def ready(self):
        from yingji.core.extensions import WORKER_STEPS, WorkerStep

        from .services import deliver_pending

        WORKER_STEPS.add(WorkerStep("channels.deliver", lambda now: deliver_pending(now=now), order=50))
