"""Per-day counters for the numbers people read and quote (SJ20261205-0007, DL20261205-0002)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DailySequence(models.Model):
    prefix = models.CharField(_("前缀"), max_length=8)
    day = models.DateField(_("日期"))
    last = models.PositiveIntegerField(_("最后编号"), default=0)

    class Meta:
        verbose_name = _("每日编号")
        verbose_name_plural = _("每日编号")
        constraints = [models.UniqueConstraint(fields=["prefix", "day"], name="core_dailysequence_prefix_day")]

    def __str__(self):
        return f"{self.prefix}{self.day:%Y%m%d}: {self.last}"
