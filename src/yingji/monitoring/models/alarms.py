"""Threshold rules, the evaluation state of each rule on each sensor, alarms and each step of an alarm."""

import uuid
from itertools import pairwise

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yingji.core.models import RegistryModel
from yingji.core.roles import Role

from ..choices import LEVEL_HEX, LEVELS, AlarmState, Level, Quantity, RuleKind, StationType


class Rule(RegistryModel):
    """Graded limits (蓝/黄/橙/红, ascending) on a metric of one sensor, or of every sensor of a quantity on stations
    of a type: the latest value, its change per hour, its sum over the window, or the minutes without data."""

    code_prefix = "GZ"
    location_in_district = True

    kind = models.CharField(_("规则类型"), max_length=16, choices=RuleKind.choices)
    quantity = models.CharField(_("监测量"), max_length=16, choices=Quantity.choices, blank=True,
                                help_text=_("选了传感器时取传感器的监测量"))
    station_type = models.CharField(_("适用站点类型"), max_length=16, choices=StationType.choices, blank=True)
    sensor = models.ForeignKey("monitoring.Sensor", on_delete=models.CASCADE, null=True, blank=True,
                               related_name="rules", verbose_name=_("适用传感器"))
    window_minutes = models.PositiveIntegerField(_("窗口（分钟）"), default=60,
                                                 help_text=_("累计和速率的时间窗口"))
    blue = models.FloatField(_("蓝色阈值"), null=True, blank=True)
    yellow = models.FloatField(_("黄色阈值"), null=True, blank=True)
    orange = models.FloatField(_("橙色阈值"), null=True, blank=True)
    red = models.FloatField(_("红色阈值"), null=True, blank=True)
    hysteresis = models.FloatField(_("回差"), default=0, help_text=_("降级须低于阈值减回差"))
    min_duration_minutes = models.PositiveIntegerField(_("最短持续（分钟）"), default=0)
    notify = models.BooleanField(_("报警时通知处置人员"), default=True,
                                 help_text=_("站内信（及报警短信通道）通知辖区内有权处置报警的人员"))
    notify_role = models.CharField(_("只通知该角色"), max_length=32, choices=Role.choices, blank=True,
                                   help_text=_("留空则通知所有有权处置报警的人员"))
    draft_warning = models.BooleanField(_("报警时起草预警"), default=False,
                                        help_text=_("由最后修改本规则的人员作为起草人"))
    open_incident = models.BooleanField(_("报警时登记事件"), default=False)
    to_hazard = models.BooleanField(_("报警时上报隐患"), default=False,
                                    help_text=_("报警时在双重预防中登记一条来源为监测报警的隐患"))

    class Meta(RegistryModel.Meta):
        verbose_name = _("阈值规则")
        verbose_name_plural = _("阈值规则")

    def limits(self) -> list[tuple[str, float]]:
        return [(level, getattr(self, level)) for level in LEVELS if getattr(self, level) is not None]

    def clean(self):
        super().clean()
        limits = self.limits()
        if not limits:
            raise ValidationError({"red": ValidationError(_("至少填写一个等级的阈值"), code="limits_required")})
        for (_low, a), (high, b) in pairwise(limits):
            if b <= a:
                raise ValidationError({high: ValidationError(_("阈值须按蓝、黄、橙、红逐级升高"),
                                                             code="limits_not_ascending")})
        if not self.sensor_id and not self.station_type:
            raise ValidationError({"station_type": ValidationError(_("请选择适用的传感器或站点类型"),
                                                                   code="scope_required")})
        if not self.quantity and not self.sensor_id:
            raise ValidationError({"quantity": ValidationError(_("请选择监测量"), code="quantity_required")})
        if self.sensor_id:
            self.quantity = self.sensor.quantity
        if self.hysteresis is not None and self.hysteresis < 0:
            raise ValidationError({"hysteresis": ValidationError(_("回差不能为负"), code="invalid_hysteresis")})
        if not 1 <= (self.window_minutes or 0) <= 7 * 24 * 60:
            raise ValidationError({"window_minutes": ValidationError(_("窗口应在1分钟到7天之间"),
                                                                     code="invalid_window")})


class RuleStatus(models.Model):
    """Where a rule stands on one sensor: the level in force, and a different level waiting out the minimum
    duration (candidate, since when)."""

    rule = models.ForeignKey(Rule, on_delete=models.CASCADE, related_name="+")
    sensor = models.ForeignKey("monitoring.Sensor", on_delete=models.CASCADE, related_name="+")
    level = models.CharField(max_length=8, blank=True)
    candidate = models.CharField(max_length=8, blank=True)
    candidate_since = models.DateTimeField(null=True, blank=True)
    value = models.FloatField(null=True, blank=True)
    evaluated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["rule", "sensor"], name="monitoring_rule_status_once")]


class Alarm(models.Model):
    region_field = "region"
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    station = models.ForeignKey("monitoring.Station", on_delete=models.CASCADE, related_name="alarms",
                                verbose_name=_("监测站点"))
    sensor = models.ForeignKey("monitoring.Sensor", on_delete=models.CASCADE, related_name="alarms",
                               verbose_name=_("传感器"))
    rule = models.ForeignKey(Rule, on_delete=models.CASCADE, related_name="alarms", verbose_name=_("规则"))
    region = models.ForeignKey("core.Region", on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("所属区域"))
    level = models.CharField(_("报警等级"), max_length=8, choices=Level.choices)
    state = models.CharField(_("处置状态"), max_length=16, choices=AlarmState.choices,
                             default=AlarmState.TRIGGERED, db_index=True)
    value = models.FloatField(_("触发值"))
    triggered_at = models.DateTimeField(_("触发时间"), default=timezone.now, db_index=True)
    last_at = models.DateTimeField(_("最近更新"), default=timezone.now)
    cleared_at = models.DateTimeField(_("数值恢复时间"), null=True, blank=True)
    repeats = models.PositiveIntegerField(_("重复次数"), default=0)

    class Meta:
        ordering = ["-triggered_at", "-id"]
        verbose_name = _("监测报警")
        verbose_name_plural = _("监测报警")

    def __str__(self):
        return f"{self.station} · {self.rule} · {self.get_level_display()}"

    @property
    def colour(self) -> str:
        return LEVEL_HEX[self.level]


class AlarmStep(models.Model):
    region_field = "alarm__region"
    alarm = models.ForeignKey(Alarm, on_delete=models.CASCADE, related_name="steps", verbose_name=_("报警"))
    event = models.CharField(_("操作"), max_length=16)
    label = models.CharField(_("操作名称"), max_length=50)
    from_state = models.CharField(_("原状态"), max_length=16)
    to_state = models.CharField(_("新状态"), max_length=16)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(_("时间"), default=timezone.now)
    note = models.TextField(_("说明"), blank=True, max_length=2000)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("报警处置记录")
        verbose_name_plural = _("报警处置记录")
