"""The acknowledgement page (issue 14 §3): a link that is not valid is said beside the button of the form, not in a
banner, and confirms nothing; a valid one says when, in the district's time."""

import pytest
from lxml import html

from yingji.channels.models import Channel, Message
from yingji.channels.services import Recipient, enqueue

pytestmark = pytest.mark.django_db


@pytest.fixture
def message():
    channel = Channel.objects.create(code="in_app", name="站内", kind="in_app", config={}, max_attempts=2)
    enqueue(channel=channel, recipients=[Recipient(name="带班领导", contacts={"username": "commander"})],
            subject="", body="请确认", key_prefix="ack-page")
    return Message.objects.get()


@pytest.mark.parametrize("token", ["not-a-token", "0" * 40])
def test_a_link_that_is_not_valid_is_refused_beside_the_button(client, message, token):
    reply = client.post(f"/ack/{token}/")
    assert reply.status_code == 400
    page = html.fromstring(reply.content.decode())
    button, feedback = page.get_element_by_id("ack-token"), page.get_element_by_id("ack-token_error")
    assert "is-invalid" in button.get("class") and button.get("aria-describedby") == "ack-token_error"
    assert feedback.text_content() == "确认链接无效或已过期"
    assert feedback in page.get_element_by_id("ack-form").iterdescendants()
    assert not page.find_class("alert-danger")  # not a banner
    message.refresh_from_db()
    assert message.acknowledged_at is None and not Message.objects.filter(acknowledged_at__isnull=False).exists()


def test_a_valid_link_confirms_and_says_when(client, message):
    reply = client.post(f"/ack/{message.ack_token}/")
    assert reply.status_code == 200 and 'id="ack-done"' in reply.content.decode()
    message.refresh_from_db()
    assert message.acknowledged_at is not None and "+00:00" not in reply.content.decode()
