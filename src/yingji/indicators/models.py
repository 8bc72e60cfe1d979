"""Yearly values of the indicators whose data is outside the platform, entered with evidence and approved."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from yingji.core.scoping import EVERYWHERE, READ

from .catalogue import CATALOGUE


class ValueState(models.TextChoices):
    SUBMITTED = "submitted", _("已填报")
    APPROVED = "approved", _("审核通过")
    RETURNED = "returned", _("退回")


class IndicatorValue(models.Model):
    """One department's figure for one indicator and year; only an approved one counts (the latest approved).
    A past year is entered the same way (补录 of an entered indicator): who and when are on the record, the
    evidence is the source, and the audit log keeps every entry and decision."""

    audited = True

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    code = models.CharField(_("指标"), max_length=8,
                            choices=[(e.code, format_lazy("{} {}", e.code, e.name)) for e in CATALOGUE])
    year = models.PositiveSmallIntegerField(_("年度"))
    value = models.DecimalField(_("数值"), max_digits=16, decimal_places=4)
    note = models.TextField(_("说明"), blank=True)
    status = models.CharField(_("状态"), max_length=16, choices=ValueState.choices, default=ValueState.SUBMITTED)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("填报人"))
    entered_at = models.DateTimeField(_("填报时间"), auto_now_add=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+",
                                   verbose_name=_("审核人"))
    decided_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    reason = models.TextField(_("退回原因"), blank=True)

    jurisdiction_shared = {READ: EVERYWHERE}  # district-wide figures: whoever may view them sees them all

    class Meta:
        verbose_name = _("指标填报值")
        verbose_name_plural = _("指标填报值")
        ordering = ["code", "-year", "-entered_at"]
        permissions = [("approve_indicatorvalue", _("审核指标填报值"))]
        indexes = [models.Index(fields=["code", "year", "status"])]

    def __str__(self):
        return f"{self.code} · {self.year}"


class IndicatorSnapshot(models.Model):
    """A computed indicator's figure for one year and one region (the district or a township), recorded by the
    worker (snapshots.py) so that the trend and the township breakdown need no recomputing. The year's row is
    replaced at each run until the year ends; then it stays as the year's figure."""

    # Not `code`: that names a record (the jurisdiction walker reads `code` fields as identities).
    indicator = models.CharField(_("指标"), max_length=8)
    year = models.PositiveSmallIntegerField(_("年度"))
    region = models.ForeignKey("core.Region", models.CASCADE, related_name="+", verbose_name=_("区域"))
    value = models.FloatField(_("数值"), null=True, blank=True)
    of = models.FloatField(_("总数"), null=True, blank=True)
    status = models.CharField(_("状态"), max_length=16)
    computed_at = models.DateTimeField(_("计算时间"))
    # A past year's figure entered afterwards (补录, backfill.py): who, and where the figure comes from; the
    # worker's rows have neither. Each back-fill is written to the audit log with the figure before it.
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+",
                                   verbose_name=_("补录人"))
    source = models.CharField(_("数据来源"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("指标年度快照")
        verbose_name_plural = _("指标年度快照")
        ordering = ["indicator", "-year"]
        constraints = [models.UniqueConstraint(fields=["indicator", "year", "region"], name="indicator_snapshot_once")]

    def __str__(self):
        return f"{self.indicator} · {self.year} · {self.region_id}"


class EvaluationKind(models.TextChoices):
    ANNUAL = "annual", _("年度监测报告")
    MIDTERM = "midterm", _("中期评估报告")
    FINAL = "final", _("终期评估报告")


# The plan's 中期评估 looks at 2023, its 终期评估 at 2025 (the plan runs 2021–2025).
KIND_YEARS = {EvaluationKind.MIDTERM: 2023, EvaluationKind.FINAL: 2025}


class EvaluationState(models.TextChoices):
    DRAFTED = "drafted", _("起草中")
    SUBMITTED = "submitted", _("已提交审批")
    APPROVED = "approved", _("已批准")


class Evaluation(models.Model):
    """One version of an annual report or of the mid-term / final evaluation (evaluations.py): the figures as
    taken when the version was drafted (or taken again while it is a draft), and the sections the bureau writes.
    起草中 → 已提交审批 → 已批准 (the director role; 退回 sends it back to the draft). An approved version never
    changes; a new version starts from the latest one's text. Every version is kept."""

    audited = True

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("类别"), max_length=16, choices=EvaluationKind.choices)
    year = models.PositiveSmallIntegerField(_("评估年度"))
    version = models.PositiveSmallIntegerField(_("版本"))
    region = models.ForeignKey("core.Region", models.PROTECT, related_name="+", verbose_name=_("区域"))
    status = models.CharField(_("状态"), max_length=16, choices=EvaluationState.choices,
                              default=EvaluationState.DRAFTED)
    summary = models.TextField(_("总体评价"), blank=True, max_length=20000)
    achievements = models.TextField(_("主要成效"), blank=True, max_length=20000)
    problems = models.TextField(_("存在问题"), blank=True, max_length=20000)
    measures = models.TextField(_("下一步措施"), blank=True, max_length=20000)
    figures = models.JSONField(_("指标数据"), default=dict)
    figures_at = models.DateTimeField(_("取数时间"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+",
                                   verbose_name=_("起草人"))
    created_at = models.DateTimeField(_("起草时间"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+",
                                   verbose_name=_("审批人"))
    decided_at = models.DateTimeField(_("审批时间"), null=True, blank=True)
    reason = models.TextField(_("退回原因"), blank=True)

    audit_exclude = {"figures"}  # the figures are the platform's own, re-taken on demand; the text is audited

    class Meta:
        verbose_name = _("规划评估报告")
        verbose_name_plural = _("规划评估报告")
        ordering = ["-year", "kind", "-version"]
        permissions = [("approve_evaluation", _("审批规划评估报告"))]
        constraints = [models.UniqueConstraint(fields=["kind", "year", "version"], name="evaluation_version_once")]

    def __str__(self):
        return f"{self.year}{self.get_kind_display()} v{self.version}"


class IndicatorOwner(models.Model):
    """The responsible department (责任部门) of one indicator, assigned by the director role (departments.py): it
    enters the indicator's yearly values (and its 2020 baseline) and is ranked on them for 督查问效. The plan's
    text in the shared files names no department, so none is assigned until the bureau assigns one."""

    audited = True

    # Not `code`: that names a record (the jurisdiction walker reads `code` fields as identities).
    indicator = models.CharField(_("指标"), max_length=8, unique=True,
                                 choices=[(e.code, format_lazy("{} {}", e.code, e.name)) for e in CATALOGUE])
    department = models.ForeignKey("core.Organization", models.PROTECT, related_name="+",
                                   verbose_name=_("责任部门"))
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+",
                                    verbose_name=_("指定人"))
    assigned_at = models.DateTimeField(_("指定时间"), auto_now=True)

    jurisdiction_shared = {READ: EVERYWHERE}  # district-wide, like the values

    class Meta:
        verbose_name = _("指标责任部门")
        verbose_name_plural = _("指标责任部门")
        ordering = ["indicator"]

    def __str__(self):
        return f"{self.indicator} · {self.department_id}"
