"""Publishing domain events into the outbox, and dispatching them to consumers after commit."""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from fnmatch import fnmatchcase

from django.db import connection, transaction
from django.utils import timezone

from .models.outbox import DeliveryStatus, OutboxDelivery, OutboxEvent

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Consumer:
    name: str
    kinds: tuple[str, ...]
    handle: Callable[[OutboxEvent], None]

    def wants(self, kind: str) -> bool:
        return any(fnmatchcase(kind, pattern) for pattern in self.kinds)


CONSUMERS: dict[str, Consumer] = {}
MAX_ATTEMPTS = 8


def consumer(name: str, kinds: tuple[str, ...] = ("*",)):
    """Register a function as an outbox consumer: `@consumer("escalation", kinds=("incident.*",))`."""

    def register(func):
        CONSUMERS[name] = Consumer(name, kinds, func)
        return func

    return register


def publish(kind: str, payload: dict | None = None, *, aggregate=None, region=None, key: str | None = None):
    """Write an event in the caller's transaction; consumers see it only if that transaction commits.

    `key` makes publishing idempotent: a second event with the same key is not written.
    """
    with transaction.atomic():
        if key and OutboxEvent.objects.filter(idempotency_key=key).exists():
            return OutboxEvent.objects.get(idempotency_key=key)
        event = OutboxEvent.objects.create(
            kind=kind,
            payload=payload or {},
            idempotency_key=key,
            aggregate=aggregate._meta.label if aggregate is not None else "",
            aggregate_id=str(getattr(aggregate, "uuid", getattr(aggregate, "pk", ""))) if aggregate is not None else "",
            region_path=getattr(region, "path", "") or "",
        )
        OutboxDelivery.objects.bulk_create(
            [OutboxDelivery(event=event, consumer=c.name) for c in CONSUMERS.values() if c.wants(kind)]
        )
    return event


def dispatch_pending(limit: int = 200, now=None) -> int:
    """Hand pending deliveries to their consumers. Safe to run in several workers at once."""
    now = now or timezone.now()
    handled = 0
    for delivery_id in _claimable_ids(limit, now):
        with transaction.atomic():
            delivery = _lock(delivery_id)
            if delivery is None or delivery.status != DeliveryStatus.PENDING:
                continue
            consumer_ = CONSUMERS.get(delivery.consumer)
            delivery.attempts += 1
            try:
                if consumer_ is None:
                    raise LookupError(f"no consumer named {delivery.consumer}")
                with transaction.atomic():
                    consumer_.handle(delivery.event)
                delivery.status, delivery.done_at, delivery.last_error = DeliveryStatus.DONE, now, ""
                handled += 1
            except Exception as exc:  # a consumer failure must not stop the others
                log.exception("outbox consumer %s failed", delivery.consumer)
                delivery.last_error = f"{type(exc).__name__}: {exc}"[:2000]
                if delivery.attempts >= MAX_ATTEMPTS:
                    delivery.status = DeliveryStatus.FAILED
                delivery.next_attempt_at = now + timedelta(seconds=2**delivery.attempts)
            delivery.save()
    return handled


def _claimable_ids(limit, now):
    pending = OutboxDelivery.objects.filter(status=DeliveryStatus.PENDING)
    due = pending.filter(next_attempt_at__isnull=True) | pending.filter(next_attempt_at__lte=now)
    return list(due.order_by("id").values_list("id", flat=True)[:limit])


def _lock(delivery_id):
    qs = OutboxDelivery.objects.select_related("event").filter(pk=delivery_id)
    if connection.features.has_select_for_update_skip_locked:
        qs = qs.select_for_update(skip_locked=True, of=("self",))
    return qs.first()
