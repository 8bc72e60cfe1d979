"""Partners of the data exchange and what they do (issue 22; docs/exchange.md).

A partner (a department's system, a township's 综治 platform) holds API keys, stored only as SHA-256 digests; an
allow-list of scopes; a rate limit; a jurisdiction its writes must stay in; webhook subscriptions; pull feeds. Every
call is logged (ExchangeCall); every push is remembered by the partner's own id (PushRecord), so a repeat returns
the first answer."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import DeliveryState, Direction, DocumentCategory, FeedKind, PartnerKind


class Partner(models.Model):
    audited = True
    audit_exclude = {"signing_secret"}

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    code = models.SlugField(_("编码"), max_length=40, unique=True,
                            help_text=_("英文字母、数字、连字符，如 psb-110"))
    name = models.CharField(_("名称"), max_length=100)
    kind = models.CharField(_("类型"), max_length=16, choices=PartnerKind.choices, default=PartnerKind.DEPARTMENT)
    organization = models.ForeignKey("core.Organization", on_delete=models.SET_NULL, null=True, blank=True,
                                     verbose_name=_("所属单位"))
    region = models.ForeignKey("core.Region", on_delete=models.PROTECT, verbose_name=_("数据范围"),
                               help_text=_("该伙伴推送的数据须位于此区域内"))
    contact = models.CharField(_("联系人及电话"), max_length=100, blank=True)
    scopes = models.JSONField(_("允许的操作"), default=list, blank=True)
    read_feeds = models.JSONField(_("可读取的数据"), default=list, blank=True,
                                  help_text=_("该伙伴可通过接口读取的数据（默认不可读取任何数据）"))
    rate_per_minute = models.PositiveIntegerField(_("每分钟请求上限"), default=600)
    require_signature = models.BooleanField(_("推送须签名"), default=False,
                                            help_text=_("开启后，推送请求须带 HMAC-SHA256 签名和时间戳"))
    signing_secret = models.CharField(_("签名密钥"), max_length=80, editable=False)
    enabled = models.BooleanField(_("启用"), default=True)
    created = models.DateTimeField(_("创建时间"), auto_now_add=True)
    is_demo = models.BooleanField(_("演示数据"), default=False, editable=False)

    class Meta:
        ordering = ["code"]
        verbose_name = _("交换伙伴")
        verbose_name_plural = _("交换伙伴")

    def __str__(self):
        return self.name


class PartnerKey(models.Model):
    """An API key: `yjp_<prefix>_<secret>`; only the prefix (to find and show it) and the digest are kept."""

    audited = True
    audit_exclude = {"digest", "last_used_at"}

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="keys", verbose_name=_("交换伙伴"))
    label = models.CharField(_("说明"), max_length=100, blank=True)
    prefix = models.CharField(_("密钥前缀"), max_length=16, unique=True)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    scopes = models.JSONField(_("权限范围"), default=list, blank=True, help_text=_("为空表示伙伴允许的全部操作"))
    created = models.DateTimeField(_("创建时间"), default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("创建人"))
    expires_at = models.DateTimeField(_("有效期至"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("吊销时间"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("最近使用"), null=True, blank=True)
    is_demo = models.BooleanField(_("演示数据"), default=False, editable=False)

    class Meta:
        ordering = ["-created"]
        verbose_name = _("接入密钥")
        verbose_name_plural = _("接入密钥")

    def __str__(self):
        return f"{self.partner.code} {self.prefix}…"

    def state(self, now=None) -> str:
        now = now or timezone.now()
        if self.revoked_at is not None:
            return "revoked"
        if self.expires_at is not None and self.expires_at <= now:
            return "expired"
        return "active"


class PushRecord(models.Model):
    """One accepted push, by the partner's own id: a repeat answers with `response` (200) instead of creating."""

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="pushes")
    kind = models.CharField(max_length=16)  # incident, hazard, readings
    ref = models.CharField(_("对方编号"), max_length=100)
    object_uuid = models.CharField(max_length=36, blank=True)
    response = models.JSONField(default=dict)
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["partner", "kind", "ref"], name="exchange_push_once")]


class ExchangeCall(models.Model):
    """Every call of the exchange API, accepted or refused (the exchange log: counts and errors per day)."""

    at = models.DateTimeField(_("时间"), default=timezone.now, db_index=True)
    partner = models.ForeignKey(Partner, on_delete=models.SET_NULL, null=True, blank=True, related_name="calls",
                                verbose_name=_("交换伙伴"))
    key_prefix = models.CharField(_("密钥前缀"), max_length=16, blank=True)
    method = models.CharField(max_length=8)
    path = models.CharField(_("接口"), max_length=200)
    status = models.PositiveSmallIntegerField(_("状态码"))
    code = models.CharField(_("错误代码"), max_length=64, blank=True)
    ref = models.CharField(_("对方编号"), max_length=100, blank=True)
    ip = models.CharField(max_length=64, blank=True)
    duration_ms = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-at"]
        indexes = [models.Index(fields=["partner", "at"])]
        verbose_name = _("交换日志")
        verbose_name_plural = _("交换日志")


class Subscription(models.Model):
    """A partner's webhook: the events it wants, posted signed to `url`."""

    audited = True

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="subscriptions",
                                verbose_name=_("交换伙伴"))
    url = models.URLField(_("接收地址"), max_length=500)
    events = models.JSONField(_("订阅事件"), default=list)
    enabled = models.BooleanField(_("启用"), default=True)
    created = models.DateTimeField(_("创建时间"), auto_now_add=True)
    is_demo = models.BooleanField(_("演示数据"), default=False, editable=False)

    class Meta:
        ordering = ["partner", "url"]
        verbose_name = _("事件订阅")
        verbose_name_plural = _("事件订阅")

    def __str__(self):
        return f"{self.partner} → {self.url}"


class WebhookDelivery(models.Model):
    """One event to one subscription: retried with backoff, dead after MAX_ATTEMPTS (the dead-letter list)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="deliveries")
    event = models.CharField(_("事件"), max_length=40)
    source_key = models.CharField(max_length=80)  # the outbox event's id: one delivery per event and subscription
    body = models.TextField()
    state = models.CharField(_("状态"), max_length=12, choices=DeliveryState.choices, default=DeliveryState.PENDING,
                             db_index=True)
    attempts = models.PositiveSmallIntegerField(_("尝试次数"), default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now, db_index=True)
    last_status = models.PositiveSmallIntegerField(_("最近响应码"), null=True, blank=True)
    last_error = models.TextField(_("最近错误"), blank=True)
    created = models.DateTimeField(_("产生时间"), default=timezone.now)
    delivered_at = models.DateTimeField(_("送达时间"), null=True, blank=True)

    class Meta:
        ordering = ["-created"]
        constraints = [models.UniqueConstraint(fields=["subscription", "source_key"], name="exchange_delivery_once")]
        verbose_name = _("事件推送")
        verbose_name_plural = _("事件推送")


class PullFeed(models.Model):
    """A feed the platform pulls on a schedule: CAP/Atom (through the alerts app's CAP feed) or 水文 JSON/CSV over
    HTTP mapped into monitoring readings; with its health."""

    audited = True
    audit_exclude = {"last_polled_at", "last_success_at", "last_error", "last_error_at", "errors_in_row",
                     "imported", "lag_seconds"}

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="feeds", verbose_name=_("交换伙伴"))
    name = models.CharField(_("名称"), max_length=100)
    kind = models.CharField(_("格式"), max_length=8, choices=FeedKind.choices)
    url = models.URLField(_("地址"), max_length=500)
    cap_feed = models.OneToOneField("alerts.CapFeed", on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="exchange_feed")
    mapping = models.JSONField(_("字段映射"), default=dict, blank=True,
                               help_text=_('如 {"device": "stcd", "time": "tm", "values": {"rain": "drp"}}'))
    every_seconds = models.PositiveIntegerField(_("拉取间隔（秒）"), default=300)
    enabled = models.BooleanField(_("启用"), default=True)
    last_polled_at = models.DateTimeField(_("最近拉取"), null=True, blank=True)
    last_success_at = models.DateTimeField(_("最近成功"), null=True, blank=True)
    last_error = models.TextField(_("最近错误"), blank=True)
    last_error_at = models.DateTimeField(_("最近出错时间"), null=True, blank=True)
    errors_in_row = models.PositiveIntegerField(_("连续失败次数"), default=0)
    imported = models.PositiveIntegerField(_("已导入条数"), default=0)
    lag_seconds = models.FloatField(_("数据延迟（秒）"), null=True, blank=True)
    is_demo = models.BooleanField(_("演示数据"), default=False, editable=False)

    class Meta:
        ordering = ["partner", "name"]
        verbose_name = _("拉取数据源")
        verbose_name_plural = _("拉取数据源")

    def __str__(self):
        return self.name


class Dataset(models.Model):
    """An entry of the 数据资源目录: a dataset the platform offers or consumes."""

    audited = True

    code = models.SlugField(_("编码"), max_length=40, unique=True)
    name = models.CharField(_("名称"), max_length=100)
    direction = models.CharField(_("方向"), max_length=10, choices=Direction.choices)
    owner = models.CharField(_("责任单位"), max_length=100)
    frequency = models.CharField(_("更新频率"), max_length=50)
    channel = models.CharField(_("交换方式"), max_length=200, help_text=_("接口地址、订阅事件或拉取地址"))
    description = models.TextField(_("说明"), blank=True)
    fields = models.JSONField(_("字段"), default=list, blank=True, help_text=_('[{"name": …, "label": …, "type": …}]'))
    partners = models.ManyToManyField(Partner, blank=True, related_name="datasets", verbose_name=_("交换伙伴"))
    is_demo = models.BooleanField(_("演示数据"), default=False, editable=False)

    class Meta:
        ordering = ["direction", "code"]
        verbose_name = _("数据资源")
        verbose_name_plural = _("数据资源目录")

    def __str__(self):
        return self.name


class PartnerDocument(models.Model):
    """A document a partner pushed (部门来文: a notice, a situation report …), its files kept as attachments
    (core.attachments), about an incident or not. Kept in the partner's region (an incident's, when given)."""

    audited = True

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="documents",
                                verbose_name=_("交换伙伴"))
    ref = models.CharField(_("对方编号"), max_length=100)
    title = models.CharField(_("标题"), max_length=200)
    number = models.CharField(_("文号"), max_length=64, blank=True)
    category = models.CharField(_("类别"), max_length=16, choices=DocumentCategory.choices,
                                default=DocumentCategory.OTHER)
    issued_on = models.DateField(_("成文日期"), null=True, blank=True)
    summary = models.TextField(_("摘要"), max_length=4000, blank=True)
    incident = models.ForeignKey("incidents.Incident", on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="+", verbose_name=_("事件"))
    region = models.ForeignKey("core.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("区域"))
    received_at = models.DateTimeField(_("接收时间"), default=timezone.now)

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = _("部门来文")
        verbose_name_plural = _("部门来文")
        constraints = [models.UniqueConstraint(fields=["partner", "ref"], name="partner_doc_once")]

    def __str__(self):
        return self.title
