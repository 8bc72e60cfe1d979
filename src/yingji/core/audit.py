"""Recording the audit trail for every create, update and delete of audited models, and sealing it.

Models opt in with `audited = True` (RegistryModel does). Signals cover the UI, API, admin, imports and
the service layer alike; bulk queryset updates bypass signals, so services must not use them on
audited models. A request only inserts its entries; the sealer (a worker step, `yingji audit seal`) chains
them after commit, so audited writes never wait on each other. Verifying: core.audit_verify.
"""

import json
from datetime import UTC, date, datetime
from decimal import Decimal

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from django.utils import timezone

from .audit_keys import current_key_id, keyring, sign
from .context import current
from .models.audit import AuditAction, AuditChainHead, AuditEntry

SEAL_BATCH = 500


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
    """Write one entry in the caller's transaction, without its chain link: no lock is taken here. The sealer
    (seal_pending) links it into the chain shortly after the transaction commits."""
    ctx = current()
    actor = actor or ctx.actor
    return AuditEntry.objects.create(
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
    )


def seal_pending(batch_size: int = SEAL_BATCH) -> int:
    """Link every committed unsealed entry into the chain, oldest first: its sequence number, the previous
    entry's HMAC and its own HMAC under the current key. Each batch is one short transaction holding the
    chain head's row lock (on SQLite, the writer lock), so two sealers never give out a number twice and
    entries are chained in the order their transactions committed. Returns how many were sealed."""
    sealed = 0
    if not AuditEntry.objects.filter(seq__isnull=True).exists():
        return 0  # the usual case for a worker round: no write lock taken
    while True:
        count = _seal_batch(batch_size)
        sealed += count
        if count < batch_size:
            return sealed


def _seal_batch(batch_size: int) -> int:
    keys = keyring()
    key_id = current_key_id(keys)
    with transaction.atomic():
        AuditChainHead.objects.get_or_create(pk=1)
        head = AuditChainHead.objects.select_for_update().get(pk=1)
        links = []
        for entry in AuditEntry.objects.filter(seq__isnull=True).order_by("id")[:batch_size]:
            entry.seq, entry.prev_hash, entry.key_id = head.last_seq + 1, head.last_hash, key_id
            entry.hash = sign(entry.canonical(), key_id, keys)
            head.last_seq, head.last_hash = entry.seq, entry.hash
            links.append((entry.seq, entry.prev_hash, entry.key_id, entry.hash, entry.pk))
        if links:
            _write_links(links)
            head.save(update_fields=["last_seq", "last_hash"])
    return len(links)


def _write_links(links: list[tuple]) -> None:
    table = connection.ops.quote_name(AuditEntry._meta.db_table)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {table} SET seq = %s, prev_hash = %s, key_id = %s, hash = %s WHERE id = %s AND seq IS NULL",
            links,
        )
        if cursor.rowcount != len(links):  # cannot happen while the head is locked; never seal twice
            raise RuntimeError(f"audit sealing: {cursor.rowcount} of {len(links)} entries updated")


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


__all__ = ["record", "seal_pending", "snapshot"]
