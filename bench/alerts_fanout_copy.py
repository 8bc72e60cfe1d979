"""A prototype for `channels.services.enqueue` on PostgreSQL (not used by the application): the same outbox rows as
`alerts.delivery.fan_out`, written with COPY into a temporary table and one INSERT … ON CONFLICT DO NOTHING
(idempotent by key, like enqueue). `bench/alerts_fanout.py --copy` measures it against the real fan-out."""

import json
import secrets
import uuid
from itertools import islice

from django.db import connection, transaction
from django.utils import timezone

COLUMNS = ("uuid", "channel_id", "address", "contacts", "recipient_name", "subject", "body", "idempotency_key",
           "source_type", "source_id", "region_code", "status", "attempts", "last_error", "provider_id", "ack_token",
           "created")


def _rows(warning, prefix: str):
    from yingji.alerts import config
    from yingji.alerts.delivery import text_of
    from yingji.alerts.targeting import recipients_by_channel, target_of
    from yingji.channels.models import ADDRESS_FIELD, Channel

    channels = {c.code: c for c in Channel.objects.filter(enabled=True)}
    now, source = timezone.now(), str(warning.uuid)
    for code, recipients in recipients_by_channel(warning, target_of(warning)):
        channel = channels.get(code)
        if channel is None:
            continue
        body = text_of(warning, code == config.ROUTES["official"])
        for recipient in recipients:
            address = str(recipient.contacts.get(ADDRESS_FIELD[channel.kind], "") or "")
            if address:
                yield (uuid.uuid4(), channel.pk, address, json.dumps(recipient.contacts, ensure_ascii=False),
                       recipient.name, warning.headline, body, f"{prefix}:{channel.code}:{address}", "alerts.Warning",
                       source, recipient.region_code, "pending", 0, "", "", secrets.token_urlsafe(24), now)


def copy_fan_out(warning, prefix: str, chunk: int = 20_000) -> int:
    """The targets are read from the same connection, so each chunk is collected first, then copied."""
    columns = ", ".join(COLUMNS)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"CREATE TEMP TABLE fanout_stage ON COMMIT DROP AS SELECT {columns} FROM channels_message "
                       "WITH NO DATA")
        rows = _rows(warning, prefix)
        while batch := list(islice(rows, chunk)):
            with cursor.cursor.copy(f"COPY fanout_stage ({columns}) FROM STDIN") as copy:
                for row in batch:
                    copy.write_row(row)
        cursor.execute(f"INSERT INTO channels_message ({columns}) SELECT {columns} FROM fanout_stage "
                       "ON CONFLICT DO NOTHING")
        return cursor.rowcount
