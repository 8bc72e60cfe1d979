"""Monitoring stations (监测站点) and their sensors (one per measured quantity)."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from yingji.core.models import RegistryModel

from ..choices import UNITS, Protocol, Quantity, StationStatus, StationType

DEVICE_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")  # it is a topic level: no "/", "+" or "#"


class Station(RegistryModel):
    code_prefix = "JC"
    location_required = True

    station_type = models.CharField(_("站点类型"), max_length=16, choices=StationType.choices, db_index=True)
    owner_department = models.CharField(_("权属部门"), max_length=100, blank=True)
    watched_object = models.CharField(_("监测对象"), max_length=200, blank=True,
                                      help_text=_("如隐患点、水库、河段的名称"))
    enterprise = models.ForeignKey("prevention.Enterprise", on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("所属企业"))
    hazard_source = models.ForeignKey("prevention.MajorHazardSource", on_delete=models.SET_NULL, null=True,
                                      blank=True, related_name="+", verbose_name=_("重大危险源"))
    protocol = models.CharField(_("接入协议"), max_length=8, choices=Protocol.choices, default=Protocol.MQTT)
    device_id = models.CharField(_("设备编号"), max_length=64,
                                 help_text=_("字母、数字、下划线或连字符，MQTT 主题中使用"))
    status = models.CharField(_("状态"), max_length=32, choices=StationStatus.choices,
                              default=StationStatus.ONLINE, db_index=True)
    last_seen = models.DateTimeField(_("最近上报"), null=True, blank=True, editable=False)
    key_hash = models.CharField(_("接入密钥摘要"), max_length=64, blank=True, editable=False, db_index=True)

    class Meta(RegistryModel.Meta):
        verbose_name = _("监测站点")
        verbose_name_plural = _("监测站点")
        permissions = [("handle_alarm", _("确认和处置监测报警")), ("issue_key", _("生成设备接入密钥"))]

    def clean(self):
        super().clean()
        if self.device_id and not DEVICE_ID.match(self.device_id):
            raise ValidationError({"device_id": ValidationError(
                _("设备编号只能包含字母、数字、下划线或连字符（最长64位）"), code="invalid_device_id")})

    def validate_unique(self, exclude=None):
        """Device ids are unique (a unique index made by migration 0002, unseen by the API's serializer, so that a
        request names the problem a person would fix first: the region or the location before the device id)."""
        super().validate_unique(exclude)
        if Station.objects.filter(device_id=self.device_id).exclude(pk=self.pk).exists():
            raise ValidationError({"device_id": ValidationError(_("该设备编号已登记"), code="duplicate_device")})



class Sensor(RegistryModel):
    code_prefix = "CG"

    station = models.ForeignKey(Station, on_delete=models.CASCADE, related_name="sensors",
                                verbose_name=_("监测站点"))
    quantity = models.CharField(_("监测量"), max_length=16, choices=Quantity.choices)
    unit = models.CharField(_("单位"), max_length=8, blank=True, help_text=_("留空则取该监测量的标准单位"))
    range_min = models.FloatField(_("量程下限"))
    range_max = models.FloatField(_("量程上限"))
    interval_seconds = models.PositiveIntegerField(_("采样间隔（秒）"), default=300)

    class Meta(RegistryModel.Meta):
        verbose_name = _("传感器")
        verbose_name_plural = _("传感器")
        constraints = [models.UniqueConstraint(fields=["station", "quantity"], name="monitoring_one_sensor_per_qty")]

    def clean(self):
        super().clean()
        if self.station_id and not self.region_id:
            self.region_id = self.station.region_id
        if self.quantity:
            standard = UNITS[self.quantity]
            if self.unit and self.unit != standard:
                raise ValidationError({"unit": ValidationError(
                    _("%(q)s的单位应为“%(u)s”") % {"q": self.get_quantity_display(), "u": standard},
                    code="unit_mismatch")})
            self.unit = standard
        if self.range_min is not None and self.range_max is not None and self.range_min >= self.range_max:
            raise ValidationError({"range_max": ValidationError(_("量程上限必须大于下限"), code="invalid_range")})
        if self.interval_seconds is not None and not 1 <= self.interval_seconds <= 86400:
            raise ValidationError({"interval_seconds": ValidationError(
                _("采样间隔应在1秒到1天之间"), code="invalid_interval")})

    def validate_unique(self, exclude=None):
        """Device ids are unique (a unique index made by migration 0002, unseen by the API's serializer, so that a
        request names the problem a person would fix first: the region or the location before the device id)."""
        super().validate_unique(exclude)
        others = Sensor.objects.filter(station_id=self.station_id, quantity=self.quantity).exclude(pk=self.pk)
        if self.station_id and others.exists():
            raise ValidationError({"quantity": ValidationError(_("该站点已有这一监测量的传感器"),
                                                               code="duplicate_sensor")})
