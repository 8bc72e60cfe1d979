"""A person's in-app notices are read through their own partial index, never by scanning the message table (a
district warning writes a million rows there; the task and to-do pages read the inbox on every load)."""

import pytest
from django.db import connection

from yingji.channels.inbox import in_app_messages
from yingji.channels.models import Channel, ChannelKind, Message

pytestmark = pytest.mark.django_db


def _plan(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # the plan must be able to use the index at all
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(str(row) for row in cursor.fetchall())


def test_the_inbox_uses_the_account_index_and_lists_only_that_accounts_in_app_messages(users):
    in_app = Channel.objects.filter(kind=ChannelKind.IN_APP).first()
    sms = Channel.objects.exclude(kind=ChannelKind.IN_APP).first()
    rows = [Message(channel=in_app, address="duty", contacts={"username": "duty"}, body=f"任务{i}",
                    idempotency_key=f"inbox-test-{i}") for i in range(3)]
    rows += [Message(channel=sms, address="duty", contacts={"phone": "duty"}, body="短信", idempotency_key="inbox-sms"),
             Message(channel=in_app, address="commander", contacts={"username": "commander"}, body="别人的",
                     idempotency_key="inbox-other")]
    Message.objects.bulk_create(rows)
    bodies = [m.body for m in in_app_messages("duty", 50)]
    assert bodies[:3] == ["任务2", "任务1", "任务0"] and "短信" not in bodies and "别人的" not in bodies
    if connection.vendor == "postgresql":  # SQLite cannot match a partial index's JSON term to a bound path
        assert "channels_msg_to_account" in _plan(in_app_messages("duty", 20))
