"""Hidden hazards (隐患) and each step of their rectification loop."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yingji.core.models import RegistryModel

from ..choices import DEADLINE_STATES, HazardGrade, HazardSource, HazardState, Supervision
from .base import EnterpriseScoped
from .criteria import validate_hazard_criterion

FIVE_IMPLEMENTATIONS = (  # 五落实: field, label
    ("plan_responsible", _("责任")), ("plan_measures", _("措施")), ("plan_funds", _("资金")),
    ("plan_deadline", _("时限")), ("plan_contingency", _("预案")),
)


class Hazard(EnterpriseScoped, RegistryModel):
    code_prefix = "YH"
    enterprise = models.ForeignKey("prevention.Enterprise", on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="hazards", verbose_name=_("所属单位或场所"))
    risk_point = models.ForeignKey("prevention.RiskPoint", on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="hazards", verbose_name=_("关联风险点"))
    source = models.CharField(_("来源"), max_length=16, choices=HazardSource.choices, default=HazardSource.SELF_CHECK)
    grade = models.CharField(_("隐患等级"), max_length=8, choices=HazardGrade.choices, default=HazardGrade.GENERAL)
    criterion = models.ForeignKey("prevention.HazardCriterion", on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="hazards", verbose_name=_("重大事故隐患判定标准条款"))
    criterion_note = models.CharField(_("判定依据说明"), max_length=300, blank=True)
    found_on = models.DateField(_("发现日期"), default=timezone.localdate)
    state = models.CharField(_("治理状态"), max_length=16, choices=HazardState.choices, default=HazardState.REPORTED,
                             editable=False, db_index=True)
    deadline = models.DateField(_("整改期限"), null=True, blank=True, editable=False)
    plan_responsible = models.CharField(_("治理责任人"), max_length=100, blank=True)
    plan_measures = models.TextField(_("治理措施"), max_length=2000, blank=True)
    plan_funds = models.DecimalField(_("治理资金（万元）"), max_digits=12, decimal_places=2, null=True, blank=True)
    plan_deadline = models.DateField(_("治理时限"), null=True, blank=True)
    plan_contingency = models.TextField(_("应急预案"), max_length=2000, blank=True)
    supervision = models.CharField(_("挂牌督办"), max_length=16, choices=Supervision.choices,
                                   default=Supervision.NONE)
    supervising_body = models.CharField(_("督办单位"), max_length=100, blank=True)
    closed_on = models.DateField(_("销号日期"), null=True, blank=True, editable=False)
    # The loop risk → hazard → incident → review → new hazard (set by the hazard page's actions, views_hazards.py).
    incident = models.ForeignKey("incidents.Incident", on_delete=models.SET_NULL, null=True, blank=True,
                                 editable=False, related_name="hazards", verbose_name=_("关联事件"))
    review_item = models.OneToOneField("incidents.RectificationItem", on_delete=models.SET_NULL, null=True,
                                       blank=True, editable=False, related_name="hazard",
                                       verbose_name=_("来源整改事项"))
    escalated_for = models.DateField(_("已升级的整改期限"), null=True, blank=True, editable=False)

    class Meta(RegistryModel.Meta):
        verbose_name = _("隐患")
        verbose_name_plural = _("隐患")
        permissions = [("verify_hazard", _("核实、下达整改、复查和销号隐患")),
                       ("rectify_hazard", _("整改隐患并申请验收")),
                       ("list_supervised", _("查看挂牌督办重大隐患清单"))]
        # The dashboard's lists walk these in deadline order (overdue; open 挂牌督办), the statistics filter the period.
        indexes = [
            models.Index(fields=["deadline"], condition=models.Q(state__in=DEADLINE_STATES), name="prev_hazard_due"),
            models.Index(fields=["deadline"], condition=~models.Q(supervision="none"), name="prev_hazard_supervised"),
            models.Index(fields=["found_on"], name="prev_hazard_found_on"),
            # a list filtered by township (its regions), state and grade reads only the matching entries
            models.Index(fields=["region", "state", "grade"], name="prev_hazard_region_state"),
        ]

    def clean(self):
        super().clean()
        validate_hazard_criterion(self)

    def is_overdue(self, today=None) -> bool:
        today = today or timezone.localdate()
        return bool(self.deadline and self.state in DEADLINE_STATES and self.deadline < today)


class HazardStep(models.Model):
    """One step of a hazard's loop (its history): who did what, when, with what note."""

    region_field = "hazard__region"
    hazard = models.ForeignKey(Hazard, on_delete=models.CASCADE, related_name="steps", verbose_name=_("隐患"))
    event = models.CharField(_("操作"), max_length=16)
    label = models.CharField(_("操作名称"), max_length=50)
    from_state = models.CharField(_("原状态"), max_length=16)
    to_state = models.CharField(_("新状态"), max_length=16)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(_("时间"), default=timezone.now)
    note = models.TextField(_("说明"), blank=True, max_length=2000)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("隐患治理记录")
        verbose_name_plural = _("隐患治理记录")
