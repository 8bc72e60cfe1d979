"""行政处罚 cases: 立案 → 调查取证 → 案件审核 (→ 法制审核 for a 重大执法决定) → 告知 → 决定 → 送达 → 执行 → 结案
(enforcement/cases.py is the table); the evidence list is the case's attachments."""

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yingji.core.models import RegistryModel

from ..choices import CaseState, PartyType, PenaltyKind, RightsKind
from ..config import current
from .base import field_error


class PenaltyCase(RegistryModel):
    code_prefix = "ZFAJ"
    target = models.ForeignKey("enforcement.Target", on_delete=models.PROTECT, related_name="cases",
                               verbose_name=_("当事单位（检查对象）"))
    task = models.ForeignKey("enforcement.InspectionTask", on_delete=models.PROTECT, null=True, blank=True,
                             related_name="cases", verbose_name=_("来源检查任务"))
    party_type = models.CharField(_("当事人类型"), max_length=8, choices=PartyType.choices, default=PartyType.UNIT)
    party_name = models.CharField(_("当事人"), max_length=100, blank=True, help_text=_("个人当事人的姓名；单位留空"))
    penalty_kind = models.CharField(_("拟处罚种类"), max_length=16, choices=PenaltyKind.choices,
                                    default=PenaltyKind.FINE)
    amount = models.DecimalField(_("拟罚款金额（元）"), max_digits=12, decimal_places=2, default=Decimal("0"),
                                 validators=[MinValueValidator(Decimal("0"))])
    facts = models.TextField(_("违法事实"), blank=True)
    legal_basis = models.CharField(_("处罚依据"), max_length=300, blank=True)
    state = models.CharField(_("办案环节"), max_length=16, choices=CaseState.choices, default=CaseState.FILED,
                             editable=False, db_index=True)
    filed_on = models.DateField(_("立案日期"), null=True, blank=True, editable=False)
    notified_on = models.DateField(_("告知日期"), null=True, blank=True, editable=False)
    decided_on = models.DateField(_("决定日期"), null=True, blank=True, editable=False)
    served_on = models.DateField(_("送达日期"), null=True, blank=True, editable=False)
    closed_on = models.DateField(_("结案日期"), null=True, blank=True, editable=False)

    class Meta(RegistryModel.Meta):
        verbose_name = _("行政处罚案件")
        verbose_name_plural = _("行政处罚案件")
        permissions = [("handle_penaltycase", _("办理行政处罚案件")), ("legal_review_penaltycase", _("法制审核"))]

    def clean(self):
        super().clean()
        if self.target_id is not None:
            self.region_id = self.target.region_id
        if self.task_id is not None and self.target_id is not None and self.task.target_id != self.target_id:
            raise field_error("task", "task_of_other_target", _("该检查任务不是本当事单位的"))
        if self.penalty_kind == PenaltyKind.FINE and not self.amount:
            raise field_error("amount", "amount_required", _("罚款案件须填写拟罚款金额"))
        if self.party_type == PartyType.PERSON and not self.party_name.strip():
            raise field_error("party_name", "party_name_required", _("个人当事人须填写姓名"))

    def save(self, *args, **kwargs):
        if self.filed_on is None:
            self.filed_on = timezone.localdate()
        super().save(*args, **kwargs)

    @property
    def is_major(self) -> bool:
        """重大执法决定: needs 法制审核 before the decision."""
        config = current()
        return self.penalty_kind in config.legal_review_kinds or self.amount >= config.legal_review_threshold

    @property
    def hearing_right(self) -> bool:
        config = current()
        if self.penalty_kind in config.hearing_kinds:
            return True
        person = self.party_type == PartyType.PERSON
        limit = config.hearing_threshold_person if person else config.hearing_threshold_unit
        return self.penalty_kind == PenaltyKind.FINE and self.amount >= limit


class RightsRecord(models.Model):
    """One recorded step of the party's rights after the 告知书: a 陈述申辩 (its content), a waiver, a 听证 request,
    the 听证通知 (time and place, ≥7 working days ahead) and the 听证 held (its record). enforcement/rights.py."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(PenaltyCase, on_delete=models.PROTECT, related_name="rights",
                             verbose_name=_("行政处罚案件"))
    kind = models.CharField(_("事项"), max_length=20, choices=RightsKind.choices)
    on = models.DateField(_("日期"), help_text=_("当事人提出（放弃）之日、通知之日或听证举行之日"))
    content = models.TextField(_("内容"), blank=True, help_text=_("陈述申辩意见、听证笔录摘要或说明"))
    hearing_at = models.DateTimeField(_("听证时间"), null=True, blank=True)
    place = models.CharField(_("听证地点"), max_length=200, blank=True)
    created = models.DateTimeField(_("登记时间"), auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("登记人"))
    is_demo = models.BooleanField(default=False, editable=False)

    class Meta:
        ordering = ["on", "id"]
        verbose_name = _("陈述申辩与听证")
        verbose_name_plural = _("陈述申辩与听证")

    def __str__(self):
        return f"{self.case.code} · {self.get_kind_display()} {self.on:%Y-%m-%d}"


class PenaltyPayment(models.Model):
    """缴纳罚款: one payment of a case's fine, by its receipt (缴款凭证) number; enforcement/payments.py works out
    the deadline, the 加处罚款 owed when it is late (configurable) and what is still outstanding."""

    region_field = "case__region"
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(PenaltyCase, on_delete=models.PROTECT, related_name="payments",
                             verbose_name=_("行政处罚案件"))
    amount = models.DecimalField(_("缴纳金额（元）"), max_digits=12, decimal_places=2)
    paid_on = models.DateField(_("缴纳日期"))
    receipt_no = models.CharField(_("缴款凭证号"), max_length=60, unique=True)
    note = models.CharField(_("备注"), max_length=500, blank=True)
    created = models.DateTimeField(_("登记时间"), auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("登记人"))
    is_demo = models.BooleanField(default=False, editable=False)

    class Meta:
        ordering = ["paid_on", "id"]
        verbose_name = _("罚款缴纳记录")
        verbose_name_plural = _("罚款缴纳记录")

    def __str__(self):
        return f"{self.case.code} · {self.amount} · {self.receipt_no}"
