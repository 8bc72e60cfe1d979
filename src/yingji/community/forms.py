"""The public volunteer sign-up form (no login)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from yingji.core.models import Region
from yingji.incidents.forms import StyledForm

from .choices import Availability


def township_choices():
    return [("", _("—— 请选择 ——"))] + [(r.code, r.name) for r in Region.objects.townships().order_by("code")]


class SignUpForm(StyledForm):
    name = forms.CharField(label=_("姓名"), max_length=50)
    phone = forms.CharField(label=_("联系电话"), max_length=20)
    id_number = forms.CharField(label=_("身份证号（可选）"), max_length=18, required=False)
    township = forms.ChoiceField(label=_("所在乡镇（街道）"))
    skills = forms.CharField(label=_("技能"), max_length=200, required=False, help_text=_("如：急救、水上救援、驾驶"))
    availability = forms.ChoiceField(label=_("可服务时间"), choices=Availability.choices)
    is_minor = forms.BooleanField(label=_("未满十八周岁"), required=False)
    guardian_name = forms.CharField(label=_("监护人姓名"), max_length=50, required=False)
    guardian_consent = forms.BooleanField(label=_("监护人同意"), required=False)
    consent = forms.BooleanField(label=_("我已阅读并同意志愿服务协议，同意应急管理部门为志愿服务使用我的个人信息"),
                                 required=False)
    website = forms.CharField(required=False, label="website")  # honeypot

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["township"].choices = township_choices()
