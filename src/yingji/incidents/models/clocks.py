"""Reporting clocks as rows (DESIGN §4.8): a due time, a level reported to, and how it ended."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..choices import ClockState
from ..config import get_config


class ReportingClock(models.Model):
    incident = models.ForeignKey(
        "incidents.Incident", on_delete=models.CASCADE, related_name="clocks", verbose_name=_("事件")
    )
    slug = models.CharField(_("规则"), max_length=64)
    name = models.CharField(_("时限"), max_length=100)
    report_to = models.CharField(_("报告对象"), max_length=100)
    source = models.CharField(_("依据"), max_length=200)
    confidence = models.CharField(max_length=8, default="V")
    starts_at = models.DateTimeField(_("起算时间"))
    due_at = models.DateTimeField(_("截止时间"), db_index=True)
    required = models.BooleanField(_("结束前须完成"), default=True)
    recurring = models.CharField(max_length=16, blank=True)
    met_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    met_by = models.ForeignKey(
        "incidents.SituationReport", null=True, blank=True, on_delete=models.SET_NULL, related_name="met_clocks",
        verbose_name=_("完成报告"),
    )
    met_note = models.CharField(_("完成说明"), max_length=200, blank=True)
    waived_at = models.DateTimeField(_("豁免时间"), null=True, blank=True)
    waived_reason = models.TextField(_("豁免理由"), blank=True)
    waived_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("豁免人"),
    )
    amber_notified_at = models.DateTimeField(null=True, blank=True)
    overdue_notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_at", "id"]
        verbose_name = _("报送时限")
        verbose_name_plural = _("报送时限")

    def __str__(self):
        return f"{self.name} {self.due_at:%Y-%m-%d %H:%M}"

    @property
    def is_open(self) -> bool:
        return self.met_at is None and self.waived_at is None

    def state(self, now=None) -> str:
        if self.waived_at:
            return ClockState.WAIVED
        if self.met_at:
            return ClockState.MET if self.met_at <= self.due_at else ClockState.MET_LATE
        now = now or timezone.now()
        if now > self.due_at:
            return ClockState.OVERDUE
        return ClockState.AMBER if now >= self.amber_at else ClockState.RUNNING

    @property
    def amber_at(self):
        cfg = get_config()
        window = self.due_at - self.starts_at
        left = max(window * cfg.amber_fraction, timedelta(minutes=cfg.amber_minutes))
        return self.due_at - min(left, window)

    def state_label(self, now=None) -> str:
        return str(ClockState(self.state(now)).label)

    def margin(self):
        """met_at − due_at: negative means early; None while open or waived."""
        return self.met_at - self.due_at if self.met_at else None
