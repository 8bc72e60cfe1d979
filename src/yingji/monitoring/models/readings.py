"""Readings (a time series: on PostgreSQL partitioned by month with a BRIN index on time, migration 0002), their
hourly and daily aggregates, and the dead letters: every reading that came in and was not stored, with why."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..choices import Reason, Source


class Reading(models.Model):
    # No index of its own: the unique (sensor, time) serves every lookup by sensor, and a second index is one more
    # B-tree written per reading (the ingest's hottest statement).
    sensor = models.ForeignKey("monitoring.Sensor", on_delete=models.CASCADE, related_name="+",
                               db_constraint=False, db_index=False)
    time = models.DateTimeField(_("时间"))
    value = models.FloatField(_("数值"))
    received = models.DateTimeField(_("接收时间"), default=timezone.now)

    class Meta:
        verbose_name = _("监测数据")
        verbose_name_plural = _("监测数据")
        constraints = [models.UniqueConstraint(fields=["sensor", "time"], name="monitoring_reading_once")]


class Period(models.TextChoices):
    HOUR = "hour", _("小时")
    DAY = "day", _("日")


class Aggregate(models.Model):
    """count, sum, min, max and the last value of one sensor over one hour or one day (district time for days)."""

    sensor = models.ForeignKey("monitoring.Sensor", on_delete=models.CASCADE, related_name="+",
                               db_index=False)  # the unique (sensor, period, start) serves lookups by sensor
    period = models.CharField(max_length=4, choices=Period.choices)
    start = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)
    total = models.FloatField(default=0)
    minimum = models.FloatField()
    maximum = models.FloatField()
    last_time = models.DateTimeField()
    last_value = models.FloatField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["sensor", "period", "start"], name="monitoring_agg_once")]


class DeadLetter(models.Model):
    received = models.DateTimeField(_("接收时间"), default=timezone.now, db_index=True)
    source = models.CharField(_("来源"), max_length=8, choices=Source.choices)
    device = models.CharField(_("设备编号"), max_length=64, blank=True)
    topic = models.CharField(_("主题"), max_length=200, blank=True)
    reason = models.CharField(_("原因"), max_length=24, choices=Reason.choices, db_index=True)
    field = models.CharField(_("字段"), max_length=64, blank=True)
    detail = models.CharField(_("说明"), max_length=300, blank=True)
    payload = models.TextField(_("原始数据"), max_length=4000, blank=True)

    class Meta:
        ordering = ["-received", "-id"]
        verbose_name = _("死信")
        verbose_name_plural = _("死信")
