"""The incident: one record per emergency, with its figures, grade and intake reports."""

import uuid

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from yingji.core.models import RegistryModel
from yingji.standards import get_type

from ..choices import GRADE_CHOICES, IncidentStatus, Source

# The casualty and loss figures an incident carries: (field, label). Grading and reports read them.
FIGURE_FIELDS = (
    ("dead", _("死亡")),
    ("missing", _("失踪")),
    ("injured", _("受伤")),
    ("serious_injured", _("其中重伤")),
    ("trapped", _("被困")),
    ("affected", _("受灾人口")),
    ("evacuated", _("紧急转移")),
)


EXERCISE_PREFIX = "【演练】"


def _count(label):
    return models.PositiveIntegerField(label, default=0)


class Incident(RegistryModel):
    """Not a plain registry: it has its own pages, API and workflow. The optimistic lock is the same."""

    code_prefix = "SJ"

    status = models.CharField(_("状态"), max_length=32, choices=IncidentStatus.choices, default=IncidentStatus.REPORTED)
    type_code = models.CharField(_("事件类型"), max_length=16)
    occurred_at = models.DateTimeField(_("发生时间"))
    received_at = models.DateTimeField(_("接报时间"))
    ended_at = models.DateTimeField(_("过程结束时间"), null=True, blank=True)
    closed_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    address = models.CharField(_("地址"), max_length=200, blank=True)
    dead = _count(_("死亡"))
    missing = _count(_("失踪"))
    injured = _count(_("受伤"))
    serious_injured = _count(_("其中重伤"))
    trapped = _count(_("被困"))
    affected = _count(_("受灾人口"))
    evacuated = _count(_("紧急转移"))
    direct_loss_cny = models.DecimalField(
        _("直接经济损失（元）"), max_digits=16, decimal_places=2, default=0, validators=[MinValueValidator(0)]
    )
    burnt_forest_ha = models.DecimalField(
        _("受害森林面积（公顷）"), max_digits=12, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0)],
    )
    source = models.CharField(_("来源"), max_length=16, choices=Source.choices, default=Source.PHONE)
    reporter_name = models.CharField(_("报告人"), max_length=64, blank=True)
    reporter_phone = models.CharField(_("报告人电话"), max_length=32, blank=True)
    reporter_org = models.CharField(_("报告单位"), max_length=100, blank=True)
    grade = models.CharField(_("事件等级"), max_length=16, choices=GRADE_CHOICES, null=True, blank=True)
    grade_auto = models.CharField(_("初判等级"), max_length=16, choices=GRADE_CHOICES, null=True, blank=True)
    grade_rule = models.TextField(_("初判依据"), blank=True)
    grade_overridden = models.BooleanField(_("人工研判"), default=False)
    grade_override_reason = models.TextField(_("研判理由"), blank=True)
    closing_summary = models.TextField(_("处置总结"), blank=True)
    # An exercise (演练) incident, created by a drill: named 【演练】…, shown with a banner, left out of statistics,
    # indicators and escalations, and never the subject of a real public warning (docs/drills.md).
    is_exercise = models.BooleanField(_("演练"), default=False, editable=False, db_index=True)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged", verbose_name=_("合并至")
    )

    class Meta(RegistryModel.Meta):
        ordering = ["-received_at"]
        verbose_name = _("突发事件")
        verbose_name_plural = _("突发事件")
        permissions = [
            ("close_incident", _("结束事件")),
            ("merge_incident", _("合并事件")),
            ("override_grade", _("人工研判等级")),
            ("waive_clock", _("豁免报送时限")),
        ]
        indexes = [models.Index(fields=["status", "received_at"])]

    def save(self, *args, **kwargs):
        if self.is_exercise and not self.name.startswith(EXERCISE_PREFIX):  # however it was renamed
            self.name = (EXERCISE_PREFIX + self.name)[:200]
        super().save(*args, **kwargs)

    @property
    def incident_type(self):
        return get_type(self.type_code)

    @property
    def type_name(self) -> str:
        return self.incident_type.full_name

    def figures(self) -> dict:
        """The figures as the standards rules read them."""
        data = {name: getattr(self, name) for name, _label in FIGURE_FIELDS}
        data["serious_injuries"] = self.serious_injured
        data["deaths"] = self.dead
        data["direct_loss_cny"] = self.direct_loss_cny
        if self.burnt_forest_ha is not None:
            data["burnt_forest_ha"] = self.burnt_forest_ha
        return data

    @property
    def is_active(self) -> bool:
        from ..choices import ACTIVE_STATUSES

        return self.status in ACTIVE_STATUSES


class IntakeReport(models.Model):
    """One report received about an incident (a call, a public report, a system message). Kept on merge."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="intakes", verbose_name=_("事件"))
    source = models.CharField(_("来源"), max_length=16, choices=Source.choices)
    received_at = models.DateTimeField(_("接报时间"))
    caller_name = models.CharField(_("来电人/报告人"), max_length=64, blank=True)
    caller_phone = models.CharField(_("联系电话"), max_length=32, blank=True)
    statement = models.TextField(_("报告内容"), max_length=4000)
    photo = models.FileField(_("照片"), upload_to="incidents/public/%Y/%m/", null=True, blank=True)
    ip = models.CharField(_("IP地址"), max_length=64, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("记录人"),
    )
    original_incident_code = models.CharField(_("原事件编号"), max_length=64, blank=True)

    class Meta:
        ordering = ["received_at", "id"]
        verbose_name = _("接报记录")
        verbose_name_plural = _("接报记录")

    def __str__(self):
        return f"{self.get_source_display()} {self.received_at:%Y-%m-%d %H:%M}"
