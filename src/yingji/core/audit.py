"""Recording the audit trail for every create, update and delete of audited models.

Models opt in with `audited = True` (RegistryModel does). Signals cover the UI, API, admin, imports and
the service layer alike; bulk queryset updates bypass signals, so services must not use them on
audited models.
"""

import json
from datetime import UTC, date, datetime
from decimal import Decimal

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from django.utils import timezone

from .context import current
from .models.audit import AuditAction, AuditChainHead, AuditEntry


def _plain(value):
    if isinstance(value, datetime) and timezone.is_aware(value):
        # One instant, one text: a time read back from the database (UTC) and the same time from a form (+08:00)
        # must not look like a change.
        return value.astimezone(UTC).isoformat()
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict | list | str | int | float | bool) or value is None:
        return value
    return str(value)


def snapshot(instance) -> dict:
    excluded = getattr(instance, "audit_exclude", set())
    return {
        f.attname: _plain(getattr(instance, f.attname))
        for f in instance._meta.concrete_fields
        if f.attname not in excluded
    }


def _canonical(data) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) if data else ""


def record(action, *, model_label="", object_id="", object_repr="", before=None, after=None, actor=None):
    """Append one entry to the chain. Runs inside the caller's transaction."""
    ctx = current()
    actor = actor or ctx.actor
    with transaction.atomic():
        head, _ = AuditChainHead.objects.select_for_update().get_or_create(pk=1)
        entry = AuditEntry(
            seq=head.last_seq + 1,
            at=timezone.now(),
            actor_id=getattr(actor, "pk", None),
            actor_name=getattr(actor, "username", "") or ("system" if ctx.source in {"cli", "task"} else ""),
            action=action,
            model=model_label,
            object_id=str(object_id)[:64],
            object_repr=str(object_repr)[:200],
            before=_canonical(before),
            after=_canonical(after),
            request_id=ctx.request_id,
            source=ctx.source,
            ip=ctx.ip,
            prev_hash=head.last_hash,
        )
        entry.hash = entry.compute_hash()
        entry.save()
        head.last_seq, head.last_hash = entry.seq, entry.hash
        head.save(update_fields=["last_seq", "last_hash"])
    return entry


def _audited(sender) -> bool:
    return getattr(sender, "audited", False) and not sender._meta.abstract


@receiver(pre_save)
def _remember_before(sender, instance, raw=False, **kwargs):
    if raw or not _audited(sender) or instance.pk is None:
        return
    old = sender._base_manager.filter(pk=instance.pk).first()
    instance._audit_before = snapshot(old) if old is not None else None


@receiver(post_save)
def _record_save(sender, instance, created, raw=False, **kwargs):
    if raw or not _audited(sender):
        return
    after = snapshot(instance)
    before = None if created else getattr(instance, "_audit_before", None)
    if before is not None:
        changed = {k for k in after if before.get(k) != after[k] and k != "updated"}
        if not changed:
            return
        before = {k: before.get(k) for k in changed}
        after = {k: after[k] for k in changed}
    record(
        AuditAction.CREATE if created else AuditAction.UPDATE,
        model_label=sender._meta.label,
        object_id=instance.pk,
        object_repr=instance,
        before=before,
        after=after,
    )


@receiver(post_delete)
def _record_delete(sender, instance, **kwargs):
    if _audited(sender):
        record(
            AuditAction.DELETE,
            model_label=sender._meta.label,
            object_id=instance.pk,
            object_repr=instance,
            before=snapshot(instance),
        )


@receiver(user_logged_in)
def _record_login(sender, request, user, **kwargs):
    record(AuditAction.LOGIN, model_label="core.User", object_id=user.pk, object_repr=user.username, actor=user)


@receiver(user_logged_out)
def _record_logout(sender, request, user, **kwargs):
    if user is not None:
        record(AuditAction.LOGOUT, model_label="core.User", object_id=user.pk, object_repr=user.username, actor=user)


@receiver(user_login_failed)
def _record_login_failed(sender, credentials, request=None, **kwargs):
    record(AuditAction.LOGIN_FAILED, model_label="core.User", object_repr=credentials.get("username", "")[:150])


def verify_chain(batch_size: int = 2000):
    """Return (ok, first_bad_seq, reason, checked_count)."""
    expected_seq, prev_hash, count = 1, "0" * 64, 0
    for entry in AuditEntry.objects.order_by("seq").iterator(chunk_size=batch_size):
        if entry.seq != expected_seq:
            return False, expected_seq, f"缺失第 {expected_seq} 条记录（删除）", count
        if entry.prev_hash != prev_hash:
            return False, entry.seq, "前序哈希不一致（链被改动）", count
        if entry.compute_hash() != entry.hash:
            return False, entry.seq, "内容哈希不一致（记录被篡改）", count
        prev_hash, expected_seq, count = entry.hash, expected_seq + 1, count + 1
    head = AuditChainHead.objects.filter(pk=1).first()
    if head is not None and (head.last_seq != expected_seq - 1 or head.last_hash != prev_hash):
        return False, expected_seq, f"链尾缺失：应有 {head.last_seq} 条，实有 {expected_seq - 1} 条", count
    return True, None, "", count


__all__ = ["record", "snapshot", "verify_chain"]
