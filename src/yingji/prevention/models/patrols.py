"""Grid worker patrols (网格员巡查): a patrol task per grid area and period, and a record of each visit.

The grid worker is named by account (`worker_username`, so the registry's forms, API and xlsx take plain text)
and bound to the account (`worker`) on save. A grid worker sees only their own tasks (jurisdiction_narrowing);
a visit that finds a hazard files it (source 网格员巡查) and links it here (prevention/patrols.py)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yingji.core.models import RegistryModel

GRID_WORKER_ROLE = "grid_worker"  # core.roles.Role.GRID_WORKER
GRID_LEVELS = (2, 3, 4)  # 乡镇/街道, 村/社区, 网格 (core.models.RegionLevel)


class PatrolState(models.TextChoices):
    PENDING = "pending", _("待巡查")
    ACTIVE = "active", _("巡查中")
    DONE = "done", _("已完成")


class PatrolResult(models.TextChoices):
    NORMAL = "normal", _("正常")
    HAZARD = "hazard", _("发现隐患")


class PatrolTask(RegistryModel):
    code_prefix = "XC"
    worker_username = models.CharField(_("网格员账号"), max_length=150,
                                       help_text=_("角色为“网格员/灾害信息员”的用户名"))
    worker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                               editable=False, related_name="patrol_tasks", verbose_name=_("网格员"))
    starts_on = models.DateField(_("开始日期"))
    ends_on = models.DateField(_("结束日期"))
    state = models.CharField(_("巡查状态"), max_length=16, choices=PatrolState.choices, default=PatrolState.PENDING,
                             db_index=True)
    notes = models.TextField(_("巡查要求"), max_length=2000, blank=True)

    class Meta(RegistryModel.Meta):
        ordering = ["-starts_on", "code"]
        verbose_name = _("巡查任务")
        verbose_name_plural = _("巡查任务")

    @classmethod
    def jurisdiction_narrowing(cls, user):
        """A grid worker sees their own tasks only (the region rule still applies)."""
        if getattr(user, "role", None) != GRID_WORKER_ROLE or getattr(user, "is_superuser", False):
            return None
        return Q(worker_id=user.pk)

    def clean(self):
        super().clean()
        errors = {}
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = ValidationError(_("结束日期不能早于开始日期"), code="invalid_period")
        if self.region_id and self.region.level not in GRID_LEVELS:
            errors["region"] = ValidationError(_("网格区域应为乡镇/街道、村/社区或网格"), code="invalid_grid_area")
        worker = self._worker()
        if self.worker_username and worker is None:
            errors["worker_username"] = ValidationError(_("没有该网格员账号（须为在用的网格员/灾害信息员账号）"),
                                                        code="unknown_grid_worker")
        elif worker is not None and self.region_id and not self._reaches(worker):
            errors["worker_username"] = ValidationError(_("该网格员的管辖范围不包含此网格区域"),
                                                        code="grid_worker_out_of_area")
        if errors:
            raise ValidationError(errors)
        self.worker = worker

    def _worker(self):
        from yingji.core.models import User

        return User.objects.filter(username=self.worker_username.strip(), role=GRID_WORKER_ROLE,
                                   is_active=True).first()

    def _reaches(self, worker) -> bool:
        return worker.region_id is not None and self.region.path.startswith(worker.region.path)

    def save(self, *args, **kwargs):
        if self.worker_id is None and self.worker_username:
            self.worker = self._worker()
        super().save(*args, **kwargs)


class PatrolVisit(models.Model):
    """One visit of a patrol: when, where, what was found, and the hazard it filed."""

    region_field = "task__region"
    task = models.ForeignKey(PatrolTask, on_delete=models.CASCADE, related_name="visits", verbose_name=_("巡查任务"))
    at = models.DateTimeField(_("巡查时间"), default=timezone.now)
    lon = models.FloatField(_("经度"), null=True, blank=True)
    lat = models.FloatField(_("纬度"), null=True, blank=True)
    result = models.CharField(_("巡查结果"), max_length=16, choices=PatrolResult.choices,
                              default=PatrolResult.NORMAL)
    note = models.TextField(_("巡查情况"), max_length=2000, blank=True)
    hazard = models.ForeignKey("prevention.Hazard", on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="patrol_visits", verbose_name=_("上报隐患"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name=_("巡查人"))

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("巡查记录")
        verbose_name_plural = _("巡查记录")

    def __str__(self):
        return f"{self.task} · {self.get_result_display()}"
