"""Enterprise self-check (企业自查): check lists per sector with their items, and self-check sessions that record
each item as 合格/不合格/不适用 (the services are in prevention/selfchecks.py)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yingji.core.models import RegistryModel

from ..choices import CHEMICALS, Category, PlaceType
from .base import EnterpriseScoped
from .criteria import INDUSTRIES, SHARED, CriterionSector, ListStatus, status_field


class CheckSector(models.TextChoices):
    CHEMICALS = "chemicals", _("危险化学品")
    INDUSTRY = "industry", _("工贸")
    FUEL_STATION = "fuel_station", _("加油站")
    GAS = "gas", _("燃气")
    CROWDED = "crowded", _("人员密集场所")


# The criterion sectors a list's item may map to: those that apply to every enterprise the list is for.
ITEM_CRITERIA = {CheckSector.CHEMICALS: (CriterionSector.CHEMICALS,), CheckSector.INDUSTRY: (CriterionSector.INDUSTRY,),
                 CheckSector.FUEL_STATION: (CriterionSector.CHEMICALS,)}


def check_sector(enterprise) -> str | None:
    """The check-list sector of an enterprise or place (None: no list fits it)."""
    category = enterprise.category
    if category in CHEMICALS:
        return CheckSector.CHEMICALS
    if category in INDUSTRIES:
        return CheckSector.INDUSTRY
    if category in (Category.FUEL_STATION, Category.GAS, Category.CROWDED):
        return category
    return CheckSector.CROWDED if enterprise.place_type != PlaceType.ENTERPRISE else None


class ResultChoice(models.TextChoices):
    PASS = "pass", _("合格")
    FAIL = "fail", _("不合格")
    NA = "na", _("不适用")


class SessionState(models.TextChoices):
    OPEN = "open", _("进行中")
    SUBMITTED = "submitted", _("已提交")


class CheckList(RegistryModel):
    code_prefix = "ZCB"
    jurisdiction_shared = SHARED
    status = status_field()
    sector = models.CharField(_("适用行业领域"), max_length=16, choices=CheckSector.choices, db_index=True)

    class Meta(RegistryModel.Meta):
        verbose_name = _("自查清单")
        verbose_name_plural = _("自查清单")

    def active_items(self):
        return self.items.filter(status=ListStatus.ACTIVE).order_by("number", "code")


class CheckItem(RegistryModel):
    code_prefix = "ZCX"
    jurisdiction_shared = SHARED
    status = status_field()
    checklist = models.ForeignKey(CheckList, on_delete=models.CASCADE, related_name="items",
                                  verbose_name=_("自查清单"))
    number = models.PositiveSmallIntegerField(_("序号"), default=1)
    criterion = models.ForeignKey("prevention.HazardCriterion", on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="check_items", verbose_name=_("对应重大隐患判定标准"),
                                  help_text=_("填写后，该项不合格即判定为重大隐患"))

    class Meta(RegistryModel.Meta):
        verbose_name = _("自查项目")
        verbose_name_plural = _("自查项目")
        ordering = ["checklist_id", "number", "code"]

    def clean(self):
        super().clean()
        if self.criterion_id and self.checklist_id and \
                self.criterion.sector not in ITEM_CRITERIA.get(self.checklist.sector, ()):
            raise ValidationError({"criterion": ValidationError(
                _("该判定标准条款不适用于清单的全部适用单位"), code="criterion_not_applicable")})


class SelfCheck(EnterpriseScoped, RegistryModel):
    """One self-check session of an enterprise against one list; its region is the enterprise's."""

    code_prefix = "ZC"
    enterprise = models.ForeignKey("prevention.Enterprise", on_delete=models.PROTECT, related_name="self_checks",
                                   verbose_name=_("所属单位或场所"))
    checklist = models.ForeignKey(CheckList, on_delete=models.PROTECT, related_name="sessions",
                                  verbose_name=_("自查清单"))
    checked_on = models.DateField(_("自查日期"), default=timezone.localdate)
    inspector = models.CharField(_("检查人"), max_length=100, blank=True)
    state = models.CharField(_("自查状态"), max_length=16, choices=SessionState.choices, default=SessionState.OPEN,
                             editable=False, db_index=True)
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True, editable=False)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+", editable=False, verbose_name=_("提交人"))

    class Meta(RegistryModel.Meta):
        verbose_name = _("企业自查")
        verbose_name_plural = _("企业自查")
        ordering = ["-checked_on", "code"]

    def clean(self):
        super().clean()
        if self.pk and type(self).objects.filter(pk=self.pk, state=SessionState.SUBMITTED).exists():
            raise ValidationError({"state": ValidationError(_("该次自查已提交，不能再修改"), code="already_submitted")})
        if self.enterprise_id:
            self.region = self.enterprise.region
            if self.checklist_id and self.checklist.sector != check_sector(self.enterprise):
                raise ValidationError({"checklist": ValidationError(
                    _("该自查清单不适用于本单位的监管类别"), code="checklist_not_applicable")})
        if self.pk and self.results.exclude(item__checklist_id=self.checklist_id).exists():
            raise ValidationError({"checklist": ValidationError(
                _("已记录自查结果，不能更换清单"), code="checklist_locked")})


class SelfCheckResult(models.Model):
    """One item of a session: 合格/不合格/不适用 with a note; a 不合格 links to the hazard it became."""

    region_field = "session__region"
    session = models.ForeignKey(SelfCheck, on_delete=models.CASCADE, related_name="results",
                                verbose_name=_("企业自查"))
    item = models.ForeignKey(CheckItem, on_delete=models.PROTECT, related_name="results", verbose_name=_("自查项目"))
    result = models.CharField(_("结果"), max_length=8, choices=ResultChoice.choices)
    note = models.CharField(_("情况说明"), max_length=500, blank=True)
    hazard = models.OneToOneField("prevention.Hazard", on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="self_check_result", verbose_name=_("生成的隐患"))

    class Meta:
        verbose_name = _("自查结果")
        verbose_name_plural = _("自查结果")
        ordering = ["item__number", "item__code"]
        constraints = [models.UniqueConstraint(fields=("session", "item"), name="selfcheck_result_once_per_item")]

    @classmethod
    def jurisdiction_narrowing(cls, user):
        narrowing = SelfCheck.jurisdiction_narrowing(user)
        return None if narrowing is None else models.Q(session__in=SelfCheck.objects.filter(narrowing))

    def __str__(self):
        return f"{self.item.name}：{self.get_result_display()}"
