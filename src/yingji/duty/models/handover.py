"""Handover (交接班): the pending items gathered at a shift's end, remarks, and the incoming officer's answer."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..choices import HandoverStatus

USER = settings.AUTH_USER_MODEL


class Handover(models.Model):
    audited = True

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    post = models.ForeignKey("duty.DutyPost", on_delete=models.CASCADE, related_name="handovers",
                             verbose_name=_("值班岗位"))
    region = models.ForeignKey("core.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("所属区域"))
    outgoing_shift = models.ForeignKey("duty.Shift", on_delete=models.PROTECT, related_name="handovers_out",
                                       verbose_name=_("交班班次"))
    incoming_shift = models.ForeignKey("duty.Shift", null=True, blank=True, on_delete=models.PROTECT,
                                       related_name="handovers_in", verbose_name=_("接班班次"))
    status = models.CharField(_("状态"), max_length=16, choices=HandoverStatus.choices, default=HandoverStatus.DRAFT)
    due_at = models.DateTimeField(_("应完成时间"), db_index=True)
    pending = models.JSONField(_("待办事项"), default=list, blank=True)
    remarks = models.TextField(_("交班说明"), blank=True, max_length=4000)
    notes = models.TextField(_("装备与排班情况"), blank=True, max_length=2000)
    author = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                               verbose_name=_("交班人"))
    submitted_at = models.DateTimeField(_("交班时间"), null=True, blank=True)
    accepted_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                                    verbose_name=_("接班人"))
    accepted_at = models.DateTimeField(_("接班时间"), null=True, blank=True)
    return_reason = models.TextField(_("退回理由"), blank=True)
    overdue_notified_at = models.DateTimeField(null=True, blank=True)
    created = models.DateTimeField(_("创建时间"), auto_now_add=True)
    is_demo = models.BooleanField(default=False, editable=False)

    class Meta:
        ordering = ["-due_at"]
        verbose_name = _("交接班")
        verbose_name_plural = _("交接班")
        constraints = [models.UniqueConstraint(fields=["outgoing_shift"], name="duty_handover_once_per_shift")]

    def __str__(self):
        return f"{self.post} {self.outgoing_shift.duty_date:%m-%d} {self.outgoing_shift.label}"
