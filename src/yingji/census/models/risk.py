"""风险评估与区划: one assessment run with its method, weights and class thresholds recorded next to its results
(per township and hazard: hazard, exposure, vulnerability, risk; the combined score and class). Saving the record
(new, or edited with other weights) computes the results with census.risk. The latest run is the zoning map."""

from decimal import Decimal
from itertools import pairwise

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from yingji.core.errors import DomainError
from yingji.core.models import RegistryModel
from yingji.core.scoping import READ

from .base import field_error

WEIGHT = {"max_digits": 4, "decimal_places": 2, "validators": [MinValueValidator(0), MaxValueValidator(1)]}
CUT = {"max_digits": 5, "decimal_places": 1, "validators": [MinValueValidator(0), MaxValueValidator(100)]}


class RiskAssessment(RegistryModel):
    code_prefix = "FXPG"
    # A published zoning is read by every township (each sees only its own township's rows on the pages and the
    # map, census.views_risk); a draft stays with whoever may read its region.
    jurisdiction_shared = {READ: models.Q(published=True)}

    weight_geological = models.DecimalField(_("地质灾害权重"), default=Decimal("0.30"), **WEIGHT)
    weight_flash_flood = models.DecimalField(_("山洪权重"), default=Decimal("0.20"), **WEIGHT)
    weight_flood = models.DecimalField(_("洪水权重"), default=Decimal("0.40"), **WEIGHT)
    weight_waterlogging = models.DecimalField(_("内涝权重"), default=Decimal("0.10"), **WEIGHT)
    cut_high = models.DecimalField(_("高风险下限(分)"), default=Decimal("60"), **CUT)
    cut_higher = models.DecimalField(_("较高风险下限(分)"), default=Decimal("40"), **CUT)
    cut_medium = models.DecimalField(_("中风险下限(分)"), default=Decimal("20"), **CUT)
    cut_lower = models.DecimalField(_("较低风险下限(分)"), default=Decimal("5"), **CUT)
    published = models.BooleanField(_("已发布"), default=False,
                                    help_text=_("发布后作为区划图，各乡镇（街道）可查看本乡镇的结果"))
    method = models.TextField(_("评估方法"), blank=True, editable=False)
    results = models.JSONField(_("评估结果"), default=list, blank=True, editable=False)
    grid_results = models.JSONField(_("网格评估结果"), default=list, blank=True, editable=False)
    assessed_at = models.DateTimeField(_("评估时间"), null=True, blank=True, editable=False)

    class Meta(RegistryModel.Meta):
        verbose_name = _("风险评估与区划")
        verbose_name_plural = _("风险评估与区划")
        ordering = ["-assessed_at", "-id"]

    def weights(self) -> dict[str, float]:
        return {"geological": float(self.weight_geological), "flash_flood": float(self.weight_flash_flood),
                "flood": float(self.weight_flood), "waterlogging": float(self.weight_waterlogging)}

    def cuts(self) -> list[float]:
        return [float(self.cut_high), float(self.cut_higher), float(self.cut_medium), float(self.cut_lower)]

    def clean(self):
        from django.utils import timezone

        from yingji.geo.chuanshan import district_outline

        from ..grid import assess_grid
        from ..risk import METHOD, assess

        super().clean()
        total = sum(self.weights().values())
        if abs(total - 1) > 0.001:
            raise field_error(DomainError("weights_sum", str(_("各灾种权重之和应为 1（现为 %(t).2f）")) % {"t": total}),
                              "weight_geological")
        cuts = self.cuts()
        if any(a <= b for a, b in pairwise(cuts)):
            raise field_error(DomainError("cuts_order", str(_("分级下限应依次递减：高 > 较高 > 中 > 较低"))),
                              "cut_higher")
        self.method = str(METHOD)
        self.results = assess(self.weights(), cuts)
        self.grid_results = assess_grid(district_outline(), self.weights(), cuts)
        self.assessed_at = timezone.now()

    def row_for(self, region_code: str) -> dict | None:
        return next((row for row in self.results if row["code"] == region_code), None)
