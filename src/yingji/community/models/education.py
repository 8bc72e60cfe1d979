"""Public education activities (宣教, 五进)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from yingji.core.models import RegistryModel

from ..choices import Venue
from .base import field_error


class EducationActivity(RegistryModel):
    code_prefix = "XJ"
    venue = models.CharField(_("五进类别"), max_length=16, choices=Venue.choices)
    held_on = models.DateField(_("活动日期"))
    place = models.CharField(_("活动地点"), max_length=200)
    organizer = models.CharField(_("组织单位"), max_length=100, blank=True)
    audience = models.PositiveIntegerField(_("受众人数"), default=0)
    students = models.PositiveIntegerField(_("其中学生人数"), default=0)
    materials = models.PositiveIntegerField(_("发放资料（份）"), default=0)

    class Meta(RegistryModel.Meta):
        verbose_name = _("宣教活动")
        verbose_name_plural = _("宣教活动")

    def clean(self):
        super().clean()
        if self.students > self.audience:
            raise field_error("students", "students_exceed_audience", _("学生人数不能多于受众人数"))
