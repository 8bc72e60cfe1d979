"""Outbound webhooks: the platform's events, signed, to the partners that subscribe (docs/exchange.md).

The outbox consumer `exchange.webhooks` turns each event a subscription wants into a WebhookDelivery row, in the
event's delivery transaction (durable: nothing is lost if a worker dies). The worker step `exchange.webhooks` posts
due deliveries with no transaction open (a lease keeps other workers off), retries failures with exponential
backoff and, after MAX_ATTEMPTS, leaves them on the dead-letter list, where a person can send them again."""

import json
import logging
from datetime import timedelta

import httpx
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from yingji.core.events import consumer

from . import signing
from .choices import DeliveryState, WebhookEvent
from .models import Subscription, WebhookDelivery

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 6
LEASE = timedelta(minutes=2)
TIMEOUT = 10.0
BATCH = 50
OUTBOX_KINDS = ("incident.reported", "incident.timeline", "warning.published", "response.*")


def backoff(attempts: int) -> timedelta:
    """30 s, 1 min, 2 min, 4 min, 8 min … at most an hour."""
    return timedelta(seconds=min(3600, 30 * 2 ** max(0, attempts - 1)))


def event_of(kind: str, payload: dict) -> str | None:
    """The webhook event an outbox event is, if any."""
    if kind == "incident.reported":
        return WebhookEvent.INCIDENT_OPENED
    if kind == "incident.timeline":
        return WebhookEvent.INCIDENT_GRADED if payload.get("kind") == "grade" else None
    if kind == "warning.published":
        return WebhookEvent.WARNING_CANCELLED if payload.get("msg_type") == "Cancel" else WebhookEvent.WARNING_PUBLISHED
    if kind in ("response.activate", "response.raise", "response.lower", "response.end"):
        return WebhookEvent.RESPONSE_LEVEL
    return None


def body_of(event_name: str, event) -> str:
    payload = {k: v for k, v in event.payload.items() if k in ("uuid", "title", "grade", "type", "identifier",
                                                              "msg_type", "level", "from", "to")}
    if event.kind.startswith("response."):
        payload.setdefault("change", event.kind.split(".", 1)[1])
    if event.kind.startswith("incident."):
        payload.update(_incident(payload.get("uuid")))
    if event.kind == "warning.published" and payload.get("identifier"):
        payload.update(_cap(payload["identifier"]))
    return json.dumps({"event": event_name, "id": str(event.uuid), "occurred_at": event.created.isoformat(),
                       "data": payload}, ensure_ascii=False, separators=(",", ":"))


def _incident(uuid) -> dict:
    """What a partner needs of an incident without calling back: its code, type, grade, place and time."""
    from yingji.incidents.models import Incident

    row = (Incident.objects.filter(uuid=uuid).values("code", "name", "type_code", "grade", "occurred_at", "lon", "lat",
                                                     "region__code", "region__name").first() if uuid else None)
    if row is None:
        return {}
    return {"code": row["code"], "name": row["name"], "type": row["type_code"], "grade": row["grade"],
            "occurred_at": row["occurred_at"].isoformat() if row["occurred_at"] else None, "lon": row["lon"],
            "lat": row["lat"], "region": {"code": row["region__code"], "name": row["region__name"]}}


def _cap(identifier: str) -> dict:
    """The signed CAP 1.2 document itself (as WMO's cap-composer pushes it), and where it is published."""
    from django.conf import settings

    from yingji.alerts.models import CapMessage

    xml = CapMessage.objects.filter(identifier=identifier).values_list("xml", flat=True).first()
    return {"cap_url": f"{settings.PUBLIC_URL}/cap/{identifier}.xml", **({"cap_xml": xml} if xml else {})}


def _of_an_exercise(event) -> bool:
    """Whether the event is about a drill's exercise incident (docs/drills.md): a partner such as 110 must never
    take a drill for a real emergency, so those events are not sent."""
    uuid = event.payload.get("uuid")
    if not uuid:
        return False
    if event.kind.startswith("incident."):
        from yingji.incidents.models import Incident

        return Incident.objects.filter(uuid=uuid, is_exercise=True).exists()
    if event.kind.startswith("response."):
        from yingji.plans.models import Response

        return Response.objects.filter(uuid=uuid, incident__is_exercise=True).exists()
    return False


@consumer("exchange.webhooks", kinds=OUTBOX_KINDS)
def fan_out(event) -> int:
    name = event_of(event.kind, event.payload)
    if name is None or _of_an_exercise(event):
        return 0
    subscriptions = [s for s in Subscription.objects.filter(enabled=True, partner__enabled=True)
                     .select_related("partner__region").defer("partner__region__geometry") if name in s.events
                     and (not event.region_path or event.region_path.startswith(s.partner.region.path)
                          or s.partner.region.path.startswith(event.region_path))]
    body, made = body_of(name, event), 0
    for subscription in subscriptions:
        try:
            with transaction.atomic():
                WebhookDelivery.objects.create(subscription=subscription, event=name, source_key=str(event.uuid),
                                               body=body)
            made += 1
        except IntegrityError:  # this event was fanned out to this subscription already
            pass
    return made


def deliver_due(now=None, limit: int = BATCH) -> int:
    """One batch of due deliveries; how many were tried."""
    real = now is None
    now = now or timezone.now()
    due = list(WebhookDelivery.objects.filter(state=DeliveryState.PENDING, next_attempt_at__lte=now)
               .order_by("next_attempt_at", "id").values_list("id", flat=True)[:limit])
    tried = 0
    for delivery_id in due:
        delivery = _claim(delivery_id, now)
        if delivery is None:
            continue
        _send(delivery, timezone.now() if real else now)
        tried += 1
    return tried


def _claim(delivery_id, now):
    with transaction.atomic():
        qs = WebhookDelivery.objects.select_related("subscription__partner").filter(
            pk=delivery_id, state=DeliveryState.PENDING, next_attempt_at__lte=now)
        if connection.features.has_select_for_update_skip_locked:
            qs = qs.select_for_update(skip_locked=True, of=("self",))
        delivery = qs.first()
        if delivery is None:
            return None
        delivery.attempts += 1
        delivery.next_attempt_at = now + LEASE
        delivery.save(update_fields=["attempts", "next_attempt_at"])
    return delivery


def _send(delivery: WebhookDelivery, now) -> None:
    body = delivery.body.encode("utf-8")
    headers = {"Content-Type": "application/json; charset=utf-8", "X-Yingji-Event": delivery.event,
               "X-Yingji-Delivery": str(delivery.uuid),
               **signing.headers(delivery.subscription.partner.signing_secret, body, now.timestamp())}
    try:
        response = httpx.post(delivery.subscription.url, content=body, headers=headers, timeout=TIMEOUT)
        delivery.last_status = response.status_code
        ok = 200 <= response.status_code < 300
        delivery.last_error = "" if ok else response.text[:500]
    except httpx.HTTPError as exc:
        ok, delivery.last_status, delivery.last_error = False, None, f"{type(exc).__name__}: {exc}"[:500]
    if ok:
        delivery.state, delivery.delivered_at = DeliveryState.DELIVERED, now
    elif delivery.attempts >= MAX_ATTEMPTS:
        delivery.state = DeliveryState.DEAD
        log.warning("webhook %s to %s is dead: %s", delivery.uuid, delivery.subscription.url, delivery.last_error)
    else:
        delivery.next_attempt_at = now + backoff(delivery.attempts)
    delivery.save(update_fields=["state", "delivered_at", "next_attempt_at", "last_status", "last_error"])


def retry(*, actor, delivery: WebhookDelivery, now=None) -> WebhookDelivery:
    """Send a dead delivery again (same id and body; a new signature and timestamp)."""
    from django.utils.translation import gettext as _

    from yingji.core import audit
    from yingji.core.errors import DomainError, PermissionDeniedError
    from yingji.core.models import AuditAction

    if actor is not None and not actor.has_perm("exchange.change_partner"):
        raise PermissionDeniedError("permission_denied", _("您没有管理数据交换伙伴的权限"))
    with transaction.atomic():
        delivery = WebhookDelivery.objects.select_for_update().get(pk=delivery.pk)
        if delivery.state != DeliveryState.DEAD:
            raise DomainError("not_dead", _("只能重发投递失败的事件"), field="delivery")
        delivery.state, delivery.attempts = DeliveryState.PENDING, 0
        delivery.next_attempt_at = now or timezone.now()
        delivery.save(update_fields=["state", "attempts", "next_attempt_at"])
        audit.record(AuditAction.UPDATE, model_label="exchange.WebhookDelivery", object_id=delivery.uuid,
                     object_repr=f"{delivery.event} → {delivery.subscription.url}"[:200],
                     before={"state": DeliveryState.DEAD}, after={"state": DeliveryState.PENDING, "retry": True},
                     actor=actor)
    return delivery
