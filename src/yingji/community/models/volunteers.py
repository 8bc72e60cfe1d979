"""Volunteers (志愿者): registered with consent (志愿服务条例), reviewed by the bureau, called out to incidents."""

import re
import uuid as uuids

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from yingji.core.models import RegistryModel

from ..choices import Availability, ReviewState
from ..choices import Response as Reply
from .base import expiry_flag, field_error

PHONE = re.compile(r"^1\d{10}$|^0\d{2,3}-?\d{7,8}$")
VOLUNTEER_ROLE = "volunteer"  # core.roles.Role.VOLUNTEER: a volunteer's own account


def is_volunteer_account(user) -> bool:
    return getattr(user, "role", None) == VOLUNTEER_ROLE and not getattr(user, "is_superuser", False)


class OwnRecordsOfVolunteers:
    """Read by core.scoping: a volunteer's account reaches only the records of its own volunteer."""

    volunteer_lookup = "volunteer__user_id"

    @classmethod
    def jurisdiction_narrowing(cls, user):
        return Q(**{cls.volunteer_lookup: user.pk}) if is_volunteer_account(user) else None
ID_NUMBER = re.compile(r"^\d{17}[\dXx]$")


class Volunteer(OwnRecordsOfVolunteers, RegistryModel):
    code_prefix = "ZYZ"
    volunteer_lookup = "user_id"
    phone = models.CharField(_("联系电话"), max_length=20)
    id_number = models.CharField(_("身份证号"), max_length=18, blank=True)
    skills = models.CharField(_("技能"), max_length=200, blank=True, help_text=_("如：急救、水上救援、驾驶"))
    availability = models.CharField(_("可服务时间"), max_length=16, choices=Availability.choices,
                                    default=Availability.WEEKENDS)
    consent = models.BooleanField(_("同意志愿服务协议及个人信息使用"), default=False)
    is_minor = models.BooleanField(_("未满十八周岁"), default=False)
    guardian_name = models.CharField(_("监护人姓名"), max_length=50, blank=True)
    guardian_consent = models.BooleanField(_("监护人同意"), default=False)
    insurance_expiry = models.DateField(_("保险到期日"), null=True, blank=True)
    review_state = models.CharField(_("审核状态"), max_length=16, choices=ReviewState.choices,
                                    default=ReviewState.PENDING, editable=False, db_index=True)
    review_reason = models.CharField(_("审核意见"), max_length=300, blank=True, editable=False)
    reviewed_at = models.DateTimeField(_("审核时间"), null=True, blank=True, editable=False)
    service_hours = models.DecimalField(_("服务时长（小时）"), max_digits=8, decimal_places=1, default=0,
                                        editable=False)
    account_username = models.CharField(_("志愿者账号"), max_length=150, blank=True,
                                        help_text=_("角色为“志愿者”的用户名；关联后本人可登录查看召集和培训"))
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                editable=False, related_name="volunteer_record", verbose_name=_("关联账号"))

    class Meta(RegistryModel.Meta):
        verbose_name = _("志愿者")
        verbose_name_plural = _("志愿者")
        permissions = [("review_volunteer", _("审核志愿者注册")),
                       ("see_volunteer_id", _("查看志愿者完整身份证号")),
                       ("serve_as_volunteer", _("以志愿者本人身份回复召集、查看本人培训"))]

    def clean(self):
        super().clean()
        if not self.consent:
            raise field_error("consent", "consent_required", _("须同意志愿服务协议及个人信息使用后方可注册"))
        if self.phone and not PHONE.match(self.phone.strip()):
            raise field_error("phone", "invalid_phone", _("请填写有效的电话号码"))
        if self.id_number and not ID_NUMBER.match(self.id_number.strip()):
            raise field_error("id_number", "invalid_id_number", _("身份证号应为 18 位"))
        if self.is_minor and not (self.guardian_consent and self.guardian_name.strip()):
            raise field_error("guardian_consent", "guardian_consent_required",
                              _("未成年人注册须填写监护人姓名并经监护人同意"))
        self.user = self._account()

    def _account(self):
        """The account named by `account_username`: an active account of role 志愿者, linked to no other volunteer."""
        from yingji.core.models import User

        username = (self.account_username or "").strip()
        self.account_username = username
        if not username:
            return None
        user = User.objects.filter(username=username, role=VOLUNTEER_ROLE, is_active=True).first()
        if user is None:
            raise ValidationError({"account_username": ValidationError(
                _("没有该志愿者账号（须为在用的、角色为“志愿者”的账号）"), code="unknown_volunteer_account")})
        if Volunteer.objects.filter(user=user).exclude(pk=self.pk).exists():
            raise ValidationError({"account_username": ValidationError(
                _("该账号已关联其他志愿者"), code="account_taken")})
        return user

    @property
    def insurance_flag(self) -> str:
        return expiry_flag(self.insurance_expiry)


class VolunteerCertificate(models.Model):
    region_field = "volunteer__region"
    volunteer = models.ForeignKey(Volunteer, on_delete=models.CASCADE, related_name="certificates",
                                  verbose_name=_("志愿者"))
    name = models.CharField(_("证书名称"), max_length=100)
    expiry = models.DateField(_("有效期至"), null=True, blank=True)

    class Meta:
        verbose_name = _("志愿者证书")
        verbose_name_plural = _("志愿者证书")
        ordering = ["expiry", "pk"]

    def __str__(self):
        return self.name

    @property
    def flag(self) -> str:
        return expiry_flag(self.expiry)


class CallOut(models.Model):
    """A call-out (召集) of volunteers to an incident."""

    region_field = "incident__region"
    uuid = models.UUIDField(default=uuids.uuid4, unique=True, editable=False)
    incident = models.ForeignKey("incidents.Incident", on_delete=models.CASCADE, related_name="volunteer_callouts",
                                 verbose_name=_("事件"))
    task = models.CharField(_("任务"), max_length=200)
    place = models.CharField(_("集合地点"), max_length=200, blank=True)
    created = models.DateTimeField(_("召集时间"), auto_now_add=True)
    created_by = models.ForeignKey("core.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                   verbose_name=_("召集人"))

    class Meta:
        verbose_name = _("志愿者召集")
        verbose_name_plural = _("志愿者召集")
        ordering = ["-created", "pk"]

    def __str__(self):
        return self.task


class CallOutEntry(OwnRecordsOfVolunteers, models.Model):
    """One volunteer on a call-out: the reply, the check-in and check-out, the hours credited."""

    region_field = "callout__incident__region"
    callout = models.ForeignKey(CallOut, on_delete=models.CASCADE, related_name="entries", verbose_name=_("召集"))
    volunteer = models.ForeignKey(Volunteer, on_delete=models.PROTECT, related_name="callouts",
                                  verbose_name=_("志愿者"))
    response = models.CharField(_("回复"), max_length=16, choices=Reply.choices, default=Reply.INVITED)
    responded_at = models.DateTimeField(_("回复时间"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("签到时间"), null=True, blank=True)
    checked_out_at = models.DateTimeField(_("签退时间"), null=True, blank=True)
    hours = models.DecimalField(_("计入时长（小时）"), max_digits=6, decimal_places=1, default=0)

    class Meta:
        verbose_name = _("召集名单")
        verbose_name_plural = _("召集名单")
        ordering = ["callout", "volunteer__code"]
        constraints = [models.UniqueConstraint(fields=["callout", "volunteer"], name="community_callout_once")]

    @property
    def on_site(self) -> bool:
        return self.checked_in_at is not None and self.checked_out_at is None
