"""Drills (应急演练): the drill plan (a registry), its participants, its script of injects (情景注入) and its
evaluation. The drill clock lives on the drill: a log of clock changes (start, pause, resume, speed, end), from
which the drill time of any real instant, and the real instant of any drill time, are computed (clock.py)."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from yingji.core.models import RegistryModel
from yingji.plans.choices import RESPONSE_STATES
from yingji.standards import get_type
from yingji.standards.errors import StandardsError

from .choices import DrillType, InjectKind, ParticipantRole, Stage


class Drill(RegistryModel):
    """A drill plan and, once started, its run. `region` is the organizing jurisdiction."""

    code_prefix = "YL"

    drill_type = models.CharField(_("演练类型"), max_length=16, choices=DrillType.choices, default=DrillType.TABLETOP)
    plan = models.ForeignKey("plans.Plan", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("演练预案"))
    level = models.CharField(_("演练响应级别"), max_length=16, blank=True, choices=RESPONSE_STATES[:-1],
                             help_text=_("预期启动的预案响应级别；评估时与实际启动的级别对照"))
    scenario = models.TextField(_("演练情景"), max_length=4000)
    incident_type = models.CharField(_("情景事件类型"), max_length=16, default="1.1.1",
                                     help_text=_("演练事件的类型代码，如 1.1.1 洪涝"))
    address = models.CharField(_("演练地点"), max_length=200, blank=True)
    scheduled_at = models.DateTimeField(_("计划时间"))
    duration_minutes = models.PositiveIntegerField(_("计划时长（分钟）"), default=120)
    double_blind = models.BooleanField(_("双盲演练"), default=False,
                                       help_text=_("参演人员看不到脚本和注入安排"))
    objectives = models.TextField(_("演练目标"), blank=True, max_length=2000)
    stage = models.CharField(_("演练阶段"), max_length=16, choices=Stage.choices, default=Stage.PLANNED,
                             editable=False)
    incident = models.ForeignKey("incidents.Incident", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="+", editable=False, verbose_name=_("演练事件"))
    started_at = models.DateTimeField(_("开始时间"), null=True, blank=True, editable=False)
    ended_at = models.DateTimeField(_("结束时间"), null=True, blank=True, editable=False)
    speed = models.FloatField(_("时钟倍速"), default=1.0, editable=False)
    # [{"at": ISO real time, "drill_s": drill seconds then, "speed": x, "running": bool, "event": "start"|…}]
    clock_log = models.JSONField(_("时钟记录"), default=list, blank=True, editable=False)

    class Meta(RegistryModel.Meta):
        ordering = ["-scheduled_at"]
        verbose_name = _("应急演练")
        verbose_name_plural = _("应急演练")
        permissions = [("control_drill", _("导调控制演练（开始、暂停、倍速、注入、结束）")),
                       ("evaluate_drill", _("评估演练"))]

    def clean(self):
        super().clean()
        if self.incident_type:
            try:
                get_type(self.incident_type)
            except StandardsError:
                raise ValidationError({"incident_type": ValidationError(
                    _("未知的突发事件类型代码：%(c)s") % {"c": self.incident_type}, code="unknown_incident_type")}
                ) from None
        if self.pk and self.stage != Stage.PLANNED:
            old = Drill.objects.filter(pk=self.pk).values("drill_type", "double_blind", "plan_id").first()
            if old and (old["drill_type"], old["double_blind"], old["plan_id"]) != (
                    self.drill_type, self.double_blind, self.plan_id):
                raise ValidationError({"drill_type": ValidationError(
                    _("演练已开始，不能再改变类型、预案或双盲设置"), code="drill_started")})

    @property
    def is_running(self) -> bool:
        return self.stage == Stage.RUNNING

    @property
    def is_live(self) -> bool:
        return self.stage in (Stage.RUNNING, Stage.PAUSED)


class DrillParticipant(models.Model):
    """A participating organization or team, or an observer/evaluator unit (参演、观摩、导调、评估)."""

    drill = models.ForeignKey(Drill, on_delete=models.CASCADE, related_name="participants",
                              verbose_name=_("演练"))
    role = models.CharField(_("角色"), max_length=16, choices=ParticipantRole.choices, default=ParticipantRole.PLAYER)
    organization = models.ForeignKey("core.Organization", null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+", verbose_name=_("单位"))
    team = models.ForeignKey("resources.RescueTeam", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("队伍"))
    headcount = models.PositiveIntegerField(_("人数"), default=0)

    region_field = "drill__region"

    class Meta:
        ordering = ["drill", "role", "id"]
        verbose_name = _("参演单位")
        verbose_name_plural = _("参演单位")

    def __str__(self):
        who = self.organization or self.team
        return f"{who}（{self.get_role_display()}）"


class Inject(models.Model):
    """One message of the script (情景注入): delivered to the exercise incident's timeline when the drill clock
    reaches `minute`."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    drill = models.ForeignKey(Drill, on_delete=models.CASCADE, related_name="injects", verbose_name=_("演练"))
    minute = models.PositiveIntegerField(_("注入时间（演练第几分钟）"))
    kind = models.CharField(_("注入类别"), max_length=16, choices=InjectKind.choices, default=InjectKind.REPORT)
    title = models.CharField(_("注入标题"), max_length=150)
    content = models.TextField(_("注入内容"), max_length=4000)
    expected = models.CharField(_("预期处置"), max_length=500, blank=True)
    fired_at = models.DateTimeField(_("注入时间（实际）"), null=True, blank=True)
    entry = models.ForeignKey("incidents.TimelineEntry", null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+", verbose_name=_("时间线记录"))
    is_demo = models.BooleanField(_("演示数据"), default=False, editable=False)

    region_field = "drill__region"

    class Meta:
        ordering = ["drill", "minute", "id"]
        verbose_name = _("情景注入")
        verbose_name_plural = _("情景注入")

    def __str__(self):
        return f"T+{self.minute}′ {self.title}"


class Evaluation(models.Model):
    """The evaluation of a drill per AQ/T 9009: the measured timeliness and the evaluator's checklist."""

    drill = models.OneToOneField(Drill, on_delete=models.CASCADE, related_name="evaluation",
                                 verbose_name=_("演练"))
    measured = models.JSONField(_("实测时效"), default=dict, blank=True)
    scores = models.JSONField(_("各项得分"), default=dict, blank=True)
    notes = models.JSONField(_("评估记录"), default=dict, blank=True)
    total = models.DecimalField(_("总分"), max_digits=5, decimal_places=1, default=0)
    grade = models.CharField(_("评定等级"), max_length=8, blank=True)
    findings = models.TextField(_("发现的问题"), blank=True, max_length=4000)
    improvements = models.TextField(_("整改建议"), blank=True, max_length=4000)
    evaluator = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+", verbose_name=_("评估人"))
    evaluator_name = models.CharField(_("评估组"), max_length=200, blank=True)
    evaluated_at = models.DateTimeField(_("评估时间"))
    is_demo = models.BooleanField(_("演示数据"), default=False, editable=False)

    region_field = "drill__region"

    class Meta:
        verbose_name = _("演练评估")
        verbose_name_plural = _("演练评估")

    def __str__(self):
        return f"{self.drill.name} {self.total}"


class EvaluatorSheet(models.Model):
    """One evaluator's checklist (评估人评分表): the points they gave each element the evaluator scores, their notes,
    the problems and improvements they found. The drill's Evaluation combines every sheet (the mean of each
    element's points; the lines of every sheet)."""

    drill = models.ForeignKey(Drill, on_delete=models.CASCADE, related_name="sheets", verbose_name=_("演练"))
    evaluator = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+", verbose_name=_("评估人"))
    evaluator_name = models.CharField(_("评估人姓名"), max_length=100)
    scores = models.JSONField(_("各项得分"), default=dict, blank=True)
    notes = models.JSONField(_("评估记录"), default=dict, blank=True)
    findings = models.TextField(_("发现的问题"), blank=True, max_length=4000)
    improvements = models.TextField(_("整改建议"), blank=True, max_length=4000)
    scored_at = models.DateTimeField(_("评分时间"))
    is_demo = models.BooleanField(_("演示数据"), default=False, editable=False)

    region_field = "drill__region"

    class Meta:
        ordering = ["drill", "scored_at", "id"]
        verbose_name = _("评估人评分")
        verbose_name_plural = _("评估人评分")
        constraints = [models.UniqueConstraint(fields=["drill", "evaluator"], name="drills_one_sheet_per_evaluator")]

    def __str__(self):
        return f"{self.drill.name} · {self.evaluator_name}"
