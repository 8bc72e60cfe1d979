"""Escalation chains (升级) in the style of on-call escalation policies; every step's due time is a row."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..choices import EscalationStatus, FireStatus, StepTarget

USER = settings.AUTH_USER_MODEL


class EscalationChain(models.Model):
    audited = True

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    code = models.CharField(_("编码"), max_length=64, unique=True)
    name = models.CharField(_("名称"), max_length=100)
    region = models.ForeignKey("core.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("适用区域"))
    event_kind = models.CharField(_("触发事件"), max_length=100, db_index=True)
    stop_kinds = models.CharField(_("停止事件"), max_length=300, blank=True,
                                  help_text=_("这些事件到达同一对象时停止升级，逗号分隔"))
    repeat = models.PositiveSmallIntegerField(_("重复轮数"), default=0, help_text=_("全部层级通知后再重复的轮数"))
    enabled = models.BooleanField(_("启用"), default=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("升级链")
        verbose_name_plural = _("升级链")

    def __str__(self):
        return self.name


class EscalationStep(models.Model):
    audited = True

    chain = models.ForeignKey(EscalationChain, on_delete=models.CASCADE, related_name="steps", verbose_name=_("升级链"))
    order = models.PositiveSmallIntegerField(_("顺序"))
    wait_minutes = models.PositiveIntegerField(_("等待（分钟）"), default=0,
                                               help_text=_("上一步之后（第一步为事件发生后）等待的分钟数"))
    target = models.CharField(_("通知对象"), max_length=16, choices=StepTarget.choices)
    person = models.ForeignKey("core.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("指定人员"))
    channel = models.ForeignKey("channels.Channel", on_delete=models.PROTECT, related_name="+",
                                verbose_name=_("通知通道"))

    class Meta:
        ordering = ["chain", "order"]
        verbose_name = _("升级步骤")
        verbose_name_plural = _("升级步骤")
        constraints = [models.UniqueConstraint(fields=["chain", "order"], name="duty_step_order_once")]

    def __str__(self):
        return f"{self.order}. {self.get_target_display()}"


class Escalation(models.Model):
    """One running chain for one event (an incident, a missed roll call, an overdue handover…)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    key = models.CharField(max_length=200, unique=True)
    chain = models.ForeignKey(EscalationChain, on_delete=models.PROTECT, related_name="escalations",
                              verbose_name=_("升级链"))
    event_kind = models.CharField(_("触发事件"), max_length=100)
    source_id = models.CharField(_("对象ID"), max_length=64, db_index=True)
    payload = models.JSONField(default=dict, blank=True)
    region = models.ForeignKey("core.Region", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("区域"))
    title = models.CharField(_("事由"), max_length=200)
    started_at = models.DateTimeField(_("开始时间"), db_index=True)
    status = models.CharField(_("状态"), max_length=16, choices=EscalationStatus.choices,
                              default=EscalationStatus.ACTIVE, db_index=True)
    stopped_at = models.DateTimeField(_("停止时间"), null=True, blank=True)
    stopped_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                                   verbose_name=_("确认人"))
    stop_reason = models.CharField(_("停止原因"), max_length=200, blank=True)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("升级记录")
        verbose_name_plural = _("升级记录")

    def __str__(self):
        return self.title


class EscalationFire(models.Model):
    """One step of one round, due at a fixed time: fired once, or cancelled when the chain stops."""

    escalation = models.ForeignKey(Escalation, on_delete=models.CASCADE, related_name="fires")
    step = models.ForeignKey(EscalationStep, on_delete=models.PROTECT, related_name="+")
    round = models.PositiveSmallIntegerField(default=0)
    due_at = models.DateTimeField(_("应执行时间"), db_index=True)
    status = models.CharField(_("状态"), max_length=16, choices=FireStatus.choices, default=FireStatus.SCHEDULED)
    fired_at = models.DateTimeField(_("执行时间"), null=True, blank=True)
    outcome = models.CharField(_("结果"), max_length=300, blank=True)

    class Meta:
        ordering = ["due_at", "id"]
        constraints = [models.UniqueConstraint(fields=["escalation", "step", "round"], name="duty_fire_once")]
        indexes = [models.Index(fields=["status", "due_at"])]
