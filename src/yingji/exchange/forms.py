from django import forms
from django.utils.translation import gettext_lazy as _

from yingji.core.models import Organization, Region

from .choices import FeedKind, PartnerKind, ReadFeed, Scope, WebhookEvent


class PartnerForm(forms.Form):
    code = forms.SlugField(label=_("编码"), max_length=40, help_text=_("英文字母、数字、连字符，如 psb-110"))
    name = forms.CharField(label=_("名称"), max_length=100)
    kind = forms.ChoiceField(label=_("类型"), choices=PartnerKind.choices)
    organization = forms.ModelChoiceField(label=_("所属单位"), queryset=Organization.objects.all(), required=False)
    region = forms.ModelChoiceField(label=_("数据范围"), queryset=Region.objects.filter(level__lte=2))
    scopes = forms.MultipleChoiceField(label=_("允许的操作"), choices=Scope.choices, required=False,
                                       widget=forms.CheckboxSelectMultiple)
    rate_per_minute = forms.IntegerField(label=_("每分钟请求上限"), min_value=1, max_value=100000, initial=600)
    contact = forms.CharField(label=_("联系人及电话"), max_length=100, required=False)
    require_signature = forms.BooleanField(label=_("推送须签名"), required=False)


class KeyForm(forms.Form):
    label = forms.CharField(label=_("说明"), max_length=100, required=False)
    scopes = forms.MultipleChoiceField(label=_("权限范围（不选表示伙伴允许的全部操作）"), choices=Scope.choices,
                                       required=False, widget=forms.CheckboxSelectMultiple)
    expires_at = forms.DateTimeField(label=_("有效期至（可不填）"), required=False,
                                     widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))


class RotateForm(forms.Form):
    overlap_hours = forms.FloatField(label=_("旧密钥过渡期（小时）"), min_value=0, max_value=720, initial=24)


class SubscriptionForm(forms.Form):
    url = forms.URLField(label=_("接收地址"), max_length=500, assume_scheme="https")
    events = forms.MultipleChoiceField(label=_("订阅事件"), choices=WebhookEvent.choices,
                                       widget=forms.CheckboxSelectMultiple)


class FeedForm(forms.Form):
    name = forms.CharField(label=_("名称"), max_length=100)
    kind = forms.ChoiceField(label=_("格式"), choices=FeedKind.choices)
    url = forms.URLField(label=_("地址"), max_length=500, assume_scheme="https")
    mapping = forms.JSONField(label=_("字段映射（JSON/CSV）"), required=False,
                              help_text=_('如 {"device": "stcd", "time": "tm", "values": {"rain": "drp"}}'))
    every_seconds = forms.IntegerField(label=_("拉取间隔（秒）"), min_value=30, max_value=86400, initial=300)


class ReadFeedsForm(forms.Form):
    read_feeds = forms.MultipleChoiceField(label=_("可读取的数据"), choices=ReadFeed.choices, required=False,
                                           widget=forms.CheckboxSelectMultiple,
                                           help_text=_("不勾选任何一项表示该伙伴不能读取任何数据"))
