"""Acknowledging a consultation invitation by the link in an SMS (experts, and units without an account here):
the real SMS channel adapter posts to a local gateway, the link's page confirms, the invitation shows 已确认."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from yingji.channels.models import Channel, Message
from yingji.channels.services import deliver_pending
from yingji.consultation import services
from yingji.core.events import dispatch_pending
from yingji.core.models import Person
from yingji.plans.notify import task_sms_channel_code

pytestmark = pytest.mark.django_db
LINK = re.compile(r"/ack/([A-Za-z0-9]{64})/")


@pytest.fixture
def sms(http_sink):
    Channel.objects.filter(code=task_sms_channel_code()).update(enabled=True, config={"url": f"{http_sink.url}/sms"})
    return http_sink


def _expert():
    from yingji.resources.models import Expert

    return Expert.objects.filter(field="flood").exclude(mobile="").order_by("code").first()


def _convene(users, **extra):
    return services.convene(actor=users["commander"], subject="forecast", title="汛期趋势研判",
                            agenda="研判未来三天雨情", scheduled_at=timezone.now() + timedelta(hours=1),
                            departments=["ORG-WATER", "ORG-FIRE"], experts=[_expert().code], **extra)


def _link_sent_to(sink, phone) -> str:
    for request in sink.requests:
        text = str(request["json"])
        if phone in text and LINK.search(text):
            return LINK.search(text).group(1)
    raise AssertionError(f"no link sent to {phone}: {[str(r['json'])[:200] for r in sink.requests]}")


def test_an_expert_acknowledges_by_the_link_in_the_sms(client, users, sms):
    consultation = _convene(users)
    deliver_pending()
    expert = _expert()
    token = _link_sent_to(sms, expert.mobile)
    page = client.post(f"/ack/{token}/")  # no login: the link is the proof
    assert page.status_code == 200 and 'id="ack-done"' in page.content.decode()
    dispatch_pending()
    invitee = consultation.invitees.get(expert=expert)
    assert invitee.acknowledged_at is not None and invitee.ack_note == f"短信链接确认：{expert.name}"
    client.force_login(users["commander"])
    assert f"短信链接确认：{expert.name}" in client.get(f"/consultation/{consultation.uuid}/").content.decode()


def test_a_unit_without_accounts_is_told_through_its_contact_people(client, users, sms):
    consultation = _convene(users)
    deliver_pending()
    fire = consultation.invitees.get(organization__code="ORG-FIRE")
    water = consultation.invitees.get(organization__code="ORG-WATER")
    people = Person.objects.filter(organization__code="ORG-FIRE").exclude(mobile="")
    assert people.exists()
    sent_for = set(Message.objects.filter(source_type="consultation.Invitee").values_list("source_id", flat=True))
    assert str(fire.pk) in sent_for and str(water.pk) not in sent_for  # the water bureau has accounts: to-do inbox
    client.post(f"/ack/{_link_sent_to(sms, people.first().mobile)}/")
    dispatch_pending()
    fire.refresh_from_db()
    assert fire.acknowledged_at is not None and fire.ack_note.startswith("短信链接确认")


def test_a_link_changes_nothing_once_closed_or_already_confirmed(client, users, sms):
    consultation = _convene(users)
    deliver_pending()
    expert = _expert()
    invitee = consultation.invitees.get(expert=expert)
    services.acknowledge_for(actor=users["commander"], consultation=consultation, invitee=invitee)
    client.post(f"/ack/{_link_sent_to(sms, expert.mobile)}/")
    dispatch_pending()
    invitee.refresh_from_db()
    assert invitee.ack_note == "电话确认"
    fire = consultation.invitees.get(organization__code="ORG-FIRE")
    services.save_minutes(actor=users["commander"], consultation=consultation, minutes="纪要")
    services.close(actor=users["commander"], consultation=consultation)
    phone = Person.objects.filter(organization__code="ORG-FIRE").exclude(mobile="").first().mobile
    client.post(f"/ack/{_link_sent_to(sms, phone)}/")
    dispatch_pending()
    fire.refresh_from_db()
    assert fire.acknowledged_at is None


def test_no_sms_while_the_channel_is_off(users):
    _convene(users)
    assert not Message.objects.filter(source_type="consultation.Invitee").exists()
