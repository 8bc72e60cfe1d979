"""Depots (储备库/点), the materials catalog (物资目录, GB/T 38565-2020) and minimum stock levels."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from yingji.core.models import RegistryModel
from yingji.core.scoping import FROM_ABOVE, PICK, REQUEST
from yingji.standards.errors import StandardsError
from yingji.standards.materials import parse_material_code

from ..choices import DepotLevel, MaterialUse
from .tags import standards_error


class Depot(RegistryModel):
    code_prefix = "DEP"
    location_required = True
    # A township may ask the district's reserves for materials (allocation, core.scoping); not each other's.
    jurisdiction_shared = {REQUEST: Q(level__in=(DepotLevel.DISTRICT, DepotLevel.FORWARD, DepotLevel.AGREEMENT))}

    level = models.CharField(_("库点级别"), max_length=32, choices=DepotLevel.choices)
    land_area_m2 = models.PositiveIntegerField(_("占地面积(m²)"), null=True, blank=True)
    building_area_m2 = models.PositiveIntegerField(_("建筑面积(m²)"), null=True, blank=True)
    manager = models.CharField(_("管理人"), max_length=50, blank=True)
    manager_phone = models.CharField(_("管理人电话"), max_length=20, blank=True)
    opening_hours = models.CharField(_("开放时间"), max_length=100, blank=True, default="24小时值守")
    address = models.CharField(_("地址"), max_length=200, blank=True)
    supplier = models.CharField(_("协议供应商"), max_length=200, blank=True, help_text=_("协议储备时填写"))

    class Meta(RegistryModel.Meta):
        verbose_name = _("储备库点")
        verbose_name_plural = _("储备库点")

    def clean(self):
        super().clean()
        if self.level == DepotLevel.AGREEMENT and not self.supplier:
            message = _("协议储备须填写协议供应商")
            raise ValidationError({"supplier": ValidationError(message, code="supplier_required")})


class Material(RegistryModel):
    """One item of the catalog. `gb_code` is its GB/T 38565-2020 class (7 digits: 大类, 中类, 小类, 细类)."""

    code_prefix = "MAT"
    jurisdiction_shared = {PICK: FROM_ABOVE}  # the district keeps the catalogue; every township picks from it

    gb_code = models.CharField(_("国标分类编码"), max_length=7, db_index=True,
                               help_text=_("GB/T 38565-2020 应急物资分类编码，7 位数字"))
    use = models.CharField(_("用途类别"), max_length=32, choices=MaterialUse.choices)
    unit = models.CharField(_("计量单位"), max_length=16)
    spec = models.CharField(_("规格型号"), max_length=100, blank=True)
    shelf_life_days = models.PositiveIntegerField(_("保质期(天)"), null=True, blank=True,
                                                  help_text=_("无保质期留空"))

    class Meta(RegistryModel.Meta):
        verbose_name = _("物资")
        verbose_name_plural = _("物资目录")

    def clean(self):
        super().clean()
        try:
            self.gb_code = parse_material_code(self.gb_code).code
        except StandardsError as exc:
            raise standards_error(exc, "gb_code") from exc

    @property
    def category_levels(self):
        return parse_material_code(self.gb_code).levels


class StockMinimum(RegistryModel):
    """The minimum quantity a depot keeps of a material (库存定额); below it the stock is low."""

    code_prefix = "MIN"

    depot = models.ForeignKey(Depot, on_delete=models.CASCADE, related_name="minimums", verbose_name=_("库点"))
    material = models.ForeignKey(Material, on_delete=models.CASCADE, related_name="minimums",
                                 verbose_name=_("物资"))
    minimum = models.DecimalField(_("最低库存"), max_digits=14, decimal_places=2)

    class Meta(RegistryModel.Meta):
        verbose_name = _("库存定额")
        verbose_name_plural = _("库存定额")
        constraints = [models.UniqueConstraint(fields=["depot", "material"], name="one_minimum_per_depot_material",
                                               violation_error_message=_("该库点已设置此物资的最低库存"))]

    def clean(self):
        super().clean()
        if self.minimum is not None and self.minimum < 0:
            raise ValidationError({"minimum": ValidationError(_("最低库存不能为负数"), code="negative_quantity")})
        if self.depot_id and self.region_id and not self.depot.region.path.startswith(self.region.path):
            raise ValidationError({"region": ValidationError(_("所属区域须包含该库点"), code="region_mismatch")})
