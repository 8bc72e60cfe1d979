"""Plans (预案) and their structured, versioned content."""

import datetime as dt
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from yingji.core.models import RegistryModel
from yingji.core.scoping import FROM_ABOVE, PICK
from yingji.standards import add_working_days, get_config

from ..choices import DRILL_MONTHS, EVALUATION_YEARS, FILING_WORKING_DAYS, FilingStatus, PlanType, VersionStatus


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


class Plan(RegistryModel):
    """One plan in the registry. Dates of 备案, evaluation and drills are computed from the rules in choices."""

    code_prefix = "YA"
    # A township drills the district's plans too (drills.Drill.plan): it may pick them, not read or change them.
    jurisdiction_shared = {PICK: FROM_ABOVE}

    plan_type = models.CharField(_("预案类型"), max_length=32, choices=PlanType.choices)
    organization = models.ForeignKey("core.Organization", on_delete=models.PROTECT, related_name="plans",
                                     verbose_name=_("编制单位"))
    issued_on = models.DateField(_("印发日期"))
    effective_on = models.DateField(_("施行日期"), null=True, blank=True)
    filing_status = models.CharField(_("备案状态"), max_length=16, choices=FilingStatus.choices,
                                     default=FilingStatus.PENDING)
    filed_on = models.DateField(_("备案日期"), null=True, blank=True)
    filing_deadline = models.DateField(_("备案期限"), null=True, blank=True, editable=False)
    last_evaluated_on = models.DateField(_("上次评估日期"), null=True, blank=True)
    evaluation_due = models.DateField(_("下次评估到期"), null=True, blank=True, editable=False)
    last_drill_on = models.DateField(_("上次演练日期"), null=True, blank=True)
    next_drill_due = models.DateField(_("下次演练到期"), null=True, blank=True, editable=False)
    document = models.FileField(_("预案原文"), upload_to="plans/documents/%Y/", null=True, blank=True, editable=False)

    class Meta(RegistryModel.Meta):
        verbose_name = _("应急预案")
        verbose_name_plural = _("应急预案")

    def clean(self):
        super().clean()
        if self.filing_status == FilingStatus.FILED and not self.filed_on:
            message = _("已备案的预案须填写备案日期")
            raise ValidationError({"filed_on": ValidationError(message, code="filed_on_required")})
        if self.issued_on and self.effective_on and self.effective_on < self.issued_on:
            message = _("施行日期不能早于印发日期")
            raise ValidationError({"effective_on": ValidationError(message, code="effective_early")})
        self.compute_dates()

    def compute_dates(self):
        if not self.issued_on:
            return
        cfg = get_config()
        issued = dt.datetime.combine(self.issued_on, dt.time(12), tzinfo=dt.UTC)
        self.filing_deadline = add_working_days(issued, FILING_WORKING_DAYS, cfg.holidays,
                                                cfg.makeup_workdays).date()
        self.evaluation_due = _add_months(self.last_evaluated_on or self.issued_on, EVALUATION_YEARS * 12)
        months = DRILL_MONTHS.get(self.plan_type)
        self.next_drill_due = _add_months(self.last_drill_on or self.issued_on, months) if months else None

    def filing_overdue(self, today: dt.date) -> bool:
        pending = self.filing_status == FilingStatus.PENDING
        return pending and bool(self.filing_deadline) and today > self.filing_deadline

    def current_version(self):
        return self.versions.filter(status=VersionStatus.PUBLISHED).order_by("-number").first()


class PublishedVersionError(Exception):
    pass


class PlanVersion(models.Model):
    """Structured content (see plans/content.py). A published version never changes: editing makes a draft."""

    audited = True
    region_field = "plan__region"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="versions", verbose_name=_("预案"))
    number = models.PositiveIntegerField(_("版本号"))
    status = models.CharField(_("状态"), max_length=16, choices=VersionStatus.choices, default=VersionStatus.DRAFT)
    note = models.CharField(_("修订说明"), max_length=300, blank=True)
    content = models.JSONField(_("结构化内容"), default=dict)
    created = models.DateTimeField(_("创建时间"), auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("创建人"))
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+", verbose_name=_("发布人"))

    class Meta:
        ordering = ["plan", "-number"]
        verbose_name = _("预案版本")
        verbose_name_plural = _("预案版本")
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="one_number_per_plan")]

    def __str__(self):
        return f"{self.plan.name} 第{self.number}版"

    @property
    def region(self):
        return self.plan.region

    def save(self, *args, **kwargs):
        if self.pk is not None:
            stored = PlanVersion.objects.filter(pk=self.pk).values("status", "content").first()
            if stored and stored["status"] != VersionStatus.DRAFT and stored["content"] != self.content:
                raise PublishedVersionError("a published plan version is immutable")
        super().save(*args, **kwargs)
