"""Receipt events for the duty desk: one `warning.receipt_requested` per message that asks for confirmation,
and `message.acknowledged` (channels) with the same message uuid when the recipient confirms."""

import pytest

from yingji.alerts import delivery
from yingji.channels.services import acknowledge
from yingji.core.events import dispatch_pending
from yingji.core.models.outbox import OutboxEvent

pytestmark = pytest.mark.django_db


def _requests():
    return OutboxEvent.objects.filter(kind="warning.receipt_requested")


def test_each_message_asking_for_confirmation_requests_a_receipt(users, warning_data, publish_flow):
    warning = publish_flow(warning_data(committees=["CMT-HQ01"]))
    dispatch_pending()  # the fan-out
    asking = delivery.messages_of(warning).filter(contacts__ack=True)
    assert 0 < asking.count() < delivery.messages_of(warning).count()
    events = {e.payload["uuid"]: e for e in _requests()}
    assert set(events) == {str(u) for u in asking.values_list("uuid", flat=True)}  # officials only
    message = asking.first()
    event = events[str(message.uuid)]
    assert event.payload == {"uuid": str(message.uuid), "warning": str(warning.uuid),
                             "title": f"预警接收未确认：{warning.headline} · {message.recipient_name}"}
    assert event.region_path == warning.region.path


def test_queueing_again_requests_no_second_receipt(users, warning_data, publish_flow):
    warning = publish_flow(warning_data())
    dispatch_pending()
    before = _requests().count()
    delivery.fan_out(warning)
    assert _requests().count() == before > 0


def test_confirming_publishes_the_acknowledgement_with_the_same_message_uuid(users, warning_data, publish_flow):
    warning = publish_flow(warning_data())
    dispatch_pending()
    message = delivery.messages_of(warning).filter(contacts__ack=True).first()
    acknowledge(message.ack_token)
    acknowledged = OutboxEvent.objects.get(kind="message.acknowledged", payload__uuid=str(message.uuid))
    assert _requests().filter(payload__uuid=acknowledged.payload["uuid"]).exists()

