"""Training (培训): courses, classes, and each trainee's record with its validity."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from yingji.core.models import RegistryModel

from ..choices import TraineeKind
from .base import SHARED, add_months, expiry_flag, field_error
from .volunteers import OwnRecordsOfVolunteers


class Course(RegistryModel):
    code_prefix = "KC"
    jurisdiction_shared = SHARED
    topic = models.CharField(_("培训内容"), max_length=300, blank=True)
    hours = models.DecimalField(_("学时"), max_digits=5, decimal_places=1, default=8)
    validity_months = models.PositiveSmallIntegerField(_("培训有效期（月）"), default=24)

    class Meta(RegistryModel.Meta):
        verbose_name = _("培训课程")
        verbose_name_plural = _("培训课程")


class TrainingClass(RegistryModel):
    code_prefix = "PXB"
    jurisdiction_shared = SHARED
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="classes", verbose_name=_("课程"))
    starts_on = models.DateField(_("开班日期"))
    ends_on = models.DateField(_("结业日期"))
    place = models.CharField(_("培训地点"), max_length=200, blank=True)
    teacher = models.CharField(_("授课人"), max_length=100, blank=True)

    class Meta(RegistryModel.Meta):
        verbose_name = _("培训班")
        verbose_name_plural = _("培训班")

    def clean(self):
        super().clean()
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise field_error("ends_on", "ends_before_start", _("结业日期不能早于开班日期"))


class TrainingRecord(OwnRecordsOfVolunteers, RegistryModel):
    """A trainee of a class (name = the person): attendance, hours, and the record's validity (结业 + the course's
    validity, when attended)."""

    code_prefix = "PXJL"
    training_class = models.ForeignKey(TrainingClass, on_delete=models.PROTECT, related_name="records",
                                       verbose_name=_("培训班"))
    kind = models.CharField(_("学员类别"), max_length=16, choices=TraineeKind.choices)
    team_member = models.ForeignKey("resources.TeamMember", on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="training_records", verbose_name=_("队员"))
    volunteer = models.ForeignKey("community.Volunteer", on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="training_records", verbose_name=_("志愿者"))
    organization = models.CharField(_("单位"), max_length=200, blank=True)
    attended = models.BooleanField(_("出勤"), default=True)
    hours = models.DecimalField(_("实际学时"), max_digits=5, decimal_places=1, default=0)
    valid_until = models.DateField(_("培训有效期至"), null=True, blank=True, editable=False)

    class Meta(RegistryModel.Meta):
        verbose_name = _("培训记录")
        verbose_name_plural = _("培训记录")

    def clean(self):
        super().clean()
        if self.kind == TraineeKind.TEAM_MEMBER and not self.team_member_id:
            raise field_error("team_member", "team_member_required", _("救援队伍队员须选择队员"))
        if self.kind != TraineeKind.TEAM_MEMBER and self.team_member_id:
            raise field_error("team_member", "team_member_not_expected", _("只有救援队伍队员才关联队员"))
        if self.kind == TraineeKind.VOLUNTEER and not self.volunteer_id:
            raise field_error("volunteer", "volunteer_required", _("志愿者学员须选择志愿者"))
        if self.kind != TraineeKind.VOLUNTEER and self.volunteer_id:
            raise field_error("volunteer", "volunteer_not_expected", _("只有志愿者学员才关联志愿者"))
        if self.hours is not None and self.hours < 0:
            raise field_error("hours", "invalid_number", _("学时不能为负数"))

    def save(self, *args, **kwargs):
        klass = self.training_class
        self.valid_until = (add_months(klass.ends_on, klass.course.validity_months) if self.attended else None)
        super().save(*args, **kwargs)

    @property
    def flag(self) -> str:
        return expiry_flag(self.valid_until)
