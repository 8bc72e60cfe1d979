"""The annual inspection plan (年度监督检查计划): inspections per sector, supervision class and month, built from
the target directory and the frequency rules; 制定 → 审核 → 批准 → 发布 (enforcement.workflows)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from yingji.core.models import RegistryModel

from ..choices import PlanState, Sector, SupervisionClass
from .base import field_error


class AnnualPlan(RegistryModel):
    code_prefix = "JCJH"
    year = models.PositiveSmallIntegerField(_("年度"))
    state = models.CharField(_("计划状态"), max_length=16, choices=PlanState.choices, default=PlanState.DRAFT,
                             editable=False, db_index=True)

    class Meta(RegistryModel.Meta):
        verbose_name = _("年度监督检查计划")
        verbose_name_plural = _("年度监督检查计划")
        permissions = [("review_annualplan", _("审核、批准和发布年度检查计划"))]

    def save(self, *args, **kwargs):
        adding = self._state.adding
        super().save(*args, **kwargs)
        if adding:
            self.build_lines()

    def build_lines(self) -> None:
        """Lines from the target directory in the plan's region × the yearly frequency of each class."""
        from .. import config
        from .directories import Target

        cfg = config.current()
        counts: dict[tuple[str, str], int] = {}
        for sector, klass in (Target.objects.filter(region__path__startswith=self.region.path, status="active")
                              .values_list("sector", "supervision_class")):
            counts[(sector, klass)] = counts.get((sector, klass), 0) + 1
        self.lines.all().delete()
        PlanLine.objects.bulk_create([
            PlanLine(plan=self, sector=sector, supervision_class=klass, month=month, planned=planned)
            for (sector, klass), count in sorted(counts.items())
            for month, planned in enumerate(spread(count * cfg.yearly(klass)), 1) if planned])

    def clean(self):
        super().clean()
        if self.year is not None and not 2000 <= self.year <= 2100:
            raise field_error("year", "invalid_year", _("年度应在2000至2100之间"))


class PlanLine(models.Model):
    region_field = "plan__region"
    plan = models.ForeignKey(AnnualPlan, on_delete=models.CASCADE, related_name="lines", verbose_name=_("计划"))
    sector = models.CharField(_("行业领域"), max_length=16, choices=Sector.choices)
    supervision_class = models.CharField(_("监管类别"), max_length=16, choices=SupervisionClass.choices)
    month = models.PositiveSmallIntegerField(_("月份"))
    planned = models.PositiveIntegerField(_("计划检查次数"))

    class Meta:
        ordering = ["plan", "sector", "supervision_class", "month"]
        verbose_name = _("计划明细")
        verbose_name_plural = _("计划明细")
        constraints = [models.UniqueConstraint(fields=["plan", "sector", "supervision_class", "month"],
                                               name="enforcement_one_plan_line")]


def spread(total: int) -> list[int]:
    """`total` inspections over the 12 months as evenly as whole numbers allow (later months take the rest)."""
    return [total * m // 12 - total * (m - 1) // 12 for m in range(1, 13)]
