"""The audit log: append-only and hash-chained (执法留痕, 等保 2.0).

Each entry's hash covers its own content and the previous entry's hash. `yingji audit verify`
recomputes the chain, so any row altered or removed by raw SQL is found. before/after are stored as
canonical JSON text, not a JSON column, so the database cannot re-order or re-format what was hashed.
"""

import hashlib
import json

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    CREATE = "create", _("新增")
    UPDATE = "update", _("修改")
    DELETE = "delete", _("删除")
    LOGIN = "login", _("登录")
    LOGIN_FAILED = "login_failed", _("登录失败")
    LOGOUT = "logout", _("退出")
    EXPORT = "export", _("导出")
    IMPORT = "import", _("导入")


class AppendOnlyError(Exception):
    pass


class AuditEntry(models.Model):
    seq = models.PositiveBigIntegerField(_("序号"), unique=True)
    at = models.DateTimeField(_("时间"), db_index=True)
    actor_id = models.BigIntegerField(_("操作人ID"), null=True, blank=True)
    actor_name = models.CharField(_("操作人"), max_length=150, blank=True, db_index=True)
    action = models.CharField(_("操作"), max_length=16, choices=AuditAction.choices, db_index=True)
    model = models.CharField(_("对象类型"), max_length=100, db_index=True)
    object_id = models.CharField(_("对象ID"), max_length=64, blank=True, db_index=True)
    object_repr = models.CharField(_("对象"), max_length=200, blank=True)
    before = models.TextField(_("修改前"), blank=True)
    after = models.TextField(_("修改后"), blank=True)
    request_id = models.CharField(_("请求ID"), max_length=64, blank=True, db_index=True)
    source = models.CharField(_("来源"), max_length=16, blank=True)
    ip = models.CharField(_("IP地址"), max_length=64, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["-seq"]
        verbose_name = _("审计日志")
        verbose_name_plural = _("审计日志")

    def __str__(self):
        return f"#{self.seq} {self.actor_name} {self.get_action_display()} {self.object_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("audit entries cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("audit entries cannot be deleted")

    def canonical(self) -> str:
        fields = {
            "seq": self.seq,
            "at": self.at.isoformat(timespec="microseconds"),
            "actor_id": self.actor_id,
            "actor_name": self.actor_name,
            "action": self.action,
            "model": self.model,
            "object_id": self.object_id,
            "object_repr": self.object_repr,
            "before": self.before,
            "after": self.after,
            "request_id": self.request_id,
            "source": self.source,
            "ip": self.ip,
            "prev_hash": self.prev_hash,
        }
        return json.dumps(fields, ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    def compute_hash(self) -> str:
        return hashlib.sha256(self.canonical().encode()).hexdigest()


class AuditChainHead(models.Model):
    """One row holding the last sequence number and hash; locking it serializes appends."""

    last_seq = models.PositiveBigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default="0" * 64)
