"""Queueing messages and delivering them: at-least-once, with backoff, fallback and a crash-safe lease.

Queueing is set-based: a `RecipientQuery` becomes rows in one INSERT … SELECT inside the database, a list of
`Recipient`s is staged first (COPY on PostgreSQL); either way the keys already written are skipped by one
anti-join, so running a fan-out twice writes nothing twice.

A worker claims the due messages of one channel by setting `claimed_until` (a lease) and commits before
sending: a batch of recipients per request where the channel batches (`Channel.batch_size`), else one message
per request, over a pooled HTTP connection. Outcomes are recorded per message with a few set-based UPDATEs per
claim. If a worker dies mid-send, the lease runs out and another worker sends again with the same idempotency
keys, so the far end can recognise the repeat. Nothing is sent inside a database transaction.
"""

import itertools
import json
import logging
import os
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import timedelta
from functools import partial
from uuid import UUID

from django.conf import settings
from django.db import connection, transaction
from django.db.models import BigIntegerField, CharField, Expression, F, Func, JSONField, Q, QuerySet, Value
from django.db.models.functions import Cast, Coalesce, Concat, JSONObject
from django.utils import timezone
from django.utils.translation import gettext as _

from yingji.core.errors import DomainError
from yingji.core.events import publish

from .adapters import ADAPTERS, BATCH_ADAPTERS, Outcome, SendError
from .models import ADDRESS_FIELD, Channel, Message, MessageStatus, ack_token_for, uuid_of_ack_token

log = logging.getLogger(__name__)
STAGE_BATCH = 20_000  # rows per executemany when staging on SQLite
SINGLE_CLAIM = 50  # messages a worker takes at once on a channel that sends one per request
BACKOFF_BASE_SECONDS = 30
BACKOFF_MAX_SECONDS = 3600


@dataclass
class Recipient:
    name: str = ""
    contacts: dict = field(default_factory=dict)  # phone, email, device, username
    region_code: str = ""


@dataclass
class RecipientQuery:
    """Recipients the database lists itself, so a fan-out to a million people never passes through Python:
    `contacts` maps each contact (phone, email, device, username) to the field of `queryset` holding it,
    `name` and `region_code` name fields too (paths such as "region__code" allowed) or are expressions; `flags`
    are contacts every row gets (e.g. {"public": True})."""

    queryset: QuerySet
    contacts: dict[str, str]
    name: str | Expression = "name"
    region_code: str | Expression = "region__code"
    flags: dict = field(default_factory=dict)


def address_for(channel: Channel, contacts: dict) -> str:
    return str(contacts.get(ADDRESS_FIELD[channel.kind], "") or "")


# ---------------------------------------------------------------------------------------------------- queueing

# What a new row takes from its recipient (the rest is the same for every row, or empty until it is sent).
STAGED = ("channel_id", "address", "contacts", "recipient_name", "subject", "body", "idempotency_key", "source_type",
          "source_id", "region_code", "fallback_of_id")


@dataclass
class Group:
    """Recipients to reach on one channel with one text."""

    channel: Channel
    recipients: RecipientQuery | Iterable[Recipient]
    subject: str
    body: str


def enqueue(*, channel: Channel, recipients, subject: str, body: str, key_prefix: str, source=None) -> int:
    """Write one pending message per recipient (a `RecipientQuery`, or Recipient objects), keyed
    `<key_prefix>:<channel code>:<address>`. Returns how many rows were written (see enqueue_all)."""
    return enqueue_all([Group(channel, recipients, subject, body)], key_prefix=key_prefix, source=source)


def enqueue_all(groups: list[Group], *, key_prefix: str, source=None) -> int:
    """Write the messages of several groups in one INSERT … SELECT (a warning's fan-out: every channel at once).
    Recipients without an address on their channel, and keys already written, are skipped, so running it twice
    writes nothing twice. Returns how many rows were written."""
    for group in groups:
        if not group.channel.enabled:
            raise DomainError("channel_disabled", _("通道“%(c)s”已停用") % {"c": group.channel.name}, field="channel")
    source_type = source._meta.label if source is not None else ""
    source_id = str(getattr(source, "uuid", getattr(source, "pk", ""))) if source is not None else ""
    queries, listed = [], []
    for group in groups:
        prefix = f"{key_prefix}:{group.channel.code}:"
        if isinstance(group.recipients, RecipientQuery):
            if ADDRESS_FIELD[group.channel.kind] in group.recipients.contacts:  # else nobody has an address there
                queries.append(partial(_select, group, prefix, source_type, source_id))
        else:
            listed.append(_rows(group, prefix, source_type, source_id))
    # A source nothing was written for yet (a warning's first fan-out) needs no look at the keys already written.
    fresh = source is not None and not Message.objects.filter(source_type=source_type, source_id=source_id).exists()
    writing = {group.channel.pk for group in groups if isinstance(group.recipients, RecipientQuery)}
    return _insert(queries, itertools.chain(*listed), skip_written=not fresh, writing=writing)


def _rows(group: Group, prefix: str, source_type: str, source_id: str):
    """A list of recipients as STAGED rows."""
    for recipient in group.recipients:
        if address := address_for(group.channel, recipient.contacts):
            yield (group.channel.pk, address, recipient.contacts, recipient.name, group.subject, group.body,
                   prefix + address, source_type, source_id, recipient.region_code, None)


def _select(group: Group, prefix: str, source_type: str, source_id: str, columns=STAGED) -> tuple[str, list]:
    """The SQL listing a RecipientQuery's rows as these STAGED columns, in that order (only what they need is
    joined: the check for keys already written reads the address alone)."""
    query = group.recipients
    address = query.contacts[ADDRESS_FIELD[group.channel.kind]]
    constants = {"subject": group.subject, "body": group.body, "source_type": source_type, "source_id": source_id}
    expressions = {
        "channel_id": lambda: Value(group.channel.pk),
        "address": lambda: F(address),
        "contacts": lambda: JSONObject(**{name: F(path) for name, path in query.contacts.items()},
                                       **{name: _JsonConstant(value) for name, value in query.flags.items()}),
        "recipient_name": lambda: Coalesce(_expression(query.name), Value("")),
        "region_code": lambda: Coalesce(_expression(query.region_code), Value("")),
        "idempotency_key": lambda: Concat(Value(prefix), F(address), output_field=CharField()),
        "fallback_of_id": lambda: Cast(Value(None), BigIntegerField()),
        **{name: (lambda value=value: Value(value, output_field=CharField())) for name, value in constants.items()},
    }
    rows = (query.queryset.exclude(**{f"{address}__isnull": True}).exclude(**{address: ""})
            .annotate(**{f"m_{name}": expressions[name]() for name in columns})
            .values(*(f"m_{name}" for name in columns)).order_by())
    sql, params = rows.query.sql_with_params()
    return f"SELECT {', '.join(f'q.m_{name} AS {name}' for name in columns)} FROM ({sql}) q", list(params)


def _expression(value):
    return F(value) if isinstance(value, str) else value


def _staged(columns=STAGED) -> tuple[str, list]:
    return f"SELECT {', '.join(columns)} FROM channels_stage", []


class _JsonConstant(Func):
    """A JSON value written into a JSON object built in SQL (JSONObject), e.g. true."""

    output_field = JSONField()

    def __init__(self, value):
        super().__init__(Value(json.dumps(value)))

    def as_sql(self, compiler, connection, **extra):
        template = "(%(expressions)s)::jsonb" if connection.vendor == "postgresql" else "json(%(expressions)s)"
        return super().as_sql(compiler, connection, template=template, **extra)


NEW_UUID = {"postgresql": "gen_random_uuid()", "sqlite": "lower(hex(randomblob(16)))"}  # SQLite keeps 32 hex


WRITTEN = "EXISTS (SELECT 1 FROM channels_message m WHERE m.idempotency_key = s.idempotency_key)"


# Advisory lock class (PostgreSQL) held by a transaction that writes a recipient query's rows into a channel's queue,
# until it commits: a claim on that channel skips the new messages meanwhile, because its index scan would step over
# every row not yet committed (a million during a big fan-out), slowing the fan-out it waits for.
WRITING_QUEUE = 7301


def _insert(queries: list, listed, skip_written: bool = True, writing: set[int] = frozenset()) -> int:
    """One INSERT … SELECT of the rows of `queries` (each a function of the columns wanted, giving SQL and
    params) and of `listed` (rows built in Python, staged first in a temporary table: COPY on PostgreSQL).
    With `skip_written`, one narrow anti-join first finds whether any key is missing at all (a re-run finds
    none and writes nothing), then the insert leaves out the keys already written. ON CONFLICT only settles a
    race or an address listed twice."""
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":  # compiling these statements (JIT) would take longer than running them
            cursor.execute("SET LOCAL jit = off")
            for channel_id in sorted(writing):
                cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [WRITING_QUEUE, channel_id])
        if _stage(cursor, listed):
            queries = [*queries, _staged]
        if not queries:
            return 0
        if skip_written:
            sql, params = _union(queries, ("idempotency_key",))
            cursor.execute(f"SELECT count(*) FROM ({sql}) s WHERE NOT {WRITTEN}", params)
            if not cursor.fetchone()[0]:
                return 0
        sql, params = _union(queries, STAGED)
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        cursor.execute(
            f"INSERT INTO channels_message (uuid, {', '.join(STAGED)}, status, attempts, last_error, provider_id, "
            f"created) SELECT {NEW_UUID[connection.vendor]}, {', '.join(f's.{name}' for name in STAGED)}, %s, 0, "
            f"'', '', %s FROM ({sql}) s WHERE {f'NOT {WRITTEN}' if skip_written else 'TRUE'} "
            "ON CONFLICT (idempotency_key) DO NOTHING", [MessageStatus.PENDING, now, *params])
        return cursor.rowcount


def _union(queries: list, columns) -> tuple[str, list]:
    parts = [query(columns=columns) for query in queries]
    return " UNION ALL ".join(sql for sql, _params in parts), [param for _sql, params in parts for param in params]


def _stage(cursor, rows) -> int:
    """Load rows built in Python into the session's staging table; returns how many."""
    first = next(rows, None)
    if first is None:
        return 0
    rows = itertools.chain([first], rows)
    postgres = connection.vendor == "postgresql"
    cursor.execute(f"CREATE TEMP TABLE IF NOT EXISTS channels_stage (channel_id bigint, address text, contacts "
                   f"{'jsonb' if postgres else 'text'}, recipient_name text, subject text, body text, "
                   "idempotency_key text, source_type text, source_id text, region_code text, fallback_of_id bigint)")
    cursor.execute("DELETE FROM channels_stage")
    rows = ((*row[:2], json.dumps(row[2], ensure_ascii=False), *row[3:]) for row in rows)
    count = 0
    if postgres:
        with cursor.cursor.copy(f"COPY channels_stage ({', '.join(STAGED)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
                count += 1
        return count
    insert = f"INSERT INTO channels_stage ({', '.join(STAGED)}) VALUES ({', '.join(['%s'] * len(STAGED))})"
    while chunk := list(itertools.islice(rows, STAGE_BATCH)):
        cursor.executemany(insert, chunk)
        count += len(chunk)
    return count


# ---------------------------------------------------------------------------------------------------- sending

@dataclass(slots=True)
class Outgoing:
    """What sending needs of a claimed message: a light copy, not a model instance per recipient (`contacts` stays
    JSON text until a fallback needs it)."""

    id: int
    uuid: UUID
    address: str
    contacts: dict | str
    recipient_name: str
    subject: str
    body: str
    idempotency_key: str
    source_type: str
    source_id: str
    region_code: str
    attempts: int

    @property
    def ack_token(self) -> str:
        return ack_token_for(self.uuid)


OUTGOING = tuple(Outgoing.__dataclass_fields__)  # the columns a claim returns, in this order


def lease_seconds_default() -> int:
    """How long a claimed message stays with its worker before another may take it (YINGJI_CHANNEL_LEASE_SECONDS)."""
    return int(os.environ.get("YINGJI_CHANNEL_LEASE_SECONDS", "60"))


# Per channel, the highest id of a new message this process claimed, and when it last looked at the whole queue.
# Sent rows leave dead entries at the front of the due index until VACUUM (a million after a big warning), so a claim
# starts after that id; when too little is there (the end of the queue, or ids from before a restart), and at
# least once per lease, it looks from the beginning: rows whose lease ran out, rows committed late.
_FRONTIER: dict[int, tuple[int, float]] = {}


def claim(channel: Channel, limit: int, now, lease_seconds: int | None = None) -> list[Outgoing]:
    """Take up to `limit` due messages of the channel (new ones first, then retries whose time has come): one
    UPDATE … RETURNING per pass sets their lease, skipping rows another worker is locking (SKIP LOCKED on
    PostgreSQL)."""
    lease_seconds = lease_seconds or lease_seconds_default()
    lease = connection.ops.adapt_datetimefield_value(max(now, timezone.now()) + timedelta(seconds=lease_seconds))
    free = Q(claimed_until__isnull=True) | Q(claimed_until__lt=now)
    queued = Message.objects.filter(free, channel=channel, status=MessageStatus.PENDING).order_by("next_attempt_at",
                                                                                                   "id")
    if connection.features.has_select_for_update_skip_locked:
        queued = queued.select_for_update(skip_locked=True)
    after, looked = _FRONTIER.get(channel.pk, (0, 0.0))
    if time.monotonic() - looked > lease_seconds:
        after = 0
    new = Q(next_attempt_at__isnull=True)
    passes = [(new & Q(id__gt=after), "after")] if after else []  # then the whole queue of new ones, then retries
    passes += [(new, "whole"), (Q(next_attempt_at__lte=now), "retry")]
    rows, newest = [], after
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_try_advisory_xact_lock_shared(%s, %s)", [WRITING_QUEUE, channel.pk])
            if not cursor.fetchone()[0]:  # a fan-out is writing this channel's queue: only retries are visible
                passes = passes[-1:]
        for due, kind in passes:
            if len(rows) >= limit:
                break
            sql, params = queued.filter(due).values("id")[: limit - len(rows)].query.sql_with_params()
            cursor.execute(f"UPDATE channels_message SET claimed_until = %s WHERE id IN ({sql}) "
                           f"RETURNING {', '.join(OUTGOING)}", [lease, *params])
            claimed = cursor.fetchall()
            rows += claimed
            if kind != "retry":
                newest = max([newest, *(row[0] for row in claimed)])
                looked = time.monotonic() if kind == "whole" else looked
    _FRONTIER[channel.pk] = (newest, looked)
    return sorted((_outgoing(row) for row in rows), key=lambda message: message.id)


def _outgoing(row) -> Outgoing:
    """A claimed row as raw SQL returns it (SQLite gives the uuid as hex) made into an Outgoing."""
    message = Outgoing(*row)
    if not isinstance(message.uuid, UUID):
        message.uuid = UUID(message.uuid)
    return message


def _dict(contacts) -> dict:
    return json.loads(contacts) if isinstance(contacts, str) else contacts


def deliver_pending(limit: int = 200, now=None) -> int:
    """One round of sending: per channel, up to `limit` requests (a batch of recipients each where the channel
    batches, else one message each). Returns how many messages were sent successfully."""
    now = now or timezone.now()
    return sum(_deliver(channel, limit, now) for channel in Channel.objects.select_related("fallback"))


def _deliver(channel: Channel, limit: int, now) -> int:
    size = channel.batch_size
    sent = requests = 0
    while requests < limit:
        # One batch, or a few single messages at a time: workers sharing a queue finish together.
        messages = claim(channel, size if size > 1 else min(limit - requests, SINGLE_CLAIM), now)
        if not messages:
            break
        requests_made, outcomes = _send(channel, messages, size)
        sent += _record(channel, messages, outcomes, now)
        requests += max(requests_made, 1)
    return sent


def _send(channel: Channel, messages: list[Outgoing], size: int) -> tuple[int, dict[int, Outcome]]:
    """(requests made, outcome per message id); a failure is an Outcome with an error: a whole request's, or
    one recipient's that the gateway refused."""
    if not channel.enabled:
        return 0, {m.id: Outcome(error=_("通道已停用")) for m in messages}
    outcomes, requests = {}, _requests(messages, size)
    for request in requests:
        try:
            if size == 1:
                results = [ADAPTERS[channel.kind](channel, request[0])]
            else:
                results = BATCH_ADAPTERS[channel.kind](channel, request)
        except SendError as exc:
            results = [Outcome(error=str(exc))] * len(request)
        except KeyError as exc:
            results = [Outcome(error=_("通道配置缺少 %(k)s") % {"k": exc})] * len(request)
        outcomes.update(zip((m.id for m in request), results, strict=True))
    return len(requests), outcomes


def _requests(messages: list[Outgoing], size: int) -> list[list[Outgoing]]:
    """The requests a claim makes: recipients of the same text together, at most `size` per request (a text with
    a personal confirmation link goes alone)."""
    texts = defaultdict(list)
    for message in messages:
        if "{ack_url}" in message.body:  # a copy with the recipient's own link (the claimed row keeps the template)
            message = expand_links(replace(message))
        texts[(message.subject, message.body)].append(message)
    return [group[i:i + size] for group in texts.values() for i in range(0, len(group), size)]


def _record(channel: Channel, messages: list[Outgoing], outcomes: dict[int, Outcome], now) -> int:
    """Each message's outcome, written with one UPDATE per kind of outcome (not one per message)."""
    sent_at = timezone.now()
    failed = [(m, outcomes[m.id].error) for m in messages if outcomes[m.id].error]
    with transaction.atomic():
        for delivered in (False, True):
            _mark_sent([(m.id, outcomes[m.id].provider_id) for m in messages
                        if not outcomes[m.id].error and outcomes[m.id].delivered == delivered], delivered, sent_at)
        _mark_failed(channel, failed, now)
    return len(messages) - len(failed)


def _mark_sent(rows: list[tuple[int, str]], delivered: bool, at) -> None:
    """One UPDATE for the batch, each row with its provider id (two arrays on PostgreSQL, a VALUES list else)."""
    if not rows:
        return
    at = connection.ops.adapt_datetimefield_value(at)
    status = MessageStatus.DELIVERED if delivered else MessageStatus.SENT
    if connection.vendor == "postgresql":
        pairs, params = "unnest(%s::bigint[], %s::text[]) AS v(id, provider_id)", [[r[0] for r in rows],
                                                                                  [r[1] for r in rows]]
    else:
        pairs = f"(SELECT column1 AS id, column2 AS provider_id FROM (VALUES {', '.join(['(%s, %s)'] * len(rows))})) v"
        params = [value for row in rows for value in row]
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE channels_message SET status = %s, provider_id = v.provider_id, sent_at = COALESCE(sent_at, %s), "
            f"delivered_at = %s, claimed_until = NULL, last_error = '', attempts = attempts + 1 "
            f"FROM {pairs} WHERE channels_message.id = v.id", [status, at, at if delivered else None, *params])


def _mark_failed(channel: Channel, failed: list[tuple[Outgoing, str]], now) -> None:
    """Back off (one UPDATE per retry time and reason), or fail for good after the last attempt and fall back."""
    groups, final = defaultdict(list), []
    for message, reason in failed:
        attempts = message.attempts + 1
        if attempts >= channel.max_attempts:
            groups[(MessageStatus.FAILED, None, reason)].append(message.id)
            final.append(message)
        else:
            delay = min(BACKOFF_BASE_SECONDS * 2 ** (attempts - 1), BACKOFF_MAX_SECONDS)
            groups[(MessageStatus.PENDING, now + timedelta(seconds=delay), reason)].append(message.id)
    with connection.cursor() as cursor:
        for (status, next_attempt_at, reason), ids in groups.items():
            among, params = _among(ids)
            retry = (", next_attempt_at = %s", [connection.ops.adapt_datetimefield_value(next_attempt_at)]) \
                if next_attempt_at else ("", [])
            cursor.execute(f"UPDATE channels_message SET status = %s, last_error = %s, claimed_until = NULL, "
                           f"attempts = attempts + 1{retry[0]} WHERE {among}",
                           [status, reason[:2000], *retry[1], *params])
    fall_back(channel, final)


def _among(ids: list[int]) -> tuple[str, list]:
    """`id` is one of these: an array on PostgreSQL (one parameter, not a thousand to quote one by one)."""
    if connection.vendor == "postgresql":
        return "id = ANY(%s::bigint[])", [list(ids)]
    return f"id IN ({', '.join(['%s'] * len(ids))})", list(ids)


def fall_back(channel: Channel, messages) -> int:
    """Queue a copy of each failed message on the channel's fallback (企业微信 → SMS), once per message."""
    fallback = channel.fallback
    if fallback is None or not fallback.enabled:
        return 0
    return _insert([], ((fallback.pk, address, contacts, m.recipient_name, m.subject, m.body,
                         f"{m.idempotency_key}:fallback:{fallback.code}", m.source_type, m.source_id, m.region_code,
                         m.id) for m in messages
                        if (address := address_for(fallback, contacts := _dict(m.contacts)))))


def ack_url(message) -> str:
    return f"{settings.PUBLIC_URL}/ack/{message.ack_token}/"


def expand_links(message):
    """A body may hold "{ack_url}": each recipient gets their own confirmation link (not saved back)."""
    if "{ack_url}" in message.body:
        message.body = message.body.replace("{ack_url}", ack_url(message))
    return message


# ---------------------------------------------------------------------------------------------------- answers

def record_receipt(*, message_id: str, delivered: bool, reason: str = "") -> Message:
    """A gateway's delivery report (by our message id or the provider's id)."""
    message = Message.objects.select_related("channel__fallback").filter(
        Q(provider_id=message_id) | Q(uuid=_uuid_or_none(message_id))).first()
    if message is None:
        raise DomainError("unknown_message", _("消息不存在"), field="id")
    if delivered and message.status in {MessageStatus.SENT, MessageStatus.SENDING, MessageStatus.PENDING}:
        message.status, message.delivered_at = MessageStatus.DELIVERED, timezone.now()
    elif not delivered:
        message.status, message.last_error = MessageStatus.FAILED, reason or _("网关报告未送达")
        fall_back(message.channel, [message])
    message.save(update_fields=["status", "delivered_at", "last_error"])
    return message


def acknowledge(token: str, now=None) -> Message:
    message_uuid = uuid_of_ack_token(token)
    message = Message.objects.filter(uuid=message_uuid).first() if message_uuid else None
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
    try:
        return UUID(str(value))
    except ValueError:
        return None
