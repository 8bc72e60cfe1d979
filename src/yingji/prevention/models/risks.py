"""Risk points (风险点) with their LEC or LS assessment and control measures."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from yingji.core.models import RegistryModel
from yingji.standards import prevention as rules
from yingji.standards.errors import StandardsError

from ..choices import ENTERPRISE_LEVELS, Colour, ControlLevel, Method, PointType
from .base import EnterpriseScoped, field_error

MEASURE_KINDS = ("工程技术", "管理", "培训教育", "个体防护", "应急处置")


def parse_measures(text: str) -> list[dict]:
    """Control measures, one per line: "类别｜措施｜责任人｜检查频次" (类别 one of MEASURE_KINDS)."""
    measures = []
    for number, line in enumerate((text or "").splitlines(), 1):
        if not line.strip():
            continue
        parts = [p.strip() for p in line.replace("|", "｜").split("｜")]
        if len(parts) != 4 or not all(parts):
            raise ValidationError({"control_measures": ValidationError(
                _("第%(n)d行应为“类别｜措施｜责任人｜检查频次”四项") % {"n": number}, code="invalid_measure")})
        if parts[0] not in MEASURE_KINDS:
            raise ValidationError({"control_measures": ValidationError(
                _("第%(n)d行的类别应为：%(k)s") % {"n": number, "k": "、".join(MEASURE_KINDS)},
                code="invalid_measure_kind")})
        measures.append(dict(zip(("kind", "measure", "responsible", "frequency"), parts, strict=True)))
    return measures


class RiskPoint(EnterpriseScoped, RegistryModel):
    code_prefix = "FXD"
    enterprise = models.ForeignKey("prevention.Enterprise", on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="risk_points", verbose_name=_("所属单位或场所"),
                                   help_text=_("区域性风险点可不填"))
    point_type = models.CharField(_("风险点类型"), max_length=16, choices=PointType.choices, default=PointType.PLACE)
    hazards_identified = models.TextField(_("辨识出的危险有害因素"), max_length=2000, blank=True)
    method = models.CharField(_("评价方法"), max_length=4, choices=Method.choices, default=Method.LEC)
    lec_l = models.DecimalField(_("L 可能性（LEC）"), max_digits=6, decimal_places=2, null=True, blank=True)
    lec_e = models.DecimalField(_("E 暴露频繁程度"), max_digits=6, decimal_places=2, null=True, blank=True)
    lec_c = models.DecimalField(_("C 后果严重程度"), max_digits=6, decimal_places=2, null=True, blank=True)
    ls_l = models.PositiveSmallIntegerField(_("L 可能性（LS）"), null=True, blank=True)
    ls_s = models.PositiveSmallIntegerField(_("S 严重性"), null=True, blank=True)
    value = models.DecimalField(_("风险值"), max_digits=10, decimal_places=2, default=0, editable=False)
    band = models.CharField(_("危险程度"), max_length=16, blank=True, editable=False)
    colour = models.CharField(_("风险等级（颜色）"), max_length=8, choices=Colour.choices, default=Colour.BLUE,
                              editable=False, db_index=True)
    control_level = models.CharField(_("管控层级"), max_length=16, choices=ControlLevel.choices,
                                     default=ControlLevel.WORKSHOP)
    responsible = models.CharField(_("管控责任人"), max_length=50, blank=True)
    control_measures = models.TextField(_("管控措施"), max_length=4000, blank=True,
                                        help_text=_("每行一条：类别｜措施｜责任人｜检查频次"))
    reassess_due = models.DateField(_("下次评估日期"), null=True, blank=True)

    class Meta(RegistryModel.Meta):
        verbose_name = _("风险点")
        verbose_name_plural = _("风险点")

    def clean(self):
        super().clean()
        try:
            if self.method == Method.LS:
                result = rules.assess_ls(self.ls_l, self.ls_s)
            else:
                result = rules.assess_lec(self.lec_l, self.lec_e, self.lec_c)
        except StandardsError as exc:
            raise field_error(exc) from exc
        self.value, self.band, self.colour = result.value, result.band, result.colour
        parse_measures(self.control_measures)
        self._check_control_level()

    def _check_control_level(self):
        """公司/车间/班组/岗位 are an enterprise's levels, 区/乡镇/村 an area's (issue 16)."""
        of_enterprise = self.control_level in ENTERPRISE_LEVELS
        if self.enterprise_id and not of_enterprise:
            raise ValidationError({"control_level": ValidationError(
                _("企业的风险点应由公司、车间、班组或岗位管控"), code="control_level_mismatch")})
        if not self.enterprise_id and of_enterprise:
            raise ValidationError({"control_level": ValidationError(
                _("区域的风险点应由区、乡镇或村管控"), code="control_level_mismatch")})

    @property
    def measures(self) -> list[dict]:
        return parse_measures(self.control_measures)
