"""The census registers (第一次全国自然灾害综合风险普查): hazard points, danger zones, historical disasters."""

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from yingji.core.errors import DomainError
from yingji.core.models import RegistryModel

from ..choices import DisasterType, HazardScale, HazardType, ZoneType
from ..references import STATION, CodeReferenceField, check_code
from .base import field_error


class HazardPoint(RegistryModel):
    """地质灾害隐患点: a located point (inside the district), what it threatens and its 群测群防 monitor."""

    code_prefix = "DZ"
    location_required = True

    hazard_type = models.CharField(_("灾害类型"), max_length=16, choices=HazardType.choices)
    scale = models.CharField(_("规模等级"), max_length=8, choices=HazardScale.choices, default=HazardScale.SMALL)
    threatened_households = models.PositiveIntegerField(_("威胁户数"), default=0)
    threatened_people = models.PositiveIntegerField(_("威胁人数"), default=0)
    threatened_property_wan = models.DecimalField(_("威胁财产(万元)"), max_digits=12, decimal_places=2,
                                                  default=Decimal(0), validators=[MinValueValidator(0)])
    monitor_name = models.CharField(_("群测群防监测员"), max_length=50)
    monitor_phone = models.CharField(_("监测员电话"), max_length=20, blank=True)
    station_ref = CodeReferenceField(_("关联监测站点"), max_length=64, blank=True, reference=STATION,
                                     help_text=_("监测预警中的监测站点：输入编码或名称查找（可选）"))

    class Meta(RegistryModel.Meta):
        verbose_name = _("地质灾害隐患点")
        verbose_name_plural = _("地质灾害隐患点")

    def clean(self):
        super().clean()
        if self.threatened_households and self.threatened_people < self.threatened_households:
            raise field_error(DomainError("people_fewer_than_households", str(_("威胁人数不能少于威胁户数"))),
                              "threatened_people")
        check_code(self, "station_ref", STATION)


class DangerZone(RegistryModel):
    """山洪危险区, 内涝点, 洪水淹没区: a polygon (GeoJSON text, checked with shapely) with a return period."""

    code_prefix = "WXQ"

    zone_type = models.CharField(_("危险区类型"), max_length=16, choices=ZoneType.choices)
    return_period_years = models.PositiveSmallIntegerField(_("重现期(年)"), null=True, blank=True,
                                                           help_text=_("洪水淹没区必填，如 20、50、100"))
    polygon = models.TextField(_("范围（GeoJSON）"), max_length=200_000,
                               help_text=_("GeoJSON 的 Polygon 或 MultiPolygon，经纬度（WGS84/CGCS2000）"))
    river = models.CharField(_("所在河流"), max_length=50, blank=True)

    class Meta(RegistryModel.Meta):
        verbose_name = _("危险区")
        verbose_name_plural = _("山洪危险区、内涝点与洪水淹没区")

    def clean(self):
        from ..geometry import normalised, parse_polygon

        super().clean()
        if self.zone_type == ZoneType.FLOOD and not self.return_period_years:
            raise field_error(DomainError("return_period_required", str(_("洪水淹没区必须填写重现期"))),
                              "return_period_years")
        try:
            polygon = parse_polygon(self.polygon)
        except DomainError as exc:
            raise field_error(exc) from exc
        self.geometry = normalised(polygon)
        if self.lon is None:
            point = polygon.representative_point()
            self.lon, self.lat = round(point.x, 6), round(point.y, 6)


class HistoricalDisaster(RegistryModel):
    """A past disaster (older events imported by hand or xlsx; newer ones are the incidents app's records)."""

    code_prefix = "LSZ"

    year = models.PositiveSmallIntegerField(_("年份"), validators=[MinValueValidator(1900)])
    disaster_type = models.CharField(_("灾害类型"), max_length=16, choices=DisasterType.choices)
    affected_people = models.PositiveIntegerField(_("受灾人数"), default=0)
    deaths = models.PositiveIntegerField(_("死亡人数"), default=0)
    direct_loss_wan = models.DecimalField(_("直接经济损失(万元)"), max_digits=14, decimal_places=2,
                                          default=Decimal(0), validators=[MinValueValidator(0)])
    incident_code = models.CharField(_("关联事件编号"), max_length=64, blank=True)

    class Meta(RegistryModel.Meta):
        verbose_name = _("历史灾害")
        verbose_name_plural = _("历史灾害")
        ordering = ["-year", "code"]

    def clean(self):
        from django.utils import timezone

        super().clean()
        if self.year and self.year > timezone.localdate().year:
            raise field_error(DomainError("year_in_future", str(_("年份不能晚于今年"))), "year")
