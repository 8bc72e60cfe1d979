"""The duty log (值班日志): immutable, timestamped entries; corrections are new entries."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..choices import InstructionStatus, LogKind

USER = settings.AUTH_USER_MODEL


class ImmutableEntryError(Exception):
    pass


class LogEntry(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    region = models.ForeignKey("core.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("所属区域"))
    post = models.ForeignKey(
        "duty.DutyPost", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("值班岗位")
    )
    kind = models.CharField(_("类别"), max_length=16, choices=LogKind.choices)
    at = models.DateTimeField(_("时间"), db_index=True)
    counterpart = models.CharField(_("来电人/对方"), max_length=100, blank=True)
    phone = models.CharField(_("电话"), max_length=32, blank=True)
    summary = models.TextField(_("内容"), max_length=4000)
    incident_uuid = models.UUIDField(_("关联事件"), null=True, blank=True, db_index=True)
    incident_label = models.CharField(_("关联事件名称"), max_length=200, blank=True)
    corrects = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="corrections", verbose_name=_("更正")
    )
    recorded_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+",
                                    verbose_name=_("记录人"))
    recorded_at = models.DateTimeField(_("记录时间"), auto_now_add=True)
    is_demo = models.BooleanField(default=False, editable=False)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("值班日志")
        verbose_name_plural = _("值班日志")

    def __str__(self):
        return f"{self.get_kind_display()} {self.summary[:30]}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ImmutableEntryError("duty log entries cannot be changed; add a correction")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableEntryError("duty log entries cannot be deleted")


class Instruction(models.Model):
    """上级指示批示: who gave it, when, and how it was followed through to completion."""

    audited = True

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    region = models.ForeignKey("core.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("所属区域"))
    entry = models.OneToOneField(LogEntry, on_delete=models.PROTECT, related_name="instruction",
                                 verbose_name=_("日志"))
    issuer = models.CharField(_("指示人"), max_length=100)
    text = models.TextField(_("指示内容"), max_length=4000)
    received_at = models.DateTimeField(_("接收时间"))
    due_at = models.DateTimeField(_("办理时限"), db_index=True)
    assignee = models.CharField(_("承办"), max_length=100, blank=True)
    status = models.CharField(_("状态"), max_length=16, choices=InstructionStatus.choices,
                              default=InstructionStatus.OPEN)
    completed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    completed_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                                     verbose_name=_("办结人"))
    completion_note = models.TextField(_("办理结果"), blank=True)

    class Meta:
        ordering = ["status", "due_at"]
        verbose_name = _("上级指示批示")
        verbose_name_plural = _("上级指示批示")

    def __str__(self):
        return f"{self.issuer}：{self.text[:30]}"

    def is_overdue(self, now) -> bool:
        return self.status == InstructionStatus.OPEN and now > self.due_at
