from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChannelsConfig(AppConfig):
    name = "yingji.channels"
    label = "channels"
    verbose_name = _("消息通道")
