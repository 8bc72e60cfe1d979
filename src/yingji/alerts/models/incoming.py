"""CAP messages received from other authorities (city, province, national services, polled feeds): validated,
stored with everything they carry, kept as received, and re-issuable as a local warning."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SignatureStatus(models.TextChoices):
    VALID = "valid", _("签名有效")
    INVALID = "invalid", _("签名无效")
    UNSIGNED = "unsigned", _("未签名")


class IncomingState(models.TextChoices):
    ACTIVE = "active", _("有效")
    UPDATED = "updated", _("已被更新")
    CANCELLED = "cancelled", _("已被解除")


class CapFeed(models.Model):
    """An external Atom/RSS feed of CAP messages, polled on a schedule (alerts.polling), with its health."""

    audited = True
    audit_exclude = {"seen", "last_polled_at"}

    name = models.CharField(_("名称"), max_length=100)
    url = models.URLField(_("订阅地址"), max_length=500, unique=True)
    enabled = models.BooleanField(_("启用"), default=True)
    created = models.DateTimeField(_("添加时间"), auto_now_add=True)
    last_polled_at = models.DateTimeField(_("最近拉取"), null=True, blank=True)
    last_success_at = models.DateTimeField(_("最近成功"), null=True, blank=True)
    last_error = models.TextField(_("最近错误"), blank=True)
    last_error_at = models.DateTimeField(_("最近出错时间"), null=True, blank=True)
    errors_in_row = models.PositiveIntegerField(_("连续失败次数"), default=0)
    imported = models.PositiveIntegerField(_("已导入消息数"), default=0)
    lag_seconds = models.FloatField(_("最新消息延迟（秒）"), null=True, blank=True,
                                    help_text=_("最新导入消息从发布（sent）到本系统收到所用的时间"))
    seen = models.JSONField(_("已处理的条目"), default=list, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("外部 CAP 订阅源")
        verbose_name_plural = _("外部 CAP 订阅源")

    def __str__(self):
        return self.name


class IncomingCap(models.Model):
    """One received CAP alert. CAP's key is (sender, identifier, sent); `raw` keeps the document's bytes exactly as
    they arrived (any encoding), `xml` the same document as text; `infos` every <info> block with its language."""

    audited = True
    audit_exclude = {"raw"}

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    identifier = models.CharField(_("标识符"), max_length=200)
    sender = models.CharField(_("发布者"), max_length=200)
    sender_name = models.CharField(_("发布单位"), max_length=200, blank=True)
    sent = models.DateTimeField(_("发布时间"))
    status = models.CharField(_("消息状态"), max_length=16, default="Actual")
    msg_type = models.CharField(_("消息类型"), max_length=16)
    scope = models.CharField(_("范围"), max_length=16, default="Public")
    references = models.TextField(_("引用"), blank=True, help_text=_("sender,identifier,sent，以空格分隔"))
    event = models.CharField(_("事件"), max_length=200, blank=True)
    headline = models.CharField(_("标题"), max_length=300, blank=True)
    severity = models.CharField(_("严重程度"), max_length=16, blank=True)
    language = models.CharField(_("语言"), max_length=35, blank=True)
    languages = models.CharField(_("全部语言"), max_length=200, blank=True, help_text=_("各信息块的语言，以空格分隔"))
    effective = models.DateTimeField(_("生效时间"), null=True, blank=True)
    onset = models.DateTimeField(_("开始时间"), null=True, blank=True)
    expires = models.DateTimeField(_("失效时间"), null=True, blank=True)
    infos = models.JSONField(_("信息块"), default=list, blank=True)
    raw = models.BinaryField(_("原始字节"), default=b"")
    encoding = models.CharField(_("编码"), max_length=40, blank=True)
    xml = models.TextField(_("CAP 原文"))
    cap_version = models.CharField(_("CAP 版本"), max_length=8, default="1.2")
    envelope = models.CharField(_("外层封装"), max_length=40, blank=True, help_text=_("EDXL-DE、alerts 等"))
    signature = models.CharField(_("数字签名"), max_length=16, choices=SignatureStatus.choices,
                                 default=SignatureStatus.UNSIGNED)
    signer = models.CharField(_("签名证书"), max_length=300, blank=True)
    signer_trusted = models.BooleanField(_("证书受信任"), default=False)
    state = models.CharField(_("当前状态"), max_length=16, choices=IncomingState.choices, default=IncomingState.ACTIVE)
    replaced_by = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="replaces",
                                    verbose_name=_("被其更新或解除"))
    notice = models.TextField(_("处理说明"), blank=True)
    feed = models.ForeignKey(CapFeed, null=True, blank=True, on_delete=models.SET_NULL, related_name="messages",
                             verbose_name=_("来自订阅源"))
    received = models.DateTimeField(_("接收时间"), auto_now_add=True)
    received_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name=_("接收人"))
    reissued_as = models.ForeignKey("alerts.Warning", null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name=_("转发为本地预警"))

    class Meta:
        ordering = ["-received"]
        verbose_name = _("上级预警（CAP）")
        verbose_name_plural = _("上级预警（CAP）")
        constraints = [models.UniqueConstraint(fields=["sender", "identifier", "sent"], name="incoming_cap_key")]
        indexes = [models.Index(fields=["sender", "identifier"])]

    def __str__(self):
        return self.headline or self.identifier
