"""Roll call (点名/抽查): the district desk calls township desks and departments; each must answer in time."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..choices import RollCallResult

USER = settings.AUTH_USER_MODEL


class RollCall(models.Model):
    audited = True

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    region = models.ForeignKey("core.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("发起区域"))
    message = models.CharField(_("点名内容"), max_length=200)
    sent_at = models.DateTimeField(_("发起时间"), db_index=True)
    window_minutes = models.PositiveSmallIntegerField(_("应答时限（分钟）"))
    deadline = models.DateTimeField(_("应答截止"), db_index=True)
    sent_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("发起人"))

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("点名")
        verbose_name_plural = _("点名")

    def __str__(self):
        return f"{self.message} {self.sent_at:%m-%d %H:%M}"


class RollCallTarget(models.Model):
    audited = True

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    roll_call = models.ForeignKey(RollCall, on_delete=models.CASCADE, related_name="targets", verbose_name=_("点名"))
    organization = models.ForeignKey("core.Organization", on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("被点名单位"))
    region = models.ForeignKey("core.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("所属区域"))
    result = models.CharField(_("结果"), max_length=16, choices=RollCallResult.choices,
                              default=RollCallResult.PENDING, db_index=True)
    acknowledged_at = models.DateTimeField(_("应答时间"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                                        verbose_name=_("应答人"))
    answered_via = models.CharField(_("应答方式"), max_length=32, blank=True)

    class Meta:
        ordering = ["roll_call", "organization__code"]
        verbose_name = _("点名对象")
        verbose_name_plural = _("点名对象")
        constraints = [models.UniqueConstraint(fields=["roll_call", "organization"], name="duty_rollcall_unit_once")]

    def __str__(self):
        return f"{self.roll_call} · {self.organization}"
