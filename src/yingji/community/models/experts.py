"""The training expert pool (应急管理培训专家库): who can teach or assess what, found by field, specialty and place.
The response experts on call for incidents are the resources app's 专家库; these are the lecturers and examiners of
the training system (one person may be in both)."""

import re

from django.db import models
from django.utils.translation import gettext_lazy as _

from yingji.core.models import RegistryModel

from ..choices import ExpertField
from .base import field_error
from .volunteers import PHONE


class TrainingExpert(RegistryModel):
    code_prefix = "PXZJ"
    field = models.CharField(_("专业领域"), max_length=16, choices=ExpertField.choices)
    specialties = models.CharField(_("专长"), max_length=300,
                                   help_text=_("以顿号或逗号分隔，如：堤防抢险、管涌处置"))
    title = models.CharField(_("职称/职务"), max_length=64, blank=True)
    organization = models.CharField(_("工作单位"), max_length=200)
    phone = models.CharField(_("联系电话"), max_length=20, blank=True)
    courses = models.CharField(_("可授课程"), max_length=300, blank=True)
    can_examine = models.BooleanField(_("可担任考评/演练评估"), default=False)

    class Meta(RegistryModel.Meta):
        verbose_name = _("培训专家")
        verbose_name_plural = _("培训专家库")

    def specialty_list(self) -> list[str]:
        return [s.strip() for s in re.split(r"[、,，;；]", self.specialties or "") if s.strip()]

    def clean(self):
        super().clean()
        if not self.specialty_list():
            raise field_error("specialties", "specialties_required", _("请至少填写一项专长"))
        if self.phone and not PHONE.match(self.phone.strip()):
            raise field_error("phone", "invalid_phone", _("请填写有效的电话号码"))
