"""Sending a published warning: one durable Message per recipient×channel (yingji.channels), progress,
the coverage report, and escalation of officials who have not confirmed receipt."""

import math
from collections import defaultdict
from datetime import timedelta

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from yingji.channels.models import Channel, Message, MessageStatus
from yingji.channels.services import Group, Recipient, enqueue, enqueue_all
from yingji.core.events import publish
from yingji.core.models import OutboxEvent, Person, Region
from yingji.core.scoping import scope_by_code

from . import config
from .models import Warning
from .targeting import recipients_by_channel, target_of

REACHED = (MessageStatus.SENT, MessageStatus.DELIVERED, MessageStatus.ACKNOWLEDGED)
SOURCE = "alerts.Warning"
REACH_TARGET = 0.98  # the plan's target: more than 98 % of the public receive warnings


def text_of(warning: Warning, official: bool = False) -> str:
    body = f"【{config.sender_name()}】{warning.headline}。{warning.description}"
    if warning.instructions:
        body += f"\n防御指南：{warning.instructions}"
    if official:
        body += "\n请点击确认收到：{ack_url}"
    return body


def fan_out(warning: Warning) -> int:
    """Queue the warning for everyone in its area on their channel, in one statement (subscribers never pass
    through Python). Idempotent: run twice, queue once; the re-run skips what is written with one anti-join.
    A warning about a drill's exercise incident reaches nobody, however it got published (docs/drills.md)."""
    from .workflows import for_exercise

    if for_exercise(warning):
        return 0
    channels = {c.code: c for c in Channel.objects.filter(enabled=True)}
    groups = [Group(channels[code], recipients, warning.headline, text_of(warning, code == config.ROUTES["official"]))
              for code, recipients in recipients_by_channel(warning, target_of(warning)) if code in channels]
    written = enqueue_all(groups, key_prefix=f"warning:{warning.cap.identifier}", source=warning)
    request_receipts(warning)
    return written


def request_receipts(warning: Warning) -> int:
    """One `warning.receipt_requested` event per message that asks for confirmation (officials), for the duty
    desk's escalation chains; `message.acknowledged` (channels) stops them. Idempotent by key."""
    # Unconfirmed ones only (a confirmed one asked already): the small partial index of messages awaiting a receipt.
    asking = messages_of(warning).filter(contacts__ack=True, acknowledged_at__isnull=True,
                                         fallback_of__isnull=True).order_by("id")
    rows = list(asking.values_list("uuid", "recipient_name"))
    asked = set(OutboxEvent.objects.filter(idempotency_key__in=[f"warning.receipt_requested:{u}" for u, _n in rows])
                .values_list("idempotency_key", flat=True))  # a re-run of the fan-out asks nobody twice
    published = 0
    for uuid, name in rows:
        if f"warning.receipt_requested:{uuid}" in asked:
            continue
        title = _("预警接收未确认：%(h)s · %(n)s") % {"h": warning.headline, "n": name}
        publish("warning.receipt_requested", {"uuid": str(uuid), "title": title, "warning": str(warning.uuid)},
                aggregate=warning, region=warning.region, key=f"warning.receipt_requested:{uuid}")
        published += 1
    return published


def messages_of(warning: Warning):
    return Message.objects.filter(source_type=SOURCE, source_id=str(warning.uuid))


def _reached_originals(messages):
    """Originals that reached someone, directly or through their fallback."""
    direct = Q(status__in=REACHED)
    via_fallback = Q(fallbacks__status__in=REACHED)
    return messages.filter(fallback_of__isnull=True).filter(direct | via_fallback).distinct()


def progress(warning: Warning, user=None) -> dict:
    """Delivery figures of the messages to recipients in the viewer's jurisdiction (core.scoping)."""
    messages = scope_by_code(messages_of(warning), user)
    originals = messages.filter(fallback_of__isnull=True)
    total = originals.count()
    reached = _reached_originals(messages).count()
    counts = dict(messages.values_list("status").annotate(n=Count("id")))
    return {"total": total, "reached": reached, "percent": round(100 * reached / total, 1) if total else 0.0,
            "statuses": {str(label): counts.get(value, 0) for value, label in MessageStatus.choices},
            "done": total > 0 and counts.get(MessageStatus.PENDING, 0) + counts.get(MessageStatus.SENDING, 0) == 0}


def coverage(warning: Warning, user=None) -> dict:
    """Reached / targeted per township and channel, failures with reasons, time to 95 % delivered: of the
    recipients in the viewer's jurisdiction (`user`, else whoever is acting; core.scoping)."""
    target = target_of(warning)
    codes = {code: target.township_of(pk) for pk, code in Region.objects.values_list("id", "code")}
    messages = scope_by_code(messages_of(warning), user).select_related("channel")
    reached_ids = set(_reached_originals(messages).values_list("id", flat=True))
    table = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for message_id, region_code, channel_name in messages.filter(fallback_of__isnull=True).values_list(
            "id", "region_code", "channel__name"):
        cell = table[codes.get(region_code, _("其他"))][channel_name]
        cell[0] += message_id in reached_ids
        cell[1] += 1
    failures = list(messages.filter(status=MessageStatus.FAILED).values("channel__name", "last_error")
                    .annotate(n=Count("id")).order_by("-n")[:20])
    return {"rows": {t: dict(c) for t, c in sorted(table.items())}, "failures": failures,
            "time_to_95": time_to_95(warning, messages, len(reached_ids))}


def time_to_95(warning, messages, reached: int):
    total = messages.filter(fallback_of__isnull=True).count()
    needed = math.ceil(0.95 * total)
    if not total or reached < needed or warning.published_at is None:
        return None
    times = sorted(t for t in messages.filter(status__in=REACHED).values_list("sent_at", flat=True) if t)
    if len(times) < needed:
        return None
    return times[needed - 1] - warning.published_at


def reach_rate(warnings=None, days: int = 30, now=None) -> dict:
    """The dashboard figure against the >98 % target: public subscribers reached / targeted, over the warnings
    published in the last `days` days (`warnings`: a queryset to start from, e.g. scoped to a user)."""
    now = now or timezone.now()
    warnings = (Warning.objects.all() if warnings is None else warnings).filter(
        published_at__gt=now - timedelta(days=days), published_at__lte=now).order_by("-published_at")
    warnings = list(warnings)
    counts = _public_counts_by_warning([str(w.uuid) for w in warnings])
    rows = [{"uuid": w.uuid, "headline": w.headline, "published_at": w.published_at, **counts[str(w.uuid)]}
            for w in warnings if counts.get(str(w.uuid), {}).get("total")]
    total, reached = sum(r["total"] for r in rows), sum(r["reached"] for r in rows)
    rate = reached / total if total else None
    for row in rows:
        row["percent"] = 100 * row["reached"] / row["total"]
    return {"total": total, "reached": reached, "rate": rate, "percent": None if rate is None else 100 * rate,
            "target": REACH_TARGET, "days": days, "below": rate is not None and rate < REACH_TARGET,
            "warnings": rows}


def _public_counts_by_warning(warning_uuids: list[str]) -> dict[str, dict]:
    """Targeted and reached public subscribers per warning, in one grouped query (the home page asks on every
    view). An original counts as reached when it or its fallback copy was sent."""
    originals = scope_by_code(Message.objects.filter(  # the viewer's recipients only (core.scoping)
        source_type=SOURCE, source_id__in=warning_uuids, contacts__public=True, fallback_of__isnull=True))
    reached = Q(status__in=REACHED) | Q(fallbacks__status__in=REACHED)
    grouped = originals.values("source_id").annotate(total=Count("id", distinct=True),
                                                     reached=Count("id", filter=reached, distinct=True))
    return {row["source_id"]: {"total": row["total"], "reached": row["reached"]} for row in grouped}


def escalate_unacknowledged(now=None) -> int:
    """Officials who have not confirmed within the configured time: their superior is told (once each)."""
    now = now or timezone.now()
    cutoff = now - timedelta(minutes=config.ack_escalation_minutes())
    channel = Channel.objects.filter(code=config.ROUTES["escalation"], enabled=True).first()
    if channel is None:
        return 0
    overdue = Message.objects.filter(source_type=SOURCE, contacts__ack=True, acknowledged_at__isnull=True,
                                     fallback_of__isnull=True, created__lte=cutoff,
                                     status__in=(MessageStatus.SENT, MessageStatus.DELIVERED, MessageStatus.FAILED),
                                     ).exclude(fallbacks__acknowledged_at__isnull=False)
    written = 0
    for message in overdue.iterator():
        superior = superior_of(message.contacts.get("person", ""))
        if superior is None:
            continue
        body = _("【预警未确认】%(n)s 尚未确认收到预警“%(s)s”，请督促落实。") % {
            "n": message.recipient_name, "s": message.subject}
        written += enqueue(channel=channel, recipients=[Recipient(name=superior.name, contacts={
            "phone": superior.mobile, "person": superior.code}, region_code=superior.region.code)],
            subject=message.subject, body=body, key_prefix=f"escalate:{message.idempotency_key}")
    return written


def superior_of(person_code: str):
    """The principal (主要负责人) of the person's organization, or of its parent when the person is one."""
    person = Person.objects.select_related("organization").filter(code=person_code).first()
    if person is None:
        return None
    organization = person.organization
    for org in (organization, organization.parent):
        if org is None:
            continue
        principal = org.people.filter(title="主要负责人").exclude(pk=person.pk).exclude(mobile="").first()
        if principal is not None:
            return principal
    return None
