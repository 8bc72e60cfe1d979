"""Yearly values of the indicators whose data is outside the platform, entered with evidence and approved."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from yingji.core.scoping import EVERYWHERE, READ

from .catalogue import CATALOGUE


class ValueState(models.TextChoices):
    SUBMITTED = "submitted", _("已填报")
    APPROVED = "approved", _("审核通过")
    RETURNED = "returned", _("退回")


class IndicatorValue(models.Model):
    """One department's figure for one indicator and year; only an approved one counts (the latest approved)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    code = models.CharField(_("指标"), max_length=8,
                            choices=[(e.code, format_lazy("{} {}", e.code, e.name)) for e in CATALOGUE])
    year = models.PositiveSmallIntegerField(_("年度"))
    value = models.DecimalField(_("数值"), max_digits=16, decimal_places=4)
    note = models.TextField(_("说明"), blank=True)
    status = models.CharField(_("状态"), max_length=16, choices=ValueState.choices, default=ValueState.SUBMITTED)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("填报人"))
    entered_at = models.DateTimeField(_("填报时间"), auto_now_add=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+",
                                   verbose_name=_("审核人"))
    decided_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    reason = models.TextField(_("退回原因"), blank=True)

    jurisdiction_shared = {READ: EVERYWHERE}  # district-wide figures: whoever may view them sees them all

    class Meta:
        verbose_name = _("指标填报值")
        verbose_name_plural = _("指标填报值")
        ordering = ["code", "-year", "-entered_at"]
        permissions = [("approve_indicatorvalue", _("审核指标填报值"))]
        indexes = [models.Index(fields=["code", "year", "status"])]

    def __str__(self):
        return f"{self.code} · {self.year}"


class IndicatorSnapshot(models.Model):
    """A computed indicator's figure for one year and one region (the district or a township), recorded by the
    worker (snapshots.py) so that the trend and the township breakdown need no recomputing. The year's row is
    replaced at each run until the year ends; then it stays as the year's figure."""

    # Not `code`: that names a record (the jurisdiction walker reads `code` fields as identities).
    indicator = models.CharField(_("指标"), max_length=8)
    year = models.PositiveSmallIntegerField(_("年度"))
    region = models.ForeignKey("core.Region", models.CASCADE, related_name="+", verbose_name=_("区域"))
    value = models.FloatField(_("数值"), null=True, blank=True)
    of = models.FloatField(_("总数"), null=True, blank=True)
    status = models.CharField(_("状态"), max_length=16)
    computed_at = models.DateTimeField(_("计算时间"))

    class Meta:
        verbose_name = _("指标年度快照")
        verbose_name_plural = _("指标年度快照")
        ordering = ["indicator", "-year"]
        constraints = [models.UniqueConstraint(fields=["indicator", "year", "region"], name="indicator_snapshot_once")]

    def __str__(self):
        return f"{self.indicator} · {self.year} · {self.region_id}"
