"""一单两库: the inspection item list (检查事项清单), the target directory (检查对象名录库, built on the prevention
app's enterprises and places) and the inspector directory (执法检查人员名录库)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yingji.core.models import RegistryModel

from .. import config
from ..choices import Method, Sector, SupervisionClass, sector_of
from .base import field_error, split_codes


def this_year() -> int:
    return timezone.localdate().year


class InspectionItem(RegistryModel):
    code_prefix = "JCSX"
    sector = models.CharField(_("行业领域"), max_length=16, choices=Sector.choices, db_index=True)
    legal_basis = models.CharField(_("法律依据"), max_length=300)
    method = models.CharField(_("检查方式"), max_length=16, choices=Method.choices, default=Method.ON_SITE)

    class Meta(RegistryModel.Meta):
        verbose_name = _("检查事项")
        verbose_name_plural = _("检查事项清单")


class Target(RegistryModel):
    """A target of inspection: one enterprise or place of the prevention register, with its supervision class
    (重点/一般/其他), which sets how often it is inspected in a year (config.frequency)."""

    code_prefix = "JCDX"
    enterprise = models.ForeignKey("prevention.Enterprise", on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("生产经营单位或场所"))
    supervision_class = models.CharField(_("监管类别"), max_length=16, choices=SupervisionClass.choices,
                                         default=SupervisionClass.GENERAL, db_index=True)
    sector = models.CharField(_("行业领域"), max_length=16, choices=Sector.choices, editable=False, db_index=True)

    class Meta(RegistryModel.Meta):
        verbose_name = _("检查对象")
        verbose_name_plural = _("检查对象名录库")

    @property
    def yearly_frequency(self) -> int:
        return config.current().yearly(self.supervision_class)

    def clean(self):
        super().clean()
        if self.enterprise_id is None:
            return
        self.sector = sector_of(self.enterprise.category)
        self.region_id = self.enterprise.region_id  # the target lies where the enterprise is
        self.lon, self.lat = self.enterprise.lon, self.enterprise.lat
        if Target.objects.filter(enterprise_id=self.enterprise_id).exclude(pk=self.pk).exists():
            raise field_error("enterprise", "duplicate_target", _("该单位已在检查对象名录库中"))


class Inspector(RegistryModel):
    """An enforcement officer. Qualified (may be drawn and sign) = certificate valid and this year's training
    hours at least config.min_training_hours. The region is the officer's own township (for recusal)."""

    code_prefix = "ZFRY"
    certificate_no = models.CharField(_("执法证号"), max_length=32, db_index=True)
    certificate_expiry = models.DateField(_("执法证有效期至"))
    fields = models.CharField(_("执法领域"), max_length=200,
                              help_text=_("行业领域代码，逗号分隔：chemicals, industry_trade, fuel_station, crowded, "
                                          "other"))
    training_year = models.PositiveSmallIntegerField(_("培训年度"), default=this_year)
    training_hours = models.PositiveSmallIntegerField(_("本年度培训学时"), default=0)
    conflicts = models.TextField(_("申报的利害关系单位"), max_length=2000, blank=True,
                                 help_text=_("需回避的单位编码，每行一个或逗号分隔"))
    user = models.ForeignKey("core.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                             verbose_name=_("登录账户"))

    class Meta(RegistryModel.Meta):
        verbose_name = _("执法检查人员")
        verbose_name_plural = _("执法检查人员名录库")

    @property
    def field_list(self) -> list[str]:
        return split_codes(self.fields)

    @property
    def conflict_list(self) -> list[str]:
        return split_codes(self.conflicts)

    def unqualified_reason(self, today=None) -> str:
        """Why the inspector may not be drawn or sign today ("" when qualified)."""
        today = today or timezone.localdate()
        if self.certificate_expiry < today:
            return str(_("执法证已过期"))
        hours = self.training_hours if self.training_year == today.year else 0
        if hours < config.current().min_training_hours:
            return str(_("本年度培训学时不足"))
        return ""

    def is_qualified(self, today=None) -> bool:
        return not self.unqualified_reason(today)

    def clean(self):
        super().clean()
        codes = self.field_list
        unknown = [c for c in codes if c not in Sector.values]
        if not codes or unknown:
            message = _("执法领域应为以下代码之一：%(c)s") % {"c": ", ".join(Sector.values)}
            raise field_error("fields", "invalid_field", message)
        self.fields = ",".join(codes)
        if self.certificate_no and Inspector.objects.filter(certificate_no=self.certificate_no).exclude(
                pk=self.pk).exists():
            raise field_error("certificate_no", "duplicate_certificate", _("该执法证号已登记"))
        self._check_conflicts()

    def _check_conflicts(self):
        from yingji.prevention.models import Enterprise

        codes = self.conflict_list
        known = set(Enterprise.objects.filter(code__in=codes).values_list("code", flat=True))
        missing = [c for c in codes if c not in known]
        if missing:
            raise field_error("conflicts", "unknown_enterprise", _("未找到单位：%(c)s") % {"c": "、".join(missing)})
        self.conflicts = "\n".join(codes)
