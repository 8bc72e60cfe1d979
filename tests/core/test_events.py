"""The outbox: events land only with their transaction, and each consumer handles each event once."""

from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from yingji.core import events
from yingji.core.models import OutboxDelivery, OutboxEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def seen():
    handled = []

    def handle(event):
        handled.append(event.kind)

    events.consumer("test-recorder", kinds=("test.*",))(handle)
    yield handled
    events.CONSUMERS.pop("test-recorder")


def test_event_is_dropped_when_its_transaction_rolls_back(seen):
    with pytest.raises(RuntimeError), transaction.atomic():
        events.publish("test.rolled_back", {"title": "x"})
        raise RuntimeError("boom")
    assert not OutboxEvent.objects.filter(kind="test.rolled_back").exists()


def test_consumer_gets_each_event_once(seen):
    events.publish("test.happened", {"title": "事件"})
    events.publish("other.kind", {})
    assert events.dispatch_pending() >= 1
    assert events.dispatch_pending() == 0
    assert seen == ["test.happened"]
    delivery = OutboxDelivery.objects.get(consumer="test-recorder")
    assert delivery.status == "done" and delivery.attempts == 1


def test_idempotency_key_prevents_a_second_event(seen):
    first = events.publish("test.once", key="once-1")
    second = events.publish("test.once", key="once-1")
    assert first.pk == second.pk and OutboxEvent.objects.filter(kind="test.once").count() == 1


def test_failing_consumer_is_retried_later_and_others_are_not_blocked(seen):
    calls = []

    def flaky(event):
        calls.append(event.pk)
        if len(calls) == 1:
            raise ConnectionError("peer down")

    events.consumer("test-flaky", kinds=("test.*",))(flaky)
    try:
        events.publish("test.flaky")
        now = timezone.now()
        events.dispatch_pending(now=now)
        delivery = OutboxDelivery.objects.get(consumer="test-flaky")
        assert delivery.status == "pending" and "peer down" in delivery.last_error
        assert seen == ["test.flaky"]  # the other consumer was served
        assert events.dispatch_pending(now=now) == 0  # not due yet: backing off
        events.dispatch_pending(now=now + timedelta(minutes=1))
        delivery.refresh_from_db()
        assert delivery.status == "done" and delivery.attempts == 2
    finally:
        events.CONSUMERS.pop("test-flaky")


def test_live_board_feed_only_carries_events_of_the_users_jurisdiction(users, regions):
    from yingji.core.models import OutboxEvent
    from yingji.web.views import latest_events

    before = OutboxEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
    # An event is shown like the record it describes (here a region, which both roles may view).
    events.publish("test.live", {"title": "龙凤镇事件"}, aggregate=regions["longfeng"], region=regions["longfeng"])
    events.publish("test.live", {"title": "桂花镇事件"}, aggregate=regions["guihua"], region=regions["guihua"])
    guihua = [e["payload"]["title"] for e in latest_events(users["township-guihua"], before)]
    district = [e["payload"]["title"] for e in latest_events(users["duty"], before)]
    assert "桂花镇事件" in guihua and "龙凤镇事件" not in guihua
    assert {"桂花镇事件", "龙凤镇事件"} <= set(district)


def test_a_network_consumer_runs_with_no_transaction_open_and_a_crashed_claim_is_retried_after_its_lease(seen):
    from django.db import connection

    depth_outside = len(connection.savepoint_ids)  # the test's own transaction, if any
    depths, crash = {}, [True]

    def in_transaction(event):
        depths["inside"] = len(connection.savepoint_ids)

    def pushes_to_a_peer(event):
        depths["outside"] = len(connection.savepoint_ids)
        if crash.pop() if crash else False:
            raise KeyboardInterrupt  # the worker dies mid-send (not an ordinary failure)

    events.consumer("test-db", kinds=("test.*",))(in_transaction)
    events.consumer("test-peer", kinds=("test.*",), outside_transaction=True)(pushes_to_a_peer)
    try:
        events.publish("test.pushed")
        now = timezone.now()
        with pytest.raises(KeyboardInterrupt):
            events.dispatch_pending(now=now)
        delivery = OutboxDelivery.objects.get(consumer="test-peer")
        assert delivery.status == "pending" and delivery.attempts == 1  # claimed, and the claim was committed
        events.dispatch_pending(now=now + timedelta(minutes=1))  # another worker: the lease still holds it
        delivery.refresh_from_db()
        assert delivery.attempts == 1
        events.dispatch_pending(now=now + events.LEASE + timedelta(seconds=1))
        delivery.refresh_from_db()
        assert delivery.status == "done" and delivery.attempts == 2
        assert depths == {"inside": depth_outside + 2, "outside": depth_outside}
    finally:
        events.CONSUMERS.pop("test-db")
        events.CONSUMERS.pop("test-peer")
