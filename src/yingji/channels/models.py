"""Channels are adapters (DESIGN §4.6), configured in the database; messages are a durable outbox.

One Message row is one recipient on one channel. Its idempotency key travels with every attempt, so a
resend after a crash is recognisable at the far end, and nothing is lost if a worker dies mid-send.
"""

import secrets
import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class ChannelKind(models.TextChoices):
    SMS_HTTP = "sms_http", _("短信网关（HTTP）")
    WECOM_ROBOT = "wecom_robot", _("企业微信群机器人")
    DINGTALK_ROBOT = "dingtalk_robot", _("钉钉群机器人")
    EMAIL = "email", _("电子邮件（SMTP）")
    BROADCAST_HTTP = "broadcast_http", _("应急广播（HTTP 指令）")
    MQTT = "mqtt", _("MQTT 发布")
    WEBHOOK = "webhook", _("通用 Webhook")
    IN_APP = "in_app", _("站内消息")


# Which contact of a recipient each kind of channel addresses.
ADDRESS_FIELD = {
    ChannelKind.SMS_HTTP: "phone",
    ChannelKind.WECOM_ROBOT: "phone",
    ChannelKind.DINGTALK_ROBOT: "phone",
    ChannelKind.EMAIL: "email",
    ChannelKind.BROADCAST_HTTP: "device",
    ChannelKind.MQTT: "device",
    ChannelKind.WEBHOOK: "phone",
    ChannelKind.IN_APP: "username",
}


class Channel(models.Model):
    audited = True

    code = models.CharField(_("编码"), max_length=64, unique=True)
    name = models.CharField(_("名称"), max_length=100)
    kind = models.CharField(_("类型"), max_length=32, choices=ChannelKind.choices)
    enabled = models.BooleanField(_("启用"), default=True)
    config = models.JSONField(
        _("配置"),
        default=dict,
        blank=True,
        help_text=_("如 url、headers、body_template、host、port、topic、secret 等，按通道类型填写"),
    )
    fallback = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, verbose_name=_("失败后改用"), related_name="+"
    )
    max_attempts = models.PositiveSmallIntegerField(_("最多尝试次数"), default=4)
    timeout_seconds = models.PositiveSmallIntegerField(_("超时（秒）"), default=10)

    class Meta:
        ordering = ["code"]
        verbose_name = _("消息通道")
        verbose_name_plural = _("消息通道")

    def __str__(self):
        return self.name


class MessageStatus(models.TextChoices):
    PENDING = "pending", _("待发送")
    SENDING = "sending", _("发送中")
    SENT = "sent", _("已发送")
    DELIVERED = "delivered", _("已送达")
    FAILED = "failed", _("失败")
    ACKNOWLEDGED = "acknowledged", _("已确认")


def _ack_token() -> str:
    return secrets.token_urlsafe(24)


class Message(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    channel = models.ForeignKey(Channel, on_delete=models.PROTECT, related_name="messages", verbose_name=_("通道"))
    address = models.CharField(_("地址"), max_length=255)
    contacts = models.JSONField(_("联系方式"), default=dict, blank=True)
    recipient_name = models.CharField(_("接收人"), max_length=100, blank=True)
    subject = models.CharField(_("标题"), max_length=200, blank=True)
    body = models.TextField(_("内容"))
    idempotency_key = models.CharField(max_length=200, unique=True)
    # Looked up with source_id (and status) through the composite index below; no index of its own, since every
    # index costs time on a million-row warning fan-out.
    source_type = models.CharField(_("来源类型"), max_length=100, blank=True)
    source_id = models.CharField(_("来源ID"), max_length=64, blank=True, db_index=True)
    region_code = models.CharField(_("区域编码"), max_length=20, blank=True)  # grouped per warning, never searched
    status = models.CharField(_("状态"), max_length=16, choices=MessageStatus.choices, default=MessageStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(_("尝试次数"), default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    claimed_until = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(_("失败原因"), blank=True)
    provider_id = models.CharField(max_length=128, blank=True, db_index=True)
    fallback_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="fallbacks", verbose_name=_("原消息")
    )
    ack_token = models.CharField(max_length=64, unique=True, default=_ack_token, editable=False)
    created = models.DateTimeField(_("创建时间"), auto_now_add=True, db_index=True)
    sent_at = models.DateTimeField(_("发送时间"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("送达时间"), null=True, blank=True)
    acknowledged_at = models.DateTimeField(_("确认时间"), null=True, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("消息")
        verbose_name_plural = _("消息")
        indexes = [
            models.Index(fields=["status", "next_attempt_at"]),
            models.Index(fields=["source_type", "source_id", "status"]),
        ]

    def __str__(self):
        return f"{self.channel} → {self.recipient_name or self.address}"
