"""An activated response (应急响应) for an incident, its command structure and its tasks."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..choices import ENDED, RESPONSE_STATES, TaskStatus, level_label


class Response(models.Model):
    audited = True

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    incident = models.ForeignKey("incidents.Incident", on_delete=models.PROTECT, related_name="responses",
                                 verbose_name=_("事件"))
    plan = models.ForeignKey("plans.Plan", on_delete=models.PROTECT, related_name="responses", verbose_name=_("预案"))
    version = models.ForeignKey("plans.PlanVersion", on_delete=models.PROTECT, related_name="responses",
                                verbose_name=_("预案版本"))
    level = models.CharField(_("响应级别"), max_length=16, choices=RESPONSE_STATES)
    highest_level = models.CharField(_("最高响应级别"), max_length=16, choices=RESPONSE_STATES)
    region = models.ForeignKey("core.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("所属区域"))
    reason = models.TextField(_("启动依据"), blank=True, max_length=2000)
    activated_at = models.DateTimeField(_("启动时间"))
    activated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                                     verbose_name=_("批准人"))
    ended_at = models.DateTimeField(_("终止时间"), null=True, blank=True)
    is_demo = models.BooleanField(_("演示数据"), default=False, editable=False)

    class Meta:
        ordering = ["-activated_at"]
        verbose_name = _("应急响应")
        verbose_name_plural = _("应急响应")
        permissions = [("activate_response", _("启动、调整、终止应急响应"))]
        constraints = [models.UniqueConstraint(fields=["incident", "plan"], condition=~models.Q(level=ENDED),
                                               name="one_active_response_per_plan",
                                               violation_error_message=_("该事件已启动此预案的响应"))]

    def __str__(self):
        return f"{self.plan.name} {self.level_label}"

    @property
    def level_label(self) -> str:
        return level_label(self.level)

    @property
    def is_active(self) -> bool:
        return self.level != ENDED


class CommandPost(models.Model):
    """One seat of the command structure formed at activation (指挥长, 副指挥长, a working group)."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="posts", verbose_name=_("响应"))
    role = models.CharField(_("职务/工作组"), max_length=64)
    organization = models.ForeignKey("core.Organization", null=True, on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("单位"))
    person = models.ForeignKey("core.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                               verbose_name=_("人员"))
    members = models.CharField(_("成员单位"), max_length=1000, blank=True)
    duties = models.CharField(_("职责"), max_length=500, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["response", "order", "id"]
        verbose_name = _("指挥机构成员")
        verbose_name_plural = _("指挥机构")


class Task(models.Model):
    audited = True

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    response = models.ForeignKey(Response, on_delete=models.PROTECT, related_name="tasks", verbose_name=_("响应"))
    incident = models.ForeignKey("incidents.Incident", on_delete=models.PROTECT, related_name="plan_tasks",
                                 verbose_name=_("事件"))
    region = models.ForeignKey("core.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("所属区域"))
    level = models.CharField(_("所属响应级别"), max_length=16, choices=RESPONSE_STATES)
    template_key = models.CharField(_("任务模板"), max_length=64)
    title = models.CharField(_("任务"), max_length=200)
    group = models.CharField(_("责任工作组"), max_length=64, blank=True)
    organization = models.ForeignKey("core.Organization", on_delete=models.PROTECT, related_name="plan_tasks",
                                     verbose_name=_("责任单位"))
    requirements = models.JSONField(_("所需资源"), default=dict, blank=True)
    status = models.CharField(_("状态"), max_length=16, choices=TaskStatus.choices, default=TaskStatus.PENDING)
    assigned_at = models.DateTimeField(_("下达时间"))
    deadline = models.DateTimeField(_("完成时限"), db_index=True)
    acknowledged_at = models.DateTimeField(_("接收时间"), null=True, blank=True)
    started_at = models.DateTimeField(_("开始时间"), null=True, blank=True)
    completed_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    blocked_reason = models.CharField(_("受阻原因"), max_length=500, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    is_demo = models.BooleanField(_("演示数据"), default=False, editable=False)

    class Meta:
        ordering = ["deadline", "id"]
        verbose_name = _("响应任务")
        verbose_name_plural = _("响应任务")
        permissions = [("manage_task", _("管理所有响应任务"))]
        constraints = [models.UniqueConstraint(fields=["response", "template_key"], name="one_task_per_template")]

    def __str__(self):
        return self.title

    def is_overdue(self, now) -> bool:
        if self.status == TaskStatus.DONE:
            return bool(self.completed_at and self.completed_at > self.deadline)
        return now > self.deadline

    def timeliness(self, now) -> str:
        if self.status == TaskStatus.DONE:
            return "late" if self.completed_at > self.deadline else "on_time"
        return "overdue" if now > self.deadline else "open"
