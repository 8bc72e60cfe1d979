"""Queueing messages and delivering them: at-least-once, with backoff, fallback and a crash-safe lease.

A worker claims a due message by setting `claimed_until` (a lease) and commits before sending. If the
worker dies mid-send, the lease runs out and another worker sends it again with the same idempotency
key, so the far end can recognise the repeat. Nothing is sent inside a database transaction.
"""

import json
import logging
import os
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from yingji.core.errors import DomainError
from yingji.core.events import publish

from .adapters import ADAPTERS, SendError
from .models import ADDRESS_FIELD, Channel, Message, MessageStatus

log = logging.getLogger(__name__)
BATCH = 1000
COPY_BATCH = 20_000  # PostgreSQL streams rows with COPY: larger batches, fewer round trips
BACKOFF_BASE_SECONDS = 30
BACKOFF_MAX_SECONDS = 3600


@dataclass
class Recipient:
    name: str = ""
    contacts: dict = field(default_factory=dict)  # phone, email, device, username
    region_code: str = ""


def address_for(channel: Channel, contacts: dict) -> str:
    return str(contacts.get(ADDRESS_FIELD[channel.kind], "") or "")


def enqueue(*, channel: Channel, recipients, subject: str, body: str, key_prefix: str, source=None) -> int:
    """Write one pending message per recipient (skipping those already queued under the same key).

    Batched: safe for hundreds of thousands of recipients. Returns how many rows were written.
    """
    if not channel.enabled:
        raise DomainError("channel_disabled", _("通道“%(c)s”已停用") % {"c": channel.name}, field="channel")
    source_type = source._meta.label if source is not None else ""
    source_id = str(getattr(source, "uuid", getattr(source, "pk", ""))) if source is not None else ""
    written, batch = 0, []
    batch_size = COPY_BATCH if connection.vendor == "postgresql" else BATCH
    for recipient in recipients:
        address = address_for(channel, recipient.contacts)
        if not address:
            continue
        batch.append(
            Message(
                channel=channel,
                address=address,
                contacts=recipient.contacts,
                recipient_name=recipient.name,
                subject=subject,
                body=body,
                idempotency_key=f"{key_prefix}:{channel.code}:{address}",
                source_type=source_type,
                source_id=source_id,
                region_code=recipient.region_code,
            )
        )
        if len(batch) >= batch_size:
            written += _insert(batch)
            batch = []
    return written + _insert(batch)


def _insert(batch) -> int:
    if not batch:
        return 0
    if connection.vendor == "postgresql":
        return _copy_insert(batch)
    existing = set(
        Message.objects.filter(idempotency_key__in=[m.idempotency_key for m in batch]).values_list(
            "idempotency_key", flat=True
        )
    )
    fresh = [m for m in batch if m.idempotency_key not in existing]
    Message.objects.bulk_create(fresh, batch_size=BATCH, ignore_conflicts=True)
    return len(fresh)


# What a new row needs (the rest is NULL until it is sent); `created` is set here because COPY bypasses Django.
COPIED_COLUMNS = ("uuid", "channel_id", "address", "contacts", "recipient_name", "subject", "body", "idempotency_key",
                  "source_type", "source_id", "region_code", "status", "attempts", "last_error", "provider_id",
                  "ack_token", "created")


def _copy_insert(batch) -> int:
    """PostgreSQL: COPY the batch into a staging table, then one INSERT … ON CONFLICT DO NOTHING (idempotent by
    key). About 2.5 times the rows per second of a bulk INSERT on a large warning (bench/README.md)."""
    now, columns = timezone.now(), ", ".join(COPIED_COLUMNS)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"CREATE TEMP TABLE IF NOT EXISTS channels_message_stage ON COMMIT DROP AS "
                       f"SELECT {columns} FROM channels_message WITH NO DATA")
        with cursor.cursor.copy(f"COPY channels_message_stage ({columns}) FROM STDIN") as copy:
            for message in batch:
                message.created = now
                copy.write_row([json.dumps(message.contacts, ensure_ascii=False) if name == "contacts"
                                else getattr(message, name) for name in COPIED_COLUMNS])
        cursor.execute(f"INSERT INTO channels_message ({columns}) SELECT {columns} FROM channels_message_stage "
                       "ON CONFLICT DO NOTHING")
        written = cursor.rowcount
        cursor.execute("TRUNCATE channels_message_stage")
    return written


def due_messages(now):
    lease_over = Q(claimed_until__isnull=True) | Q(claimed_until__lt=now)
    due = Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    sending_abandoned = Q(status=MessageStatus.SENDING, claimed_until__lt=now)
    return Message.objects.filter((Q(status=MessageStatus.PENDING) & due & lease_over) | sending_abandoned)


def lease_seconds_default() -> int:
    """How long a claimed message stays with its worker before another may take it (YINGJI_CHANNEL_LEASE_SECONDS)."""
    return int(os.environ.get("YINGJI_CHANNEL_LEASE_SECONDS", "60"))


def claim(limit: int, now, lease_seconds: int | None = None) -> list[int]:
    lease_seconds = lease_seconds or lease_seconds_default()
    with transaction.atomic():
        queryset = due_messages(now).order_by("id")
        if connection.features.has_select_for_update_skip_locked:
            queryset = queryset.select_for_update(skip_locked=True)
        ids = list(queryset.values_list("id", flat=True)[:limit])
        Message.objects.filter(id__in=ids).update(
            status=MessageStatus.SENDING, claimed_until=now + timedelta(seconds=lease_seconds)
        )
    return ids


def deliver_pending(limit: int = 200, now=None) -> int:
    """Send one batch of due messages; returns how many were sent successfully."""
    now = now or timezone.now()
    sent = 0
    for message in Message.objects.select_related("channel").filter(id__in=claim(limit, now)).order_by("id"):
        sent += attempt(message, now)
    return sent


def attempt(message: Message, now) -> bool:
    channel = message.channel
    message.attempts += 1
    try:
        if not channel.enabled:
            raise SendError(_("通道已停用"))
        outcome = ADAPTERS[channel.kind](channel, expand_links(message))
    except (SendError, KeyError) as exc:
        _record_failure(message, f"{exc}" if isinstance(exc, SendError) else _("通道配置缺少 %(k)s") % {"k": exc}, now)
        return False
    message.status = MessageStatus.DELIVERED if outcome.delivered else MessageStatus.SENT
    message.sent_at = message.sent_at or timezone.now()
    message.delivered_at = message.sent_at if outcome.delivered else None
    message.provider_id, message.claimed_until, message.last_error = outcome.provider_id, None, ""
    message.save(
        update_fields=["status", "sent_at", "delivered_at", "provider_id", "claimed_until", "last_error", "attempts"]
    )
    return True


def ack_url(message: Message) -> str:
    return f"{settings.PUBLIC_URL}/ack/{message.ack_token}/"


def expand_links(message: Message) -> Message:
    """A body may hold "{ack_url}": each recipient gets their own confirmation link (not saved back)."""
    if "{ack_url}" in message.body:
        message.body = message.body.replace("{ack_url}", ack_url(message))
    return message


def _record_failure(message: Message, reason: str, now) -> None:
    channel = message.channel
    message.last_error, message.claimed_until = reason[:2000], None
    if message.attempts >= channel.max_attempts:
        message.status = MessageStatus.FAILED
        _fall_back(message)
    else:
        message.status = MessageStatus.PENDING
        delay = min(BACKOFF_BASE_SECONDS * 2 ** (message.attempts - 1), BACKOFF_MAX_SECONDS)
        message.next_attempt_at = now + timedelta(seconds=delay)
    message.save(update_fields=["status", "last_error", "claimed_until", "next_attempt_at", "attempts"])


def _fall_back(message: Message) -> None:
    fallback = message.channel.fallback
    if fallback is None or not fallback.enabled:
        return
    address = address_for(fallback, message.contacts)
    if not address:
        return
    Message.objects.get_or_create(
        idempotency_key=f"{message.idempotency_key}:fallback:{fallback.code}",
        defaults={
            "channel": fallback,
            "address": address,
            "contacts": message.contacts,
            "recipient_name": message.recipient_name,
            "subject": message.subject,
            "body": message.body,
            "source_type": message.source_type,
            "source_id": message.source_id,
            "region_code": message.region_code,
            "fallback_of": message,
        },
    )


def record_receipt(*, message_id: str, delivered: bool, reason: str = "") -> Message:
    """A gateway's delivery report (by our message id or the provider's id)."""
    message = Message.objects.filter(Q(provider_id=message_id) | Q(uuid=_uuid_or_none(message_id))).first()
    if message is None:
        raise DomainError("unknown_message", _("消息不存在"), field="id")
    if delivered and message.status in {MessageStatus.SENT, MessageStatus.SENDING, MessageStatus.PENDING}:
        message.status, message.delivered_at = MessageStatus.DELIVERED, timezone.now()
    elif not delivered:
        message.status, message.last_error = MessageStatus.FAILED, reason or _("网关报告未送达")
        _fall_back(message)
    message.save(update_fields=["status", "delivered_at", "last_error"])
    return message


def acknowledge(token: str, now=None) -> Message:
    message = Message.objects.filter(ack_token=token).first()
    if message is None:
        raise DomainError("unknown_message", _("确认链接无效或已过期"), field="token")
    if message.acknowledged_at is None:
        with transaction.atomic():
            message.status, message.acknowledged_at = MessageStatus.ACKNOWLEDGED, now or timezone.now()
            message.save(update_fields=["status", "acknowledged_at"])
            # Apps that asked for the receipt (warnings, duty escalation) stop their chains on this event.
            publish("message.acknowledged", {"uuid": str(message.uuid), "source_type": message.source_type,
                                             "source_id": message.source_id, "title": message.subject},
                    aggregate=message, key=f"message.acknowledged:{message.uuid}")
    return message


def _uuid_or_none(value: str):
    import uuid

    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None
