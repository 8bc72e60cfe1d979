"""Batches per gateway request, outcomes per recipient, set-based queueing and recording (issue 13 §3, §4)."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from yingji.channels.models import Channel, Message
from yingji.channels.services import (
    Group,
    Recipient,
    RecipientQuery,
    acknowledge,
    claim,
    deliver_pending,
    enqueue,
    enqueue_all,
)
from yingji.core.errors import DomainError
from yingji.core.models import Person

pytestmark = pytest.mark.django_db


def _people(count, start=0):
    return [Recipient(name=f"订阅者{i}", contacts={"phone": f"138{i:08d}"}, region_code="510903100")
            for i in range(start, start + count)]


def _sms(http_sink, batch_size=3, **changes):
    return Channel.objects.create(code=changes.pop("code", "sms"), name="短信", kind="sms_http", max_attempts=2,
                                  config={"url": f"{http_sink.url}/sms", "batch_size": batch_size}, **changes)


def test_one_request_carries_a_batch_of_recipients_and_each_gets_its_own_result(http_sink):
    channel = _sms(http_sink, batch_size=3)
    enqueue(channel=channel, recipients=_people(7), subject="暴雨", body="请转移", key_prefix="w1")
    assert deliver_pending(now=timezone.now()) == 7
    assert [len(r["json"]["messages"]) for r in http_sink.requests] == [3, 3, 1]
    first = http_sink.requests[0]["json"]
    assert first["content"] == "请转移" and first["messages"][0]["phone"] == "13800000000"
    assert set(http_sink.keys().values()) == {1} and len(http_sink.keys()) == 7
    messages = Message.objects.filter(channel=channel)
    assert set(messages.values_list("status", flat=True)) == {"sent"}
    assert len(set(messages.values_list("provider_id", flat=True))) == 7  # the gateway's id for each number


def test_a_number_the_gateway_refuses_fails_alone_backs_off_and_falls_back(http_sink):
    fallback = Channel.objects.create(code="inapp", name="站内", kind="in_app")
    channel = _sms(http_sink, batch_size=10, fallback=fallback)
    people = [*_people(3), Recipient(name="值班员", contacts={"phone": "13800000009", "username": "duty"})]
    enqueue(channel=channel, recipients=people, subject="", body="请转移", key_prefix="w2")
    http_sink.reject("13800000009", error="空号")
    now = timezone.now()
    assert deliver_pending(now=now) == 3 and len(http_sink.requests) == 1
    refused = Message.objects.get(channel=channel, address="13800000009")
    assert refused.status == "pending" and "空号" in refused.last_error and refused.next_attempt_at > now
    assert Message.objects.filter(channel=channel, status="sent").count() == 3
    assert deliver_pending(now=now) == 0  # backing off
    deliver_pending(now=now + timedelta(hours=1))  # the second and last attempt is refused too
    refused.refresh_from_db()
    assert (refused.status, refused.attempts) == ("failed", 2)
    copy = Message.objects.get(fallback_of=refused)
    assert (copy.channel, copy.address) == (fallback, "duty")
    deliver_pending(now=now + timedelta(hours=1))
    copy.refresh_from_db()
    assert copy.status == "delivered"
    assert Message.objects.filter(fallback_of__isnull=False).count() == 1


def test_a_failed_request_backs_off_every_message_in_it(http_sink):
    channel = _sms(http_sink, batch_size=10)
    enqueue(channel=channel, recipients=_people(4), subject="", body="x", key_prefix="w3")
    http_sink.fail_next(1)
    now = timezone.now()
    assert deliver_pending(now=now) == 0
    assert {(m.status, m.attempts) for m in Message.objects.all()} == {("pending", 1)}
    assert all("HTTP 500" in m.last_error for m in Message.objects.all())
    assert deliver_pending(now=now + timedelta(minutes=1)) == 4 and http_sink.recipients() == 4


def test_personal_confirmation_links_go_one_per_request(http_sink):
    channel = _sms(http_sink, batch_size=10)
    enqueue(channel=channel, recipients=_people(3), subject="", body="请确认：{ack_url}", key_prefix="w4")
    deliver_pending(now=timezone.now())
    texts = [r["json"]["content"] for r in http_sink.requests]
    assert len(texts) == 3 and len(set(texts)) == 3 and all("/ack/" in t for t in texts)
    message = Message.objects.get(address=http_sink.requests[0]["json"]["messages"][0]["phone"])
    assert message.ack_token in texts[0]


def test_robots_mention_every_recipient_of_a_batch(http_sink):
    robot = Channel.objects.create(code="wecom", name="机器人", kind="wecom_robot",
                                   config={"url": f"{http_sink.url}/robot", "batch_size": 50})
    enqueue(channel=robot, recipients=_people(3), subject="预警", body="请注意", key_prefix="w5")
    assert deliver_pending(now=timezone.now()) == 3
    [request] = http_sink.requests
    assert request["json"]["text"]["mentioned_mobile_list"] == ["13800000000", "13800000001", "13800000002"]


def test_recording_outcomes_takes_the_same_queries_for_ten_or_a_hundred_messages(http_sink):
    def queries_to_send(count, key):
        enqueue(channel=channel, recipients=_people(count), subject="", body="x", key_prefix=key)
        with CaptureQueriesContext(connection) as context:
            assert deliver_pending(now=timezone.now()) == count
        return len(context.captured_queries)

    channel = _sms(http_sink, batch_size=1000)
    queries_to_send(1, "warm-up")  # the worker now knows where the channel's queue starts
    assert queries_to_send(10, "few") == queries_to_send(100, "many")
    Channel.objects.filter(pk=channel.pk).update(config={"url": f"{http_sink.url}/sms"})  # one per request
    channel.refresh_from_db()
    assert queries_to_send(5, "one-few") == queries_to_send(40, "one-many")


def test_a_batch_claimed_by_a_worker_that_died_is_sent_again_with_the_same_keys(http_sink):
    channel = _sms(http_sink, batch_size=10)
    enqueue(channel=channel, recipients=_people(5), subject="", body="x", key_prefix="w6")
    now = timezone.now()
    claimed = claim(channel, 10, now, lease_seconds=60)
    assert len(claimed) == 5 and deliver_pending(now=now) == 0  # still leased: nobody else takes it
    assert deliver_pending(now=now + timedelta(seconds=61)) == 5
    assert http_sink.keys() == {m.idempotency_key: 1 for m in claimed}


def test_batch_size_is_checked_in_the_channel_config(http_sink):
    def error(kind, **config):
        with pytest.raises(ValidationError) as raised:
            Channel(code="c", name="c", kind=kind, config=config).full_clean()
        return raised.value.error_dict["config"][0].code

    assert error("sms_http", url="http://x", batch_size=5000) == "invalid_batch_size"
    assert error("sms_http", url="http://x", batch_size="1000") == "invalid_batch_size"
    assert error("email", batch_size=2) == "invalid_batch_size"  # mail goes one by one
    assert error("sms_http", url="http://x", batch_size=500, body_template='{"m": "$address"}') == "template_with_batch"
    Channel(code="c", name="c", kind="sms_http", config={"url": "http://x", "batch_size": 1000}).full_clean()
    assert Channel(kind="sms_http", config={}).batch_size == 1  # gateways opt in
    assert Channel(kind="in_app", config={}).batch_size == 1000


def test_several_groups_are_queued_at_once_each_on_its_channel_with_its_text(http_sink):
    sms, inapp = _sms(http_sink), Channel.objects.create(code="inapp", name="站内", kind="in_app")
    people = Person.objects.exclude(mobile="").order_by("code")[:3]
    query = RecipientQuery(Person.objects.filter(pk__in=[p.pk for p in people]),
                           contacts={"phone": "mobile", "username": "code"})
    groups = [Group(sms, query, "标题", "短信正文"), Group(inapp, query, "标题", "站内正文"),
              Group(sms, _people(2) + _people(1), "标题", "名单正文")]  # a number listed twice is queued once
    assert enqueue_all(groups, key_prefix="g1") == 3 + 3 + 2
    assert enqueue_all(groups, key_prefix="g1") == 0  # run again: nothing new
    first = people[0]
    row = Message.objects.get(channel=inapp, address=first.code)
    assert (row.body, row.recipient_name, row.contacts) == ("站内正文", first.name,
                                                           {"phone": first.mobile, "username": first.code})
    assert row.region_code == (first.region.code if first.region_id else "")
    assert Message.objects.get(channel=sms, address=first.mobile).body == "短信正文"
    assert set(Message.objects.filter(body="名单正文").values_list("address", flat=True)) == {"13800000000",
                                                                                           "13800000001"}
    assert Message.objects.values("uuid").distinct().count() == 8
    Channel.objects.filter(pk=inapp.pk).update(enabled=False)
    inapp.refresh_from_db()
    with pytest.raises(DomainError, match="已停用"):
        enqueue_all([Group(inapp, _people(1), "", "x")], key_prefix="g2")


def test_confirmation_tokens_cannot_be_guessed_from_the_message():
    channel = Channel.objects.create(code="inapp", name="站内", kind="in_app")
    enqueue(channel=channel, recipients=[Recipient(name="值班长", contacts={"username": "duty"})], subject="",
            body="请确认", key_prefix="w7")
    message = Message.objects.get()
    token = message.ack_token
    assert token.startswith(message.uuid.hex) and len(token) == 64
    for forged in (message.uuid.hex * 2, token[:-1] + ("0" if token[-1] != "0" else "1"), token[:32]):
        with pytest.raises(DomainError, match="确认链接无效"):
            acknowledge(forged)
    assert acknowledge(token).acknowledged_at is not None
