"""重大事故隐患判定标准: the configurable list of criterion items per sector, and the rule that a 重大 hazard cites
one that fits its enterprise's supervision category."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from yingji.core.models import RegistryModel
from yingji.core.scoping import FROM_ABOVE, PICK, READ

from ..choices import CHEMICALS, Category, HazardGrade


class ListStatus(models.TextChoices):
    ACTIVE = "active", _("现行")
    DRAFT = "draft", _("草稿")
    REPEALED = "repealed", _("废止")


# The district keeps the lists; every township and enterprise picks from them and reads the ones in force.
SHARED = {READ: Q(status=ListStatus.ACTIVE), PICK: FROM_ABOVE}


def status_field():
    return models.CharField(_("状态"), max_length=32, choices=ListStatus.choices, default=ListStatus.ACTIVE,
                            help_text=_("仅“现行”的条目对乡镇和企业可见"))


INDUSTRIES = (Category.METALLURGY, Category.NONFERROUS, Category.BUILDING_MATERIALS, Category.MACHINERY,
              Category.LIGHT, Category.TEXTILE, Category.TOBACCO, Category.COMMERCE)
# 化工和危险化学品, 工贸 general and special items, and the 工贸 industries that have items of their own
CriterionSector = models.TextChoices("CriterionSector", [
    ("CHEMICALS", ("chemicals", _("化工和危险化学品"))), ("INDUSTRY", ("industry", _("工贸·通用与专项"))),
    *((c.name, (c.value, c.label)) for c in INDUSTRIES if c != Category.COMMERCE)])


def criterion_sectors(category: str) -> tuple[str, ...]:
    """The criterion sectors that apply to an enterprise of `category` (加油站 are 危险化学品经营单位; a 工贸
    enterprise takes the general and special items and those of its own industry)."""
    if category in CHEMICALS or category == Category.FUEL_STATION:
        return (CriterionSector.CHEMICALS,)
    if category in INDUSTRIES:
        own = (category,) if category in CriterionSector.values else ()
        return (CriterionSector.INDUSTRY, *own)
    return ()


class HazardCriterion(RegistryModel):
    """One item of a 重大事故隐患判定标准 (the text is a short summary; the legal basis names the source)."""

    code_prefix = "PD"
    jurisdiction_shared = SHARED
    status = status_field()

    sector = models.CharField(_("行业领域"), max_length=24, choices=CriterionSector.choices, db_index=True)
    clause = models.CharField(_("条款"), max_length=40, blank=True, help_text=_("如：第三条第（一）项"))
    basis = models.CharField(_("法规依据"), max_length=200)

    class Meta(RegistryModel.Meta):
        verbose_name = _("重大事故隐患判定标准")
        verbose_name_plural = _("重大事故隐患判定标准")

    def __str__(self):
        return f"{self.code} {self.name}"


def validate_hazard_criterion(hazard) -> None:
    """A 重大 hazard of an enterprise whose sector has active criterion items cites one of them (400
    criterion_required on `criterion`); a cited item must fit the enterprise's category."""
    if hazard.grade != HazardGrade.MAJOR:
        return
    sectors = criterion_sectors(hazard.enterprise.category) if hazard.enterprise_id else ()
    criterion = hazard.criterion if hazard.criterion_id else None
    if criterion is not None and (not hazard.enterprise_id or criterion.sector in sectors):
        return
    if criterion is None and not HazardCriterion.objects.filter(sector__in=sectors, status=ListStatus.ACTIVE).exists():
        return
    message = (_("重大隐患须引用适用于该单位监管类别的重大事故隐患判定标准条款") if criterion is None
               else _("所引判定标准条款（%(s)s）不适用于该单位的监管类别") % {"s": criterion.get_sector_display()})
    raise ValidationError({"criterion": ValidationError(message, code="criterion_required")})
