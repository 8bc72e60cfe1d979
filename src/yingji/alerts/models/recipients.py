"""Who receives warnings besides officials and grid workers: public subscribers and loudspeakers."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from yingji.core.models import RegionLevel, RegistryModel

from ..config import SUBSCRIBER_CHANNELS

MOBILE = re.compile(r"^1[3-9]\d{9}$")


class Subscriber(RegistryModel):
    """公众订阅者: a phone in a village or community, with a preferred channel; opt-out keeps the record."""

    code_prefix = "SUB"

    phone = models.CharField(_("手机号码"), max_length=20, db_index=True)
    email = models.EmailField(_("电子邮箱"), blank=True)
    preferred_channel = models.CharField(
        _("首选渠道"), max_length=16, choices=list(SUBSCRIBER_CHANNELS.items()), default="sms"
    )
    opted_out = models.BooleanField(_("已退订"), default=False)

    class Meta(RegistryModel.Meta):
        verbose_name = _("预警订阅者")
        verbose_name_plural = _("预警订阅者")
        indexes = [models.Index(fields=["region", "opted_out"])]

    def clean(self):
        super().clean()
        self.phone = (self.phone or "").strip().replace(" ", "").replace("-", "")
        if not MOBILE.match(self.phone):
            raise ValidationError({"phone": ValidationError(_("手机号码格式不正确（应为 11 位，以 1 开头）"),
                                                            code="invalid_phone")})
        if self.region_id and self.region.level < RegionLevel.VILLAGE:
            raise ValidationError({"region": ValidationError(_("订阅者的区域应为村或社区"), code="region_not_village")})
        if self.preferred_channel == "email" and not self.email:
            message = _("首选渠道为电子邮件时必须填写邮箱")
            raise ValidationError({"email": ValidationError(message, code="email_required")})


class Loudspeaker(RegistryModel):
    """应急广播终端, registered by region; addressed by its device id on the broadcast platform."""

    code_prefix = "GB"

    device_id = models.CharField(_("终端编号"), max_length=64, db_index=True)

    class Meta(RegistryModel.Meta):
        verbose_name = _("应急广播终端")
        verbose_name_plural = _("应急广播终端")
