"""Inviting a whole expert field (专业领域) in one click: a preview (who would be invited, who already is, who is
不可调用), then the invitations — once each (a second press invites and tells nobody), told through the task SMS
channel like any invitation; through the API and the pages."""

from datetime import timedelta

import pytest
from django.utils import timezone

from yingji.channels.models import Channel, Message
from yingji.consultation import services
from yingji.consultation.models import Invitee
from yingji.core.models import OutboxEvent
from yingji.plans.notify import task_sms_channel_code
from yingji.resources.models import Expert

pytestmark = pytest.mark.django_db
BASE = "/api/consultation/consultations/"


@pytest.fixture
def sms(http_sink):
    Channel.objects.filter(code=task_sms_channel_code()).update(enabled=True, config={"url": f"{http_sink.url}/sms"})
    return http_sink


def _flood():
    return list(Expert.objects.filter(field="flood").order_by("code"))


@pytest.fixture
def consultation(users):
    """A forecast consultation with one flood expert invited already."""
    assert len(_flood()) >= 2, "the demo has several flood experts"
    return services.convene(actor=users["commander"], subject="forecast", title="汛期趋势研判",
                            agenda="研判未来三天雨情", scheduled_at=timezone.now() + timedelta(hours=1),
                            departments=["ORG-WATER"], experts=[_flood()[0].code])


def _sms_for(invitees) -> set[str]:
    return set(Message.objects.filter(source_type="consultation.Invitee",
                                      source_id__in=[str(i.pk) for i in invitees]).values_list("source_id",
                                                                                               flat=True))


def test_the_api_previews_then_invites_the_field_once(api, users, consultation, sms):
    commander = api(users["commander"])
    flood = _flood()
    Expert.objects.filter(pk=flood[-1].pk).update(availability="unavailable")
    preview = commander.get(f"{BASE}{consultation.uuid}/field-experts/?field=flood")
    assert preview.status_code == 200, preview.content
    body = preview.json()
    assert body["label"] == "防汛抗旱"
    assert [e["code"] for e in body["already_invited"]] == [flood[0].code]
    assert [e["code"] for e in body["unavailable"]] == [flood[-1].code]
    expected = [e.code for e in flood[1:-1]]
    assert [e["code"] for e in body["to_invite"]] == expected
    assert consultation.invitees.count() == 2  # a preview invites nobody

    events = OutboxEvent.objects.filter(kind="consultation.invited").count()
    done = commander.post(f"{BASE}{consultation.uuid}/field-experts/", {"field": "flood"}, format="json")
    assert done.status_code == 201, done.content
    assert sorted(i["expert"] for i in done.json()["invitees"]) == sorted(expected)
    new = list(Invitee.objects.filter(consultation=consultation, expert__code__in=expected))
    assert OutboxEvent.objects.filter(kind="consultation.invited").count() == events + 1
    with_mobile = [i for i in new if i.expert.mobile]
    assert with_mobile and _sms_for(with_mobile) == {str(i.pk) for i in with_mobile}

    again = commander.post(f"{BASE}{consultation.uuid}/field-experts/", {"field": "flood"}, format="json")
    assert again.status_code == 200 and again.json()["invitees"] == []
    assert Invitee.objects.filter(consultation=consultation, kind="expert").count() == len(expected) + 1
    assert OutboxEvent.objects.filter(kind="consultation.invited").count() == events + 1  # nobody told twice
    assert Message.objects.filter(source_type="consultation.Invitee",
                                  source_id__in=[str(i.pk) for i in new]).count() == len(with_mobile)


@pytest.mark.parametrize("field", ["", "volcano", ["flood"], 5])
def test_a_bad_field_is_refused_by_field_and_nothing_is_saved(api, users, consultation, field):
    before = consultation.invitees.count()
    commander = api(users["commander"])
    reply = commander.post(f"{BASE}{consultation.uuid}/field-experts/", {"field": field}, format="json")
    assert reply.status_code == 400, reply.content
    assert reply.json()["error"]["code"] in {"invalid_field", "invalid_type"} and "field" in reply.json()["error"][
        "fields"]
    assert consultation.invitees.count() == before
    if isinstance(field, str):
        preview = commander.get(f"{BASE}{consultation.uuid}/field-experts/?field={field}")
        assert preview.status_code == 400 and preview.json()["error"]["code"] == "invalid_field"


def test_a_field_without_experts_says_so(api, users, consultation):
    Expert.objects.filter(field="communication").update(field="fire")
    reply = api(users["commander"]).post(f"{BASE}{consultation.uuid}/field-experts/", {"field": "communication"},
                                         format="json")
    assert reply.status_code == 400 and reply.json()["error"]["code"] == "no_experts"


def test_only_those_who_run_the_consultation_invite(api, users, consultation):
    reader = next(u for u in users.values() if u.has_perm("consultation.view_consultation")
                  and not u.has_perm("consultation.run_consultation") and u.region and u.region.parent_id is None)
    reply = api(reader).post(f"{BASE}{consultation.uuid}/field-experts/", {"field": "flood"}, format="json")
    assert reply.status_code == 403
    assert api(reader).get(f"{BASE}{consultation.uuid}/field-experts/?field=flood").status_code == 403


def test_a_closed_consultation_invites_nobody(api, users, consultation):
    services.save_minutes(actor=users["commander"], consultation=consultation, minutes="议定：加强巡查。")
    services.close(actor=users["commander"], consultation=consultation)
    reply = api(users["commander"]).post(f"{BASE}{consultation.uuid}/field-experts/", {"field": "flood"},
                                         format="json")
    assert reply.status_code == 409 and reply.json()["error"]["code"] == "consultation_closed"


def test_the_page_previews_with_a_confirmation_then_invites(client, users, consultation, sms):
    client.force_login(users["commander"])
    detail = client.get(f"/consultation/{consultation.uuid}/").content.decode()
    assert 'id="invite-field-form"' in detail and "按专业领域一键邀请专家" in detail
    page = client.get(f"/consultation/{consultation.uuid}/invite-field/?field=flood").content.decode()
    expected = _flood()[1:]
    for expert in expected:
        assert f'data-expert="{expert.code}"' in page
    assert f'data-expert="{_flood()[0].code}"' not in page and 'id="already-invited"' in page
    assert 'id="invite-field-confirm"' in page and f"将邀请 {len(expected)} 位“防汛抗旱”专家并发送通知" in page
    done = client.post(f"/consultation/{consultation.uuid}/invite-field/", {"field": "flood"}, follow=True)
    html = done.content.decode()
    assert done.status_code == 200 and f"已邀请并通知 {len(expected)} 位专家" in html
    for expert in expected:
        assert expert.name in html
    again = client.post(f"/consultation/{consultation.uuid}/invite-field/", {"field": "flood"}, follow=True)
    assert "均已邀请" in again.content.decode()
    assert Invitee.objects.filter(consultation=consultation, kind="expert").count() == len(expected) + 1
    bad = client.get(f"/consultation/{consultation.uuid}/invite-field/?field=volcano")
    assert bad.status_code == 400 and 'id="invite-field-error"' in bad.content.decode()
