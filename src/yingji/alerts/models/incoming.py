"""CAP messages received from a higher authority (city, province): validated, stored, re-issuable."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class IncomingCap(models.Model):
    audited = True

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    identifier = models.CharField(_("标识符"), max_length=200, unique=True)
    sender = models.CharField(_("发布者"), max_length=200)
    sender_name = models.CharField(_("发布单位"), max_length=200, blank=True)
    sent = models.DateTimeField(_("发布时间"))
    msg_type = models.CharField(_("消息类型"), max_length=16)
    event = models.CharField(_("事件"), max_length=200, blank=True)
    headline = models.CharField(_("标题"), max_length=300, blank=True)
    severity = models.CharField(_("严重程度"), max_length=16, blank=True)
    xml = models.TextField(_("CAP 原文"))
    received = models.DateTimeField(_("接收时间"), auto_now_add=True)
    received_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name=_("接收人"))
    reissued_as = models.ForeignKey("alerts.Warning", null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name=_("转发为本地预警"))

    class Meta:
        ordering = ["-received"]
        verbose_name = _("上级预警（CAP）")
        verbose_name_plural = _("上级预警（CAP）")

    def __str__(self):
        return self.headline or self.identifier
