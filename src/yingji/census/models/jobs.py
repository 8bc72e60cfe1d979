"""A spatial import too large to run inside one request (spatial_import.JOB_THRESHOLD features and more) runs as a
job of the worker (census/jobs.py). The row keeps the counts the import page polls: every feature checked (committed
after each chunk), then saved (all in one transaction: the saved count is shown from the cache while it runs)."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class JobState(models.TextChoices):
    QUEUED = "queued", _("排队中")
    CHECKING = "checking", _("校验中")
    SAVING = "saving", _("保存中")
    DONE = "done", _("已完成")
    FAILED = "failed", _("未通过")


class ImportJob(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("登记表"), max_length=32)  # the register's plural: exposed-assets, danger-zones, …
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+",
                             verbose_name=_("导入人"))
    filename = models.CharField(_("文件名"), max_length=255)
    path = models.CharField(max_length=255)  # in default_storage
    crs = models.CharField(max_length=16, default="auto")
    mapping = models.JSONField(default=dict)
    check_only = models.BooleanField(_("仅校验"), default=False)
    state = models.CharField(_("状态"), max_length=16, choices=JobState.choices, default=JobState.QUEUED)
    total = models.PositiveIntegerField(_("要素数"), default=0)
    checked = models.PositiveIntegerField(_("已校验"), default=0)
    saved = models.PositiveIntegerField(_("已保存"), default=0)
    created = models.PositiveIntegerField(_("新增"), default=0)
    updated = models.PositiveIntegerField(_("更新"), default=0)
    errors = models.JSONField(default=list)  # [{"row", "column", "message"}], the first 500
    error_count = models.PositiveIntegerField(default=0)
    message = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("空间数据导入任务")
        verbose_name_plural = _("空间数据导入任务")
        ordering = ["-created_at", "-id"]

    @property
    def finished(self) -> bool:
        return self.state in (JobState.DONE, JobState.FAILED)

    def percent_with(self, saved: int) -> float:
        """Checking is the first half of the work, saving the second (a check-only job: checking is all of it)."""
        if self.state == JobState.DONE:
            return 100.0
        if not self.total:
            return 0.0
        if self.check_only:
            return round(100 * self.checked / self.total, 1)
        return round(50 * self.checked / self.total + 50 * saved / self.total, 1)
