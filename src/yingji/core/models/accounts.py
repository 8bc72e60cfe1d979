"""Accounts: each user belongs to an organization and a jurisdiction (a region) and holds one role."""

import uuid
from datetime import timedelta

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..roles import ADMIN_ROLES, Role


class User(AbstractUser):
    audited = True
    audit_exclude = {"password", "last_login", "failed_logins"}

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    role = models.CharField(_("角色"), max_length=32, choices=Role.choices, default=Role.OBSERVER)
    organization = models.ForeignKey(
        "core.Organization",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
        verbose_name=_("所在机构"),
    )
    region = models.ForeignKey(
        "core.Region", null=True, blank=True, on_delete=models.PROTECT, related_name="users", verbose_name=_("管辖区域")
    )
    phone = models.CharField(_("手机"), max_length=20, blank=True)
    failed_logins = models.PositiveSmallIntegerField(_("连续登录失败次数"), default=0)
    locked_until = models.DateTimeField(_("锁定至"), null=True, blank=True)
    is_demo = models.BooleanField(_("演示数据"), default=False, editable=False)

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")
        permissions = [("assign_role", _("分配角色")), ("unlock_user", _("解锁账户"))]

    @property
    def display_name(self) -> str:
        return (self.last_name + self.first_name) or self.username

    def is_locked(self, now=None) -> bool:
        return bool(self.locked_until and self.locked_until > (now or timezone.now()))

    def record_login_attempt(self, *, success: bool, threshold: int, lock_minutes: int, now) -> None:
        if success:
            self.failed_logins, self.locked_until = 0, None
        else:
            self.failed_logins += 1
            if self.failed_logins >= threshold:
                self.locked_until = now + timedelta(minutes=lock_minutes)
        User.objects.filter(pk=self.pk).update(failed_logins=self.failed_logins, locked_until=self.locked_until)

    def save(self, *args, **kwargs):
        # Staff (admin access) follows the role; the admin still checks each model permission.
        self.is_staff = self.is_superuser or self.role in ADMIN_ROLES
        super().save(*args, **kwargs)
