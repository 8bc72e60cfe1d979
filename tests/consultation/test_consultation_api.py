"""The consultation API: convene → invite more → the invited unit acknowledges → attendance → minutes (with the
edit-conflict check) → a decision becomes a response task → close; bad input refused by field with nothing saved;
permissions and the jurisdiction."""

from datetime import timedelta

import pytest
from django.utils import timezone

from yingji.consultation import services
from yingji.consultation.models import Consultation, Decision, Invitee
from yingji.demo.townships import township
from yingji.incidents.models import TimelineEntry

pytestmark = pytest.mark.django_db
LAOCHI = township("老池镇")
BASE = "/api/consultation/consultations/"


@pytest.fixture
def responding(users):
    from yingji.incidents.services import create_incident
    from yingji.plans.activation import activate
    from yingji.plans.models import Plan

    now = timezone.now()
    incident = create_incident(actor=users["duty"], now=now, data={
        "type_code": "1.1.1", "occurred_at": now - timedelta(minutes=40), "received_at": now - timedelta(minutes=10),
        "lon": LAOCHI.seat[0] + 0.002, "lat": LAOCHI.seat[1] + 0.001, "statement": "老池镇场镇暴雨积水"})
    activate(actor=users["commander"], incident=incident, version=Plan.objects.get(code="YA-FX").current_version(),
             level="response_4")
    return incident


def _body(about, **changes):
    from yingji.resources.models import Expert

    expert = Expert.objects.filter(field="flood").order_by("code").first()
    return {"incident": str(about.uuid), "title": "老池镇内涝研判会商", "agenda": "一、通报雨情；二、研判转移",
            "scheduled_at": (timezone.now() + timedelta(minutes=20)).isoformat(), "room_template": "HYS-JITSI",
            "departments": ["ORG-WATER", "ORG-MET"], "experts": [expert.code], **changes}


def test_the_whole_meeting_through_the_api(api, client, users, responding):
    commander = api(users["commander"])
    created = commander.post(BASE, _body(responding), format="json")
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["room_link"].startswith("https://meet.chuanshan.example/yingji-") and body["state"] == "scheduled"
    assert [i["organization"] for i in body["invitees"]][:2] == ["ORG-WATER", "ORG-MET"]
    assert body["incident"] == str(responding.uuid)
    uuid = body["uuid"]
    assert TimelineEntry.objects.filter(incident=responding, kind="consultation").exists()

    more = commander.post(f"{BASE}{uuid}/invitees/", {"departments": ["ORG-NRP"]}, format="json")
    assert more.status_code == 201 and more.json()["invitees"][0]["name"] == "自然资源规划分局"
    again = commander.post(f"{BASE}{uuid}/invitees/", {"departments": ["ORG-WATER"]}, format="json")
    assert again.status_code == 400 and again.json()["error"]["code"] == "already_invited"

    liaison = api(users["liaison-water"])
    acked = liaison.post(f"{BASE}{uuid}/acknowledge/", {}, format="json")
    assert acked.status_code == 200
    water = next(i for i in acked.json()["invitees"] if i["organization"] == "ORG-WATER")
    assert water["acknowledged_at"]
    assert liaison.post(f"{BASE}{uuid}/acknowledge/", {}, format="json").json()["error"]["code"] == "not_invited"
    assert liaison.put(f"{BASE}{uuid}/minutes/", {"minutes": "x"}, format="json").status_code == 403
    expert = next(i for i in acked.json()["invitees"] if i["kind"] == "expert")
    by_phone = commander.post(f"{BASE}{uuid}/acknowledge/", {"invitee": expert["id"]}, format="json").json()
    assert next(i for i in by_phone["invitees"] if i["id"] == expert["id"])["ack_note"] == "电话确认"

    present = commander.post(f"{BASE}{uuid}/attendance/", {"present": [{"invitee": water["id"],
                                                                         "attendee": "张水利"}]}, format="json")
    assert present.status_code == 200 and present.json()["state"] == "open"
    version = present.json()["version"]
    saved = commander.put(f"{BASE}{uuid}/minutes/", {"minutes": "一致认为须提前转移低洼处群众。", "version": version},
                          format="json")
    assert saved.status_code == 200 and saved.json()["minutes"] == "一致认为须提前转移低洼处群众。"
    stale = commander.put(f"{BASE}{uuid}/minutes/", {"minutes": "旧稿", "version": version}, format="json")
    assert stale.status_code == 409 and stale.json()["error"]["code"] == "edit_conflict"

    deadline = (timezone.now() + timedelta(hours=2)).replace(microsecond=0)
    decided = commander.post(f"{BASE}{uuid}/decisions/", {
        "kind": "task", "text": "转移老池镇场镇低洼处群众", "organization": "ORG-WATER", "owner": "张水利",
        "deadline": deadline.isoformat()}, format="json")
    assert decided.status_code == 201, decided.json()
    task = Decision.objects.get(uuid=decided.json()["uuid"]).task
    assert str(task.uuid) == decided.json()["task"] and task.deadline == deadline
    client.force_login(users["commander"])
    assert "转移老池镇场镇低洼处群众" in client.get(f"/plans/incident/{responding.uuid}/").content.decode()

    closed = commander.post(f"{BASE}{uuid}/close/")
    assert closed.status_code == 200 and closed.json()["state"] == "closed"
    frozen = commander.put(f"{BASE}{uuid}/minutes/", {"minutes": "改"}, format="json")
    assert frozen.status_code == 409 and frozen.json()["error"]["code"] == "consultation_closed"
    listed = liaison.get(BASE).json()["results"]
    assert uuid in [row["uuid"] for row in listed]
    full = liaison.get(f"{BASE}{uuid}/").json()
    assert full["decisions"][0]["text"] == "转移老池镇场镇低洼处群众" and full["minutes"].startswith("一致认为")


@pytest.mark.parametrize(("changes", "code", "field"), [
    ({"title": ""}, "title_required", "title"),
    ({"agenda": "   "}, "agenda_required", "agenda"),
    ({"scheduled_at": "2026-13-45T09:00"}, "invalid_datetime", "scheduled_at"),
    ({"scheduled_at": "0001-01-01T00:00"}, "date_out_of_range", "scheduled_at"),
    ({"departments": ["ORG-NOPE"]}, "unknown_organization", "departments"),
    ({"departments": "ORG-WATER"}, "invalid_type", "departments"),
    ({"departments": [], "experts": []}, "invitees_required", "departments"),
    ({"room_template": "HYS-NONE"}, "unknown_room_template", "room_template"),
    ({"incident": "not-a-uuid"}, "invalid_incident", "incident"),
])
def test_bad_convening_is_refused_by_field_and_nothing_is_saved(api, users, responding, changes, code, field):
    before = (Consultation.objects.count(), Invitee.objects.count())
    answer = api(users["commander"]).post(BASE, _body(responding, **changes), format="json")
    assert answer.status_code == 400, answer.json()
    error = answer.json()["error"]
    assert error["code"] == code and field in error["fields"] and error["message"]
    assert (Consultation.objects.count(), Invitee.objects.count()) == before


def test_bad_steps_are_refused_by_field(api, users, responding):
    commander = api(users["commander"])
    uuid = commander.post(BASE, _body(responding), format="json").json()["uuid"]
    unknown = commander.post(f"{BASE}{uuid}/attendance/", {"present": [{"invitee": 999999}]}, format="json")
    assert unknown.status_code == 400 and "present.0.invitee" in unknown.json()["error"]["fields"]
    past = commander.post(f"{BASE}{uuid}/decisions/", {
        "kind": "instruction", "text": "巡查", "organization": "ORG-WATER", "deadline": "2020-01-01T00:00:00+08:00"},
        format="json")
    assert past.status_code == 400 and past.json()["error"]["code"] == "deadline_in_past"
    nobody = commander.post(f"{BASE}{uuid}/decisions/", {"kind": "instruction", "text": "巡查", "organization": "NOPE",
                                                         "deadline": "2099-01-01T00:00:00+08:00"}, format="json")
    assert nobody.status_code == 400 and "organization" in nobody.json()["error"]["fields"]
    no_minutes = commander.post(f"{BASE}{uuid}/close/")
    assert no_minutes.status_code == 400 and no_minutes.json()["error"]["code"] == "minutes_required"
    assert not Decision.objects.exists()


def test_permissions_and_jurisdiction(api, users):
    own = services.convene(actor=users["township-longfeng"], subject="forecast", title="龙凤镇会商", agenda="议程",
                           scheduled_at=timezone.now(), departments=["ORG-WATER"])
    assert api(users["township-guihua"]).get(f"{BASE}{own.uuid}/").status_code == 404
    assert api(users["township-longfeng"]).get(f"{BASE}{own.uuid}/").status_code == 200
    assert api(None).get(BASE).status_code in (401, 403)
    refused = api(users["enterprise"]).get(BASE)
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "permission_denied"
    liaison = api(users["liaison-water"]).post(BASE, {"subject": "forecast", "title": "t", "agenda": "a",
                                                      "scheduled_at": timezone.now().isoformat(),
                                                      "departments": ["ORG-MET"]}, format="json")
    assert liaison.status_code == 403


def test_inviting_more_from_the_page_tells_only_the_new_unit(client, users):
    from yingji.channels.models import Message
    from yingji.core.events import dispatch_pending

    consultation = services.convene(actor=users["commander"], subject="forecast", title="汛期研判", agenda="议程",
                                    scheduled_at=timezone.now() + timedelta(hours=1), departments=["ORG-MET"])
    dispatch_pending()
    client.force_login(users["commander"])
    assert 'id="invite-form"' in client.get(f"/consultation/{consultation.uuid}/").content.decode()
    assert client.post(f"/consultation/{consultation.uuid}/invite/", {"departments": ["ORG-WATER"]}).status_code == 302
    assert consultation.invitees.filter(organization__code="ORG-WATER").exists()
    dispatch_pending()
    liaison = users["liaison-water"]
    assert Message.objects.filter(address=liaison.username, subject__contains="确认参加会商").count() == 1
    again = client.post(f"/consultation/{consultation.uuid}/invite/", {"departments": ["ORG-WATER"]})
    assert again.status_code == 400 and "已邀请：区水利局" in again.content.decode()
