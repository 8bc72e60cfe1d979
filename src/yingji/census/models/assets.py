"""承灾体 (exposed assets) of the census: buildings by structure with their occupants, schools, hospitals, welfare
homes, roads and bridges, reservoirs and dykes, key enterprises (by their code in the prevention app), farmland.
Each has a geometry (point, line or polygon; GeoJSON text checked with shapely) or at least a point."""

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from yingji.core.errors import DomainError
from yingji.core.models import RegistryModel

from ..choices import ASSET_CLASS_OF, HOUSING_TYPES, AssetClass, AssetType, Structure
from ..references import ENTERPRISE, CodeReferenceField, check_code
from .base import field_error


class ExposedAsset(RegistryModel):
    code_prefix = "CZT"

    asset_type = models.CharField(_("承灾体类型"), max_length=20, choices=AssetType.choices)
    asset_class = models.CharField(_("承灾体大类"), max_length=20, choices=AssetClass.choices, editable=False,
                                   blank=True)
    structure = models.CharField(_("结构类型"), max_length=16, choices=Structure.choices, blank=True,
                                 help_text=_("房屋类必填"))
    floors = models.PositiveSmallIntegerField(_("层数"), null=True, blank=True)
    built_year = models.PositiveSmallIntegerField(_("建成年份"), null=True, blank=True,
                                                  validators=[MinValueValidator(1900)])
    floor_area_m2 = models.DecimalField(_("建筑面积(m²)"), max_digits=12, decimal_places=1, null=True, blank=True,
                                        validators=[MinValueValidator(0)])
    occupants = models.PositiveIntegerField(_("常住或在用人数"), default=0)
    value_wan = models.DecimalField(_("资产价值(万元)"), max_digits=14, decimal_places=2, default=Decimal(0),
                                    validators=[MinValueValidator(0)])
    length_km = models.DecimalField(_("长度(km)"), max_digits=9, decimal_places=3, null=True, blank=True,
                                    validators=[MinValueValidator(0)], help_text=_("道路、堤防"))
    shape = models.TextField(_("几何（GeoJSON）"), max_length=200_000, blank=True,
                             help_text=_("点、线或面（WGS84/CGCS2000）；留空时须填写经纬度"))
    enterprise_code = CodeReferenceField(_("关联企业编码"), max_length=64, blank=True, reference=ENTERPRISE,
                                         help_text=_("重点企业：双重预防企业登记中的企业，输入编码或名称查找"))

    class Meta(RegistryModel.Meta):
        verbose_name = _("承灾体")
        verbose_name_plural = _("承灾体")

    @property
    def is_housing(self) -> bool:
        return self.asset_type in HOUSING_TYPES

    def clean(self):
        from ..geometry import normalised, parse_shape

        self.asset_class = ASSET_CLASS_OF.get(self.asset_type, "")
        if self.is_housing and not self.structure:
            raise field_error(DomainError("structure_required", str(_("房屋类承灾体必须填写结构类型"))), "structure")
        if self.shape:
            try:
                geometry = parse_shape(self.shape)
            except DomainError as exc:
                raise field_error(exc) from exc
            self.geometry = normalised(geometry)
            point = geometry.representative_point()
            self.lon, self.lat = round(point.x, 6), round(point.y, 6)
        elif self.lon is None:
            raise field_error(DomainError("geometry_required", str(_("请填写几何或经纬度"))), "shape")
        else:
            self.geometry = None
        super().clean()
        check_code(self, "enterprise_code", ENTERPRISE)
