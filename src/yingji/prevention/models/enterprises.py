"""Enterprises and key places (one register, with a place type), their accounts and major hazard sources."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from yingji.core.models import RegistryModel
from yingji.standards import prevention as rules
from yingji.standards.errors import StandardsError

from ..choices import Category, PlaceType, Scale, StandardLevel
from .base import EnterpriseScoped, field_error


class Enterprise(EnterpriseScoped, RegistryModel):
    code_prefix = "QY"
    enterprise_lookup = "pk"

    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, blank=True, db_index=True,
                                   help_text=_("18位，按 GB 32100 校验；非企业场所可不填"))
    place_type = models.CharField(_("场所类型"), max_length=16, choices=PlaceType.choices,
                                  default=PlaceType.ENTERPRISE)
    category = models.CharField(_("监管类别"), max_length=32, choices=Category.choices, default=Category.OTHER)
    industry_code = models.CharField(_("行业代码（GB/T 4754）"), max_length=8, blank=True)
    legal_representative = models.CharField(_("法定代表人"), max_length=50, blank=True)
    safety_manager = models.CharField(_("安全负责人"), max_length=50, blank=True)
    safety_phone = models.CharField(_("安全负责人电话"), max_length=30, blank=True)
    address = models.CharField(_("地址"), max_length=200, blank=True)
    scale = models.CharField(_("规模"), max_length=16, choices=Scale.choices, default=Scale.SMALL)
    workers = models.PositiveIntegerField(_("从业人数"), default=0)
    supervising_department = models.CharField(_("行业主管部门"), max_length=100, blank=True)
    standard_level = models.CharField(_("安全生产标准化等级"), max_length=8, choices=StandardLevel.choices,
                                      default=StandardLevel.NONE)
    certificate_expiry = models.DateField(_("标准化证书有效期至"), null=True, blank=True)

    class Meta(RegistryModel.Meta):
        verbose_name = _("生产经营单位与场所")
        verbose_name_plural = _("生产经营单位与场所")

    def clean(self):
        super().clean()
        if self.credit_code:
            try:
                self.credit_code = rules.validate_credit_code(self.credit_code)
            except StandardsError as exc:
                raise field_error(exc, "credit_code") from exc
        elif self.place_type == PlaceType.ENTERPRISE:
            raise field_error(StandardsError("credit_code_required", _("生产经营单位必须填写统一社会信用代码")),
                              "credit_code")

    def certificate_valid(self, today) -> bool:
        expiry = self.certificate_expiry
        return bool(self.standard_level != StandardLevel.NONE and expiry and expiry >= today)


class EnterpriseAccount(models.Model):
    """Binds an `enterprise` account to its enterprise (it then sees only that enterprise's records)."""

    region_field = "enterprise__region"
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+",
                                verbose_name=_("账户"))
    enterprise = models.ForeignKey(Enterprise, on_delete=models.CASCADE, related_name="accounts",
                                   verbose_name=_("所属单位"))

    class Meta:
        verbose_name = _("企业账户绑定")
        verbose_name_plural = _("企业账户绑定")

    def __str__(self):
        return f"{self.user} → {self.enterprise}"


class MajorHazardSource(EnterpriseScoped, RegistryModel):
    """重大危险源 (GB 18218-2018). Substances are lines "名称 实际量[ 临界量[ β]]" (tonnes); S, R and the grade
    are computed on every save from shared/STANDARDS.md §10."""

    code_prefix = "WXY"
    enterprise = models.ForeignKey(Enterprise, on_delete=models.PROTECT, related_name="hazard_sources",
                                   verbose_name=_("所属单位"))
    substances = models.TextField(_("危险化学品及存量"), max_length=4000,
                                  help_text=_("每行一种：名称 实际存在量(t) [临界量(t)] [校正系数β]，如“氨 120”"))
    people_nearby = models.PositiveIntegerField(_("厂区外500米内常住人数"), default=0)
    s_value = models.DecimalField(_("S值（Σq/Q）"), max_digits=14, decimal_places=3, default=0, editable=False)
    r_value = models.DecimalField(_("R值"), max_digits=14, decimal_places=3, default=0, editable=False)
    grade = models.PositiveSmallIntegerField(_("等级"), null=True, blank=True, editable=False)
    principal = models.CharField(_("主要负责人"), max_length=50)
    technical_lead = models.CharField(_("技术负责人"), max_length=50)
    operations_lead = models.CharField(_("操作负责人"), max_length=50)

    class Meta(RegistryModel.Meta):
        verbose_name = _("重大危险源")
        verbose_name_plural = _("重大危险源")

    @property
    def grade_label(self) -> str:
        return f"{'一二三四'[self.grade - 1]}级" if self.grade else str(_("未构成"))

    def parsed_substances(self) -> list[rules.Substance]:
        rows = []
        for line in (self.substances or "").replace("；", "\n").replace(";", "\n").splitlines():
            parts = line.replace("，", " ").replace(",", " ").split()
            if parts:
                rows.append(rules.substance(parts[0], *parts[1:4]))
        if not rows:
            raise StandardsError("substances_required", str(_("请至少填写一种危险化学品及其实际存在量")), "substances")
        return rows

    def clean(self):
        super().clean()
        try:
            result = rules.grade_major_hazard(self.parsed_substances(), self.people_nearby)
        except StandardsError as exc:
            raise field_error(exc, "substances" if exc.field != "people_nearby" else exc.field) from exc
        self.s_value, self.r_value, self.grade = (result.s.quantize(Decimal("0.001")),
                                                  result.r.quantize(Decimal("0.001")), result.grade)
