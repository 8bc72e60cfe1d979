"""Accounts: each user belongs to an organization and a jurisdiction (a region) and holds one role.

Saving a user enforces who may change what (core.accounts_rules) for the acting user, and a new password
revokes the user's API tokens (sessions end by themselves: their hash follows the password) and is audited.
Login attempts are counted atomically, before the password is compared (docs/security.md, "Lockout").
"""

import uuid
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..roles import ADMIN_ROLES, Role


class User(AbstractUser):
    audited = True
    # The password and lock bookkeeping are audited by their own entries (a reset, a lock), not as field diffs.
    audit_exclude = {"password", "last_login", "failed_logins", "must_change_password"}

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
    must_change_password = models.BooleanField(
        _("须修改密码"), default=False, help_text=_("管理员设置或重置密码后置位；生产模式下首次登录须先修改密码")
    )
    is_demo = models.BooleanField(_("演示数据"), default=False, editable=False)

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")
        permissions = [
            ("assign_role", _("分配角色")),
            ("unlock_user", _("解锁账户")),
            ("manage_admin_user", _("管理三员账户")),
        ]

    @property
    def display_name(self) -> str:
        return (self.last_name + self.first_name) or self.username

    def is_locked(self, now=None) -> bool:
        return bool(self.locked_until and self.locked_until > (now or timezone.now()))

    # ---- lockout: every attempt is counted before its password is compared --------------------------------
    def begin_login_attempt(self, *, now) -> int | None:
        """Count one attempt (UPDATE … SET failed_logins = failed_logins + 1) unless the account is locked.
        Returns this attempt's number since the last success, or None when locked."""
        with transaction.atomic():
            counted = (
                User.objects.filter(pk=self.pk)
                .exclude(locked_until__gt=now)
                .update(failed_logins=F("failed_logins") + 1)
            )
            row = User.objects.filter(pk=self.pk).values("failed_logins", "locked_until").get()
        self.locked_until = row["locked_until"]
        return row["failed_logins"] if counted else None

    def end_login_attempt(self, *, attempt: int, success: bool, threshold: int, now) -> bool:
        """Whether the attempt logs in. A failure at the threshold locks; a success clears the count unless
        attempts came in after it (they keep counting) or they have locked the account meanwhile."""
        if not success:
            if attempt >= threshold:
                self.lock(now=now)
            return False
        locked_until = User.objects.filter(pk=self.pk).values_list("locked_until", flat=True).get()
        if locked_until and locked_until > now:
            self.locked_until = locked_until
            return False
        User.objects.filter(pk=self.pk, failed_logins=attempt).update(failed_logins=0)
        return True

    def lock(self, *, now) -> None:
        """Lock for LOGIN_LOCKOUT_MINUTES; the count starts again after the lock. Audited once per lock."""
        from ..audit import record
        from .audit import AuditAction

        until = now + timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)
        unlocked = User.objects.filter(pk=self.pk).exclude(locked_until__gt=now)
        locked = unlocked.update(locked_until=until, failed_logins=0)
        if locked:
            record(AuditAction.UPDATE, model_label="core.User", object_id=self.pk, object_repr=self.username,
                   before={"locked_until": None}, after={"locked_until": until.isoformat(), "reason": "login_failures"})
        self.locked_until = User.objects.filter(pk=self.pk).values_list("locked_until", flat=True).get()

    # ---- changes: enforced for the acting user on every path ------------------------------------------------
    def save(self, *args, **kwargs):
        from .. import accounts_guard

        # Staff (admin access) follows the role; the admin still checks each model permission.
        self.is_staff = self.is_superuser or self.role in ADMIN_ROLES
        update_fields = kwargs.get("update_fields")
        # check_password() re-hashes a right password with a newer hasher this way; that is no new password.
        rehash = self._password is None and update_fields is not None and list(update_fields) == ["password"]
        if update_fields is not None and "password" in update_fields and not rehash:
            kwargs["update_fields"] = {*update_fields, "must_change_password"}
        with transaction.atomic():
            stored = accounts_guard.check_save(self, update_fields=update_fields)
            super().save(*args, **kwargs)
            if stored is not None and stored.password != self.password and not rehash:
                accounts_guard.after_password_set(self)

    def delete(self, *args, **kwargs):
        from .. import accounts_guard

        accounts_guard.check_delete(self)
        return super().delete(*args, **kwargs)
