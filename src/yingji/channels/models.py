"""Channels are adapters (DESIGN §4.6), configured in the database; messages are a durable outbox.

One Message row is one recipient on one channel. Its idempotency key travels with every attempt, so a
resend after a crash is recognisable at the far end, and nothing is lost if a worker dies mid-send.
A warning writes a million of these rows at once, so the table keeps only the indexes its queries need
(docs/alerts.md, "Fan-out and batching").
"""

import secrets
import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.crypto import constant_time_compare, salted_hmac
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

# Kinds whose far end takes many recipients of one text in one request, and the most a request may carry. A
# channel batches when its config sets "batch_size" (2 … the limit); gateways opt in because the request format
# changes (docs/alerts.md). In-app messages need no request at all and always go a thousand at a time.
BATCH_LIMIT = {
    ChannelKind.SMS_HTTP: 1000,
    ChannelKind.BROADCAST_HTTP: 1000,
    ChannelKind.WECOM_ROBOT: 100,
    ChannelKind.DINGTALK_ROBOT: 100,
    ChannelKind.IN_APP: 1000,
}
DEFAULT_BATCH = {ChannelKind.IN_APP: 1000}


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

    @property
    def batch_size(self) -> int:
        """Recipients per request: 1 unless the kind batches and the config asks for more (clamped to the limit)."""
        try:
            size = int((self.config or {}).get("batch_size", DEFAULT_BATCH.get(self.kind, 1)))
        except (TypeError, ValueError):
            return 1
        return max(1, min(size, BATCH_LIMIT.get(self.kind, 1)))

    def clean(self):
        super().clean()
        config = self.config if isinstance(self.config, dict) else {}
        if "batch_size" not in config:
            return
        limit, size = BATCH_LIMIT.get(self.kind, 1), config["batch_size"]
        if isinstance(size, bool) or not isinstance(size, int) or not 1 <= size <= limit:
            raise ValidationError({"config": ValidationError(
                _("batch_size 应为 1 到 %(n)s 之间的整数（此类通道每次请求最多 %(n)s 个接收人）") % {"n": limit},
                code="invalid_batch_size")})
        if size > 1 and config.get("body_template"):
            raise ValidationError({"config": ValidationError(
                _("body_template 只用于逐条发送；批量发送使用固定的批量格式，"
                  "请删除 body_template 或把 batch_size 设为 1"),
                code="template_with_batch")})


class MessageStatus(models.TextChoices):
    PENDING = "pending", _("待发送")
    SENDING = "sending", _("发送中")
    SENT = "sent", _("已发送")
    DELIVERED = "delivered", _("已送达")
    FAILED = "failed", _("失败")
    ACKNOWLEDGED = "acknowledged", _("已确认")


ACK_SALT = "yingji.channels.ack"


def _ack_token() -> str:  # the default of the stored token column of migration 0001 (dropped in 0003)
    return secrets.token_urlsafe(24)


def ack_token_for(message_uuid) -> str:
    """The token of a confirmation link: the message's uuid and an HMAC of it under SECRET_KEY. It cannot be
    guessed, and nothing is stored or indexed per message for it."""
    hexed = message_uuid.hex if isinstance(message_uuid, uuid.UUID) else uuid.UUID(str(message_uuid)).hex
    return hexed + salted_hmac(ACK_SALT, hexed, algorithm="sha256").hexdigest()[:32]


def uuid_of_ack_token(token: str) -> uuid.UUID | None:
    """The message uuid a genuine token names, else None."""
    token = str(token or "")
    if len(token) != 64:
        return None
    try:
        value = uuid.UUID(token[:32])
    except ValueError:
        return None
    return value if constant_time_compare(ack_token_for(value), token) else None


class Message(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # The two references are kept by Django (PROTECT, SET_NULL), not by database constraints: a constraint's check
    # per inserted row cost as much as writing the row on a million-row fan-out. No index of its own either: the
    # due index below leads with the channel.
    channel = models.ForeignKey(Channel, on_delete=models.PROTECT, related_name="messages", verbose_name=_("通道"),
                                db_index=False, db_constraint=False)
    address = models.CharField(_("地址"), max_length=255)
    contacts = models.JSONField(_("联系方式"), default=dict, blank=True)
    recipient_name = models.CharField(_("接收人"), max_length=100, blank=True)
    subject = models.CharField(_("标题"), max_length=200, blank=True)
    body = models.TextField(_("内容"))
    idempotency_key = models.CharField(max_length=200)  # unique: the constraint below (no LIKE index)
    # Looked up together through the composite index below; every index costs time on a million-row fan-out.
    source_type = models.CharField(_("来源类型"), max_length=100, blank=True)
    source_id = models.CharField(_("来源ID"), max_length=64, blank=True)
    region_code = models.CharField(_("区域编码"), max_length=20, blank=True)  # grouped per warning, never searched
    status = models.CharField(_("状态"), max_length=16, choices=MessageStatus.choices, default=MessageStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(_("尝试次数"), default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)  # empty: due at once; else the retry's time
    # A worker's lease while it sends (the row stays 待发送, so taking the lease touches no index).
    claimed_until = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(_("失败原因"), blank=True)
    provider_id = models.CharField(max_length=128, blank=True)
    fallback_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="fallbacks", verbose_name=_("原消息"),
        db_index=False, db_constraint=False,
    )
    created = models.DateTimeField(_("创建时间"), auto_now_add=True)
    sent_at = models.DateTimeField(_("发送时间"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("送达时间"), null=True, blank=True)
    acknowledged_at = models.DateTimeField(_("确认时间"), null=True, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("消息")
        verbose_name_plural = _("消息")
        # Partial indexes hold only the rows their query looks for, so a fan-out's new rows cost nothing there.
        indexes = [
            models.Index(fields=["channel", "next_attempt_at", "id"], condition=Q(status="pending"),
                         name="channels_msg_due"),
            models.Index(fields=["source_type", "source_id"], name="channels_msg_source"),
            models.Index(fields=["provider_id"], condition=~Q(provider_id=""), name="channels_msg_provider"),
            models.Index(fields=["fallback_of"], condition=Q(fallback_of__isnull=False), name="channels_msg_fallback"),
            models.Index(fields=["created"], condition=Q(contacts__ack=True, acknowledged_at__isnull=True),
                         name="channels_msg_awaiting_ack"),
            # a person's in-app notices (in_app_messages): only messages to an account carry a username
            models.Index(fields=["address", "created"], condition=Q(contacts__has_key="username"),
                         name="channels_msg_to_account"),
        ]
        constraints = [models.UniqueConstraint(fields=["idempotency_key"], name="channels_msg_key_unique")]

    def __str__(self):
        return f"{self.channel} → {self.recipient_name or self.address}"

    @property
    def ack_token(self) -> str:
        return ack_token_for(self.uuid)
