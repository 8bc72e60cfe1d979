"""Outbound webhooks (issue 22): events a partner subscribes to, signed, delivered by the worker to a real local
receiver that verifies them as docs/exchange.md shows; retries with backoff, the dead-letter list and its retry."""

import json
from datetime import timedelta

import httpx
import pytest
from django.utils import timezone
from test_exchange_push import incident_body

from yingji.core.events import dispatch_pending
from yingji.exchange import services, webhooks
from yingji.exchange.models import WebhookDelivery

pytestmark = pytest.mark.django_db


def subscribe(partner, receiver, events=("incident.opened",)):
    return services.subscribe(actor=None, partner=partner, url=f"{receiver.url}/hook", events=list(events))


def test_incident_opened_is_delivered_signed_and_the_receiver_verifies_it(client, partner, receiver):
    subscribe(partner, receiver)
    uuid = client.post("/api/exchange/incidents/", incident_body("wh-1"), format="json").json()["uuid"]
    dispatch_pending()
    assert webhooks.deliver_due() == 1
    [got] = receiver.accepted
    assert got["json"]["event"] == "incident.opened" and got["json"]["data"]["uuid"] == uuid
    assert got["json"]["data"]["type"] == "2.2.1" and got["json"]["data"]["code"].startswith("SJ")
    assert got["headers"]["x-yingji-event"] == "incident.opened"
    assert WebhookDelivery.objects.get().state == "delivered"
    # The same request sent again is a replay; a body changed in transit fails the signature.
    headers = {k: v for k, v in got["headers"].items() if k.startswith("x-yingji")}
    again = httpx.post(f"{receiver.url}/hook", content=got["body"], headers=headers)
    assert again.status_code == 409
    tampered = httpx.post(f"{receiver.url}/hook", content=got["body"].replace(b"wh", b"xx") + b" ", headers=headers)
    assert tampered.status_code == 401 and tampered.json()["error"] == "bad_signature"
    assert dispatch_pending() == 0 and webhooks.deliver_due() == 0  # nothing delivered twice


def test_events_not_subscribed_or_outside_the_partner_region_are_not_sent(client, partner, receiver, regions):
    subscribe(partner, receiver, events=("warning.published",))
    town, _ = services.create_partner(actor=None, code="t-lf", name="龙凤镇", region=regions["longfeng"],
                                      scopes=[], signing_secret="test-secret")
    subscribe(town, receiver, events=("incident.opened",))
    client.post("/api/exchange/incidents/", incident_body("wh-2", region=regions["guihua"].code), format="json")
    dispatch_pending()
    assert not WebhookDelivery.objects.exists()


def test_failures_back_off_then_go_dead_and_a_person_can_send_them_again(client, partner, receiver, users):
    subscribe(partner, receiver)
    client.post("/api/exchange/incidents/", incident_body("wh-3"), format="json")
    dispatch_pending()
    receiver.fail = webhooks.MAX_ATTEMPTS
    now = timezone.now()
    for attempt in range(1, webhooks.MAX_ATTEMPTS + 1):
        assert webhooks.deliver_due(now) == 1
        delivery = WebhookDelivery.objects.get()
        assert delivery.attempts == attempt and delivery.last_status == 503
        if attempt < webhooks.MAX_ATTEMPTS:
            assert delivery.state == "pending" and delivery.next_attempt_at == now + webhooks.backoff(attempt)
            assert webhooks.deliver_due(now) == 0  # not due before its backoff
            now = delivery.next_attempt_at
    assert delivery.state == "dead"
    page = client_for(users["sysadmin"]).get("/exchange/dead/")
    assert page.status_code == 200 and "incident.opened" in page.content.decode()
    reply = client_for(users["sysadmin"]).post(f"/exchange/dead/{delivery.uuid}/retry/")
    assert reply.status_code == 302
    assert webhooks.deliver_due() == 1
    assert WebhookDelivery.objects.get().state == "delivered" and len(receiver.accepted) == 1


def test_the_event_names_partners_see():
    assert webhooks.event_of("incident.reported", {}) == "incident.opened"
    assert webhooks.event_of("incident.timeline", {"kind": "grade"}) == "incident.graded"
    assert webhooks.event_of("incident.timeline", {"kind": "intake"}) is None
    assert webhooks.event_of("warning.published", {"msg_type": "Alert"}) == "warning.published"
    assert webhooks.event_of("warning.published", {"msg_type": "Cancel"}) == "warning.cancelled"
    assert webhooks.event_of("response.raise", {}) == "response.level_changed"


def test_a_body_is_signed_over_timestamp_and_body():
    from yingji.exchange.signing import headers, verify

    body = json.dumps({"a": 1}).encode()
    signed = headers("s", body, now=1_800_000_000)
    verify("s", signed["X-Yingji-Timestamp"], signed["X-Yingji-Signature"], body, now=1_800_000_100)
    with pytest.raises(ValueError):
        verify("s", signed["X-Yingji-Timestamp"], signed["X-Yingji-Signature"], body, now=1_800_000_000 + 301)


def client_for(user):
    from django.test import Client

    c = Client()
    c.force_login(user)
    return c



@pytest.fixture(autouse=True)
def no_demo_subscriptions(db):
    """The demo's partners subscribe to events at addresses nobody answers; these tests watch their own."""
    from yingji.exchange.models import Subscription

    Subscription.objects.filter(is_demo=True).update(enabled=False)


def test_a_published_warning_reaches_a_township_partner_of_its_area(partner, receiver, users, regions):
    from yingji.alerts import services as alerts

    town, _ = services.create_partner(actor=None, code="t-gh", name="桂花镇综治", region=regions["guihua"],
                                      scopes=[], signing_secret="test-secret")
    subscribe(town, receiver, events=("warning.published", "warning.cancelled"))
    now = timezone.now()
    warning = alerts.create_draft(actor=users["duty"], data={
        "type_code": "met.rainstorm", "level": "orange", "headline": "桂花镇暴雨橙色预警",
        "description": "预计强降雨。", "instructions": "", "effective": now.isoformat(),
        "expires": (now + timedelta(hours=6)).isoformat(),
        "source": "转发区气象局", "area_kind": "regions", "area_regions": [regions["guihua"].code]})
    for event, who in (("submit", "duty"), ("review", "duty-chief"), ("sign", "commander")):
        warning = alerts.fire(warning, event, actor=users[who])
    if warning.status != "published":
        warning = alerts.fire(warning, "publish", actor=users["commander"])
    dispatch_pending()
    webhooks.deliver_due()
    [got] = [r["json"] for r in receiver.accepted]
    assert got["event"] == "warning.published" and got["data"]["uuid"] == str(warning.uuid)
    assert got["data"]["identifier"] and got["data"]["msg_type"] == "Alert"
    cap = got["data"]["cap_xml"]
    assert cap.startswith("<?xml") and "urn:oasis:names:tc:emergency:cap:1.2" in cap
    assert got["data"]["cap_url"].endswith(f"/cap/{got['data']['identifier']}.xml")


def test_a_drills_exercise_incident_is_never_sent_to_partners(partner, receiver, regions):
    """A 110 partner must not take a drill for a real emergency (docs/drills.md)."""
    from yingji.incidents.services import create_incident

    dispatch_pending()
    subscribe(partner, receiver, events=("incident.opened", "incident.graded"))
    create_incident(actor=None, is_exercise=True, data={"type_code": "1.1.1", "occurred_at": timezone.now(),
                                                         "region": regions["guihua"], "statement": "演练：桂花镇山洪"})
    dispatch_pending()
    assert WebhookDelivery.objects.count() == 0 and webhooks.deliver_due() == 0 and receiver.accepted == []
