"""Inspection tasks (检查任务) and the per-item findings; a 不合格 item becomes a prevention hazard."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from yingji.core.models import RegistryModel

from ..choices import ItemResult, TaskSource, TaskState
from .base import field_error


class InspectionTask(RegistryModel):
    code_prefix = "JCRW"
    target = models.ForeignKey("enforcement.Target", on_delete=models.PROTECT, related_name="tasks",
                               verbose_name=_("检查对象"))
    source = models.CharField(_("任务来源"), max_length=16, choices=TaskSource.choices, default=TaskSource.PLAN)
    draw = models.ForeignKey("enforcement.Draw", on_delete=models.PROTECT, null=True, blank=True,
                             related_name="tasks", verbose_name=_("双随机抽查"), editable=False)
    lead_inspector = models.ForeignKey("enforcement.Inspector", on_delete=models.PROTECT, related_name="+",
                                       verbose_name=_("主办执法人员"))
    second_inspector = models.ForeignKey("enforcement.Inspector", on_delete=models.PROTECT, related_name="+",
                                         verbose_name=_("协办执法人员"))
    more_inspectors = models.ManyToManyField("enforcement.Inspector", blank=True, related_name="+",
                                             verbose_name=_("其他执法人员"))
    due_on = models.DateField(_("计划检查日期"), null=True, blank=True)
    state = models.CharField(_("任务状态"), max_length=16, choices=TaskState.choices, default=TaskState.ASSIGNED,
                             editable=False, db_index=True)
    inspected_on = models.DateField(_("检查日期"), null=True, blank=True, editable=False)
    party_signer = models.CharField(_("被检查单位签字人"), max_length=50, blank=True, editable=False)
    party_refused = models.BooleanField(_("当事人拒绝签字"), default=False, editable=False)
    refusal_note = models.CharField(_("拒签情况说明"), max_length=500, blank=True, editable=False)
    witness = models.CharField(_("见证人"), max_length=50, blank=True, editable=False)
    published_on = models.DateField(_("公示日期"), null=True, blank=True, editable=False,
                                    help_text=_("双随机抽查结果向社会公示之日（检查后20个工作日内）"))

    class Meta(RegistryModel.Meta):
        verbose_name = _("检查任务")
        verbose_name_plural = _("检查任务")
        permissions = [("inspect_task", _("录入检查结果")), ("publish_result", _("公示抽查结果"))]

    def inspector_ids(self) -> list[int]:
        ids = [self.lead_inspector_id, self.second_inspector_id]
        if self.pk:
            ids += [i for i in self.more_inspectors.values_list("pk", flat=True) if i not in ids]
        return ids

    def clean(self):
        super().clean()
        if self.target_id is not None:
            self.region_id = self.target.region_id
        if self.lead_inspector_id and self.lead_inspector_id == self.second_inspector_id:
            raise field_error("second_inspector", "same_inspector", _("执法人员不得少于两人，请选择另一名执法人员"))
        for field in ("lead_inspector", "second_inspector"):
            inspector = getattr(self, field, None) if getattr(self, f"{field}_id") else None
            reason = inspector.unqualified_reason() if inspector is not None else ""
            if reason:
                raise field_error(field, "inspector_unqualified",
                                  _("%(n)s不能执法：%(r)s") % {"n": inspector.name, "r": reason})


class Finding(models.Model):
    """One item of a task's inspection: 合格/不合格/不适用; a 不合格 item opens a hazard (source 执法检查)."""

    region_field = "task__region"
    task = models.ForeignKey(InspectionTask, on_delete=models.CASCADE, related_name="findings",
                             verbose_name=_("检查任务"))
    item = models.ForeignKey("enforcement.InspectionItem", on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("检查事项"))
    result = models.CharField(_("检查结果"), max_length=8, choices=ItemResult.choices)
    note = models.CharField(_("情况说明"), max_length=500, blank=True)
    hazard = models.ForeignKey("prevention.Hazard", on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="+", verbose_name=_("隐患"))

    class Meta:
        ordering = ["task", "id"]
        verbose_name = _("检查结果")
        verbose_name_plural = _("检查结果")
        constraints = [models.UniqueConstraint(fields=["task", "item"], name="enforcement_one_finding_per_item")]
