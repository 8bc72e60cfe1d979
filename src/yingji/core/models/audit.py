"""The audit log: append-only, keyed and hash-chained (执法留痕, 等保 2.0).

A request writes its entries without their chain link (seq, prev_hash and hash empty); the sealer
(core.audit.seal_pending) gives them a sequence number and an HMAC in commit order shortly after. Each
sealed entry's HMAC covers its own content, its sequence number and the previous entry's HMAC, keyed with
a key held outside the database (core.audit_keys), so nobody with only database access can edit, remove
or re-chain entries unnoticed. before/after are stored as canonical JSON text, not a JSON column, so the
database cannot re-order or re-format what was signed.
"""

import json

from django.db import models
from django.utils.translation import gettext_lazy as _

ZERO_HASH = "0" * 64


class AuditAction(models.TextChoices):
    CREATE = "create", _("新增")
    UPDATE = "update", _("修改")
    DELETE = "delete", _("删除")
    LOGIN = "login", _("登录")
    LOGIN_FAILED = "login_failed", _("登录失败")
    LOGOUT = "logout", _("退出")
    EXPORT = "export", _("导出")
    IMPORT = "import", _("导入")
    ARCHIVE = "archive", _("归档")


class AppendOnlyError(Exception):
    pass


class AuditEntry(models.Model):
    seq = models.PositiveBigIntegerField(_("序号"), unique=True, null=True, blank=True)  # null: not yet sealed
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
    key_id = models.CharField(_("密钥编号"), max_length=32, blank=True)
    prev_hash = models.CharField(max_length=64, null=True, blank=True)
    hash = models.CharField(max_length=64, null=True, blank=True)

    class Meta:
        ordering = ["-id"]  # the order entries were written in; unsealed ones come first
        verbose_name = _("审计日志")
        verbose_name_plural = _("审计日志")

    def __str__(self):
        return f"#{self.seq or '-'} {self.actor_name} {self.get_action_display()} {self.object_repr}"

    @property
    def sealed(self) -> bool:
        return self.seq is not None

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("audit entries cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("audit entries cannot be deleted")

    def fields(self) -> dict:
        """Everything the HMAC covers, as plain values (also the line written to an archive file)."""
        return {
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
            "key_id": self.key_id,
            "prev_hash": self.prev_hash,
        }

    def canonical(self) -> str:
        return canonical(self.fields())


def canonical(fields: dict) -> str:
    return json.dumps(fields, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


class AuditChainHead(models.Model):
    """The sealed chain's last sequence number and HMAC (locked by the sealer only), and its base: where the
    entries still in the database start after older ones were archived (0 and zeros: nothing archived)."""

    last_seq = models.PositiveBigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default=ZERO_HASH)
    base_seq = models.PositiveBigIntegerField(default=0)
    base_hash = models.CharField(max_length=64, default=ZERO_HASH)
