"""Experts (专家库), shelters (应急避难场所) and key facilities (消防站、医院、直升机起降点)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from yingji.core.models import RegistryModel
from yingji.standards.errors import StandardsError
from yingji.standards.shelters import capacity_from_area, check_capacity

from ..choices import (
    FACILITIES,
    SHELTER_CLASSES,
    Availability,
    ExpertField,
    FacilityKind,
    FacilityStatus,
    ShelterSite,
    ShelterStatus,
)
from .tags import clean_tags, standards_error


class Expert(RegistryModel):
    code_prefix = "EXP"

    field = models.CharField(_("专业领域"), max_length=32, choices=ExpertField.choices)
    title = models.CharField(_("职称/职务"), max_length=64, blank=True)
    organization = models.CharField(_("工作单位"), max_length=200)
    mobile = models.CharField(_("联系电话"), max_length=20, blank=True)
    availability = models.CharField(_("可调用状态"), max_length=16, choices=Availability.choices,
                                    default=Availability.AVAILABLE)

    class Meta(RegistryModel.Meta):
        verbose_name = _("专家")
        verbose_name_plural = _("专家库")


class Shelter(RegistryModel):
    code_prefix = "SH"
    location_required = True

    shelter_class = models.CharField(_("场所类别"), max_length=16, choices=SHELTER_CLASSES)
    site_type = models.CharField(_("场址类型"), max_length=32, choices=ShelterSite.choices)
    effective_area_m2 = models.DecimalField(_("有效避难面积(m²)"), max_digits=12, decimal_places=1)
    capacity = models.PositiveIntegerField(_("容纳人数"), null=True, blank=True,
                                           help_text=_("留空则按有效面积÷人均1.5m²计算"))
    occupancy = models.PositiveIntegerField(_("当前安置人数"), default=0)
    facilities = models.CharField(_("配套设施"), max_length=300, blank=True,
                                  help_text=_("用顿号分隔，如：供水、供电、厕所"))
    shelter_status = models.CharField(_("场所状态"), max_length=16, choices=ShelterStatus.choices,
                                      default=ShelterStatus.READY)
    manager = models.CharField(_("管理人"), max_length=50, blank=True)
    manager_phone = models.CharField(_("管理人电话"), max_length=20, blank=True)
    address = models.CharField(_("地址"), max_length=200, blank=True)

    class Meta(RegistryModel.Meta):
        verbose_name = _("避难场所")
        verbose_name_plural = _("应急避难场所")

    @property
    def free_capacity(self) -> int:
        return max(0, (self.capacity or 0) - self.occupancy)

    def clean(self):
        super().clean()
        self.facilities = clean_tags(self.facilities, FACILITIES, "facilities")
        if self.effective_area_m2 is None:
            return
        try:
            if self.capacity is None:
                self.capacity = capacity_from_area(self.effective_area_m2)
            else:
                check_capacity(self.effective_area_m2, self.capacity)
        except StandardsError as exc:
            raise standards_error(exc, "capacity") from exc
        if self.occupancy > self.capacity:
            raise ValidationError({"occupancy": ValidationError(
                _("当前安置人数 %(o)d 超过容纳人数 %(c)d") % {"o": self.occupancy, "c": self.capacity},
                code="occupancy_exceeds_capacity")})


class KeyFacility(RegistryModel):
    code_prefix = "FAC"
    location_required = True

    kind = models.CharField(_("设施类型"), max_length=32, choices=FacilityKind.choices)
    facility_status = models.CharField(_("建设状态"), max_length=16, choices=FacilityStatus.choices,
                                       default=FacilityStatus.IN_SERVICE)
    phone = models.CharField(_("值班电话"), max_length=32, blank=True)
    address = models.CharField(_("地址"), max_length=200, blank=True)
    capability = models.CharField(_("能力说明"), max_length=300, blank=True,
                                  help_text=_("如：床位数、起降机型、车辆数"))

    class Meta(RegistryModel.Meta):
        verbose_name = _("重要设施")
        verbose_name_plural = _("消防站与重要设施")
