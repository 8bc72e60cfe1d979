"""Issued 执法文书 (numbered per kind and year, never reused; the file kept as a core attachment with its SHA-256)
and 责令限期整改 orders with their deadline and re-check."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..choices import DocumentKind, OrderState


class RectificationOrder(models.Model):
    """责令限期整改: the hazards of a task's 不合格 items, to be rectified by `deadline`, then re-checked (整改复查)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    task = models.ForeignKey("enforcement.InspectionTask", on_delete=models.PROTECT, related_name="orders",
                             verbose_name=_("检查任务"))
    region = models.ForeignKey("core.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("所属区域"))
    requirements = models.TextField(_("整改要求"), blank=True)
    issued_on = models.DateField(_("下达日期"))
    deadline = models.DateField(_("整改期限"))
    state = models.CharField(_("状态"), max_length=16, choices=OrderState.choices, default=OrderState.ORDERED,
                             db_index=True)
    rechecked_on = models.DateField(_("复查日期"), null=True, blank=True)
    recheck_note = models.CharField(_("复查意见"), max_length=1000, blank=True)
    created = models.DateTimeField(_("创建时间"), auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("创建人"))
    is_demo = models.BooleanField(default=False, editable=False)

    class Meta:
        ordering = ["-issued_on", "-id"]
        verbose_name = _("责令限期整改")
        verbose_name_plural = _("责令限期整改")
        permissions = [("recheck_order", _("整改复查"))]

    def __str__(self):
        return f"{self.task.target.name} · {self.get_state_display()}"

    def hazards(self):
        from yingji.prevention.models import Hazard

        return Hazard.objects.filter(pk__in=self.task.findings.filter(hazard__isnull=False).values("hazard"))


class IssuedDocument(models.Model):
    """One generated document: 文号 = prefix〔year〕serial号, unique per kind and year; the DOCX is an attachment."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("文书种类"), max_length=20, choices=DocumentKind.choices)
    year = models.PositiveSmallIntegerField(_("年份"))
    serial = models.PositiveIntegerField(_("序号"))
    number = models.CharField(_("文号"), max_length=40, unique=True)
    task = models.ForeignKey("enforcement.InspectionTask", on_delete=models.PROTECT, null=True, blank=True,
                             related_name="documents", verbose_name=_("检查任务"))
    order = models.ForeignKey(RectificationOrder, on_delete=models.PROTECT, null=True, blank=True,
                              related_name="documents", verbose_name=_("责令限期整改"))
    case = models.ForeignKey("enforcement.PenaltyCase", on_delete=models.PROTECT, null=True, blank=True,
                             related_name="documents", verbose_name=_("行政处罚案件"))
    region = models.ForeignKey("core.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("所属区域"))
    attachment = models.ForeignKey("core.Attachment", on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("文件"))
    created = models.DateTimeField(_("生成时间"), auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("生成人"))

    class Meta:
        ordering = ["kind", "year", "serial"]
        verbose_name = _("执法文书")
        verbose_name_plural = _("执法文书")
        constraints = [models.UniqueConstraint(fields=["kind", "year", "serial"], name="enforcement_doc_number")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.number}"
