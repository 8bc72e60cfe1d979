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
    # True for consumers that talk to the network (pushes to peers): they run with no transaction open, so a slow
    # peer never holds a database lock (on SQLite, every writer would wait for it).
    outside_transaction: bool = False

    def wants(self, kind: str) -> bool:
        return any(fnmatchcase(kind, pattern) for pattern in self.kinds)


CONSUMERS: dict[str, Consumer] = {}
MAX_ATTEMPTS = 8
LEASE = timedelta(minutes=5)  # how long a claimed outside-transaction delivery is kept from other workers


def consumer(name: str, kinds: tuple[str, ...] = ("*",), *, outside_transaction: bool = False):
    """Register a function as an outbox consumer: `@consumer("escalation", kinds=("incident.*",))`."""

    def register(func):
        CONSUMERS[name] = Consumer(name, kinds, func, outside_transaction)
        return func

    return register


def publish(kind: str, payload: dict | None = None, *, aggregate=None, region=None, key: str | None = None):
    """Write an event in the caller's transaction; consumers see it only if that transaction commits.

    `key` makes publishing idempotent: a second event with the same key is not written.
    """
    with transaction.atomic():
        if key and OutboxEvent.objects.filter(idempotency_key=key).exists():
            return OutboxEvent.objects.get(idempotency_key=key)
        event = _event(kind, payload, aggregate, region, key)
        event.save(force_insert=True)
        OutboxDelivery.objects.bulk_create(_deliveries([event]))
    return event


def _event(kind, payload, aggregate, region, key=None) -> OutboxEvent:
    return OutboxEvent(
        kind=kind,
        payload=payload or {},
        idempotency_key=key,
        aggregate=aggregate._meta.label if aggregate is not None else "",
        aggregate_id=str(getattr(aggregate, "uuid", getattr(aggregate, "pk", ""))) if aggregate is not None else "",
        region_path=getattr(region, "path", "") or "",
    )


def _deliveries(events) -> list[OutboxDelivery]:
    return [OutboxDelivery(event=event, consumer=c.name) for event in events for c in CONSUMERS.values()
            if c.wants(event.kind)]


def publish_many(events: list[tuple[str, dict]], *, aggregate=None, region=None) -> list[OutboxEvent]:
    """Several events about one record, written in the caller's transaction with two inserts (the events, then
    their deliveries) and no savepoint: a report's intake announces three. No idempotency keys here."""
    rows = [_event(kind, payload, aggregate, region) for kind, payload in events]
    with transaction.atomic(savepoint=False):
        OutboxEvent.objects.bulk_create(rows)
        OutboxDelivery.objects.bulk_create(_deliveries(rows))
    return rows


def dispatch_pending(limit: int = 200, now=None) -> int:
    """Hand pending deliveries to their consumers. Safe to run in several workers at once. (On SQLite the worker
    shares the one write lock with the web processes; writers queue for it in turn, core/sqlite_backend, so a worker
    draining a backlog does not keep reports waiting.)"""
    now = now or timezone.now()
    handled = 0
    for delivery_id, name in _claimable(limit, now):
        consumer_ = CONSUMERS.get(name)
        outside = consumer_ is not None and consumer_.outside_transaction
        handled += (_handle_outside if outside else _handle_inside)(delivery_id, consumer_, now)
    return handled


def _handle_inside(delivery_id, consumer_, now) -> int:
    """The consumer's writes and the delivery's outcome commit together."""
    with transaction.atomic():
        delivery = _claim(delivery_id)
        if delivery is None:
            return 0
        done = _run(delivery, consumer_, now, atomic=True)
        delivery.save()
    return done


def _handle_outside(delivery_id, consumer_, now) -> int:
    """Claimed with a lease in one short transaction, run with none open, the outcome saved in another. A worker
    that dies while running leaves the lease to expire and the delivery is tried again (at least once, as before:
    such consumers send with an idempotency key)."""
    with transaction.atomic():
        delivery = _claim(delivery_id)
        if delivery is None:
            return 0
        delivery.next_attempt_at = now + LEASE
        delivery.save(update_fields=["attempts", "next_attempt_at"])
    done = _run(delivery, consumer_, now, atomic=False)
    delivery.save()
    return done


def _claim(delivery_id):
    delivery = _lock(delivery_id)
    if delivery is None or delivery.status != DeliveryStatus.PENDING:
        return None
    delivery.attempts += 1
    return delivery


def _run(delivery, consumer_, now, *, atomic: bool) -> int:
    try:
        if consumer_ is None:
            raise LookupError(f"no consumer named {delivery.consumer}")
        if atomic:
            with transaction.atomic():
                consumer_.handle(delivery.event)
        else:
            consumer_.handle(delivery.event)
        delivery.status, delivery.done_at, delivery.last_error = DeliveryStatus.DONE, now, ""
        return 1
    except Exception as exc:  # a consumer failure must not stop the others
        log.exception("outbox consumer %s failed", delivery.consumer)
        delivery.last_error = f"{type(exc).__name__}: {exc}"[:2000]
        if delivery.attempts >= MAX_ATTEMPTS:
            delivery.status = DeliveryStatus.FAILED
        delivery.next_attempt_at = now + timedelta(seconds=2**delivery.attempts)
        return 0


def _claimable(limit, now) -> list[tuple[int, str]]:
    pending = OutboxDelivery.objects.filter(status=DeliveryStatus.PENDING)
    due = pending.filter(next_attempt_at__isnull=True) | pending.filter(next_attempt_at__lte=now)
    return list(due.order_by("id").values_list("id", "consumer")[:limit])


def _lock(delivery_id):
    qs = OutboxDelivery.objects.select_related("event").filter(pk=delivery_id)
    if connection.features.has_select_for_update_skip_locked:
        qs = qs.select_for_update(skip_locked=True, of=("self",))
    return qs.first()
