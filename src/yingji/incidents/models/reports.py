"""Situation reports (灾情/事故报告): 初报 → 续报 … → 核报, each signed off before it is sent."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..choices import ReportKind, ReportStatus


class SituationReport(models.Model):
    audited = True

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    incident = models.ForeignKey(
        "incidents.Incident", on_delete=models.PROTECT, related_name="reports", verbose_name=_("事件")
    )
    kind = models.CharField(_("报告类别"), max_length=16, choices=ReportKind.choices)
    number = models.PositiveSmallIntegerField(_("期数"), default=1)
    region = models.ForeignKey(
        "core.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("填报区域")
    )
    status = models.CharField(_("状态"), max_length=16, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    title = models.CharField(_("标题"), max_length=200)
    issuer = models.CharField(_("报送单位"), max_length=200)
    as_of = models.DateTimeField(_("统计截至"))
    figures = models.JSONField(_("灾情数据"), default=dict, blank=True)
    texts = models.JSONField(_("报告正文"), default=dict, blank=True)
    explanation = models.TextField(_("数据变化说明"), blank=True, max_length=4000)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("拟稿人")
    )
    signer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("签发人"),
    )
    signed_at = models.DateTimeField(_("签发时间"), null=True, blank=True)
    sent_at = models.DateTimeField(_("报送时间"), null=True, blank=True)
    returned_reason = models.TextField(_("退回意见"), blank=True)
    created = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated = models.DateTimeField(_("更新时间"), auto_now=True)
    is_demo = models.BooleanField(_("演示数据"), default=False, editable=False)
    version = models.PositiveIntegerField(_("版本"), default=1, editable=False)

    class Meta:
        ordering = ["incident", "created", "id"]
        verbose_name = _("灾情/事故报告")
        verbose_name_plural = _("灾情/事故报告")
        permissions = [("sign_situationreport", _("签发报告"))]

    def __str__(self):
        return self.title

    @property
    def kind_label(self) -> str:
        label = self.get_kind_display()
        return f"{label}（第{self.number}期）" if self.kind == ReportKind.CONTINUATION else label

    def save(self, *args, **kwargs):
        if self.pk is not None:
            self.version += 1
        super().save(*args, **kwargs)
