"""Convening a consultation, invitees told and acknowledging, attendance and minutes, decisions that become a
response task or a duty instruction in one step, the incident timeline, and the 会商纪要 DOCX."""

import io
import zipfile
from datetime import timedelta

import pytest
from django.utils import timezone

from yingji.channels.models import Message
from yingji.consultation import services
from yingji.consultation.models import Consultation, Decision, RoomTemplate
from yingji.core.events import dispatch_pending
from yingji.core.extensions import todo_items
from yingji.core.models import Organization
from yingji.demo.townships import township
from yingji.incidents.models import TimelineEntry

pytestmark = pytest.mark.django_db
LAOCHI = township("老池镇")


@pytest.fixture
def flood(users):
    from yingji.incidents.services import create_incident

    now = timezone.now()
    return create_incident(actor=users["duty"], now=now, data={
        "type_code": "1.1.1", "occurred_at": now - timedelta(minutes=40), "received_at": now - timedelta(minutes=10),
        "lon": LAOCHI.seat[0] + 0.002, "lat": LAOCHI.seat[1] + 0.001,
        "statement": "老池镇场镇暴雨积水，低洼处群众被困"})


@pytest.fixture
def responding(flood, users):
    from yingji.plans.activation import activate
    from yingji.plans.models import Plan

    activate(actor=users["commander"], incident=flood, version=Plan.objects.get(code="YA-FX").current_version(),
             level="response_4")
    return flood


def _convene(client, incident, **extra):
    from yingji.resources.models import Expert

    expert = Expert.objects.filter(field="flood").order_by("code").first()
    body = {"incident": str(incident.uuid), "title": "老池镇内涝研判会商", "agenda": "一、通报雨情；二、研判转移",
            "scheduled_at": timezone.localtime(timezone.now() + timedelta(minutes=20)).strftime("%Y-%m-%dT%H:%M"),
            "room_template": str(RoomTemplate.objects.get(code="HYS-JITSI").uuid),
            "departments": ["ORG-WATER", "ORG-MET"], "experts": [expert.code], **extra}
    return client.post("/consultation/new/", body)


def test_convening_invites_tells_and_puts_it_on_the_timeline(client, users, flood):
    client.force_login(users["commander"])
    response = _convene(client, flood)
    assert response.status_code == 302, response.content.decode()[:2000]
    consultation = Consultation.objects.get(incident=flood)
    assert consultation.room_link.startswith("https://meet.chuanshan.example/yingji-")
    assert [i.name for i in consultation.invitees.order_by("id")][:2] == ["区水利局", "区气象局"]
    assert consultation.invitees.filter(kind="expert").count() == 1
    assert TimelineEntry.objects.filter(incident=flood, kind="consultation",
                                        title__contains="老池镇内涝研判会商").exists()
    dispatch_pending()
    liaison = users["liaison-water"]
    assert Message.objects.filter(address=liaison.username, subject__contains="确认参加会商").exists()
    inbox = dict((p.key, items) for p, items in todo_items(liaison))
    assert "老池镇内涝研判会商" in [i.title for i in inbox["consultation.invitations"]]
    page = client.get(f"/consultation/{consultation.uuid}/").content.decode()
    assert "进入视频会议室" in page and f"/incidents/{flood.uuid}/" in page and f"/plans/incident/{flood.uuid}/" in page


def test_an_invited_unit_acknowledges_and_the_expert_is_confirmed_by_phone(client, users, flood):
    client.force_login(users["commander"])
    _convene(client, flood)
    consultation = Consultation.objects.get(incident=flood)
    client.force_login(users["liaison-water"])
    assert "确认参会" in client.get(f"/consultation/{consultation.uuid}/").content.decode()
    assert client.post(f"/consultation/{consultation.uuid}/acknowledge/").status_code == 302
    water = consultation.invitees.get(organization__code="ORG-WATER")
    assert water.acknowledged_by == users["liaison-water"]
    assert client.post(f"/consultation/{consultation.uuid}/acknowledge/").status_code == 400  # already done
    expert = consultation.invitees.get(kind="expert")
    assert client.post(f"/consultation/{consultation.uuid}/invitees/{expert.pk}/acknowledge/").status_code == 403
    client.force_login(users["commander"])
    client.post(f"/consultation/{consultation.uuid}/invitees/{expert.pk}/acknowledge/")
    expert.refresh_from_db()
    assert expert.acknowledged_at and expert.ack_note == "电话确认"
    waiting = [i.title for p, items in todo_items(users["liaison-water"]) for i in items
               if p.key == "consultation.invitations"]
    assert "老池镇内涝研判会商" not in waiting


def test_a_decision_becomes_a_task_of_the_response_in_one_step(client, users, responding):
    client.force_login(users["commander"])
    _convene(client, responding)
    consultation = Consultation.objects.get(incident=responding)
    water = consultation.invitees.get(organization__code="ORG-WATER")
    client.post(f"/consultation/{consultation.uuid}/attendance/", {"present": [str(water.pk)],
                                                                    f"attendee-{water.pk}": "张水利"})
    client.post(f"/consultation/{consultation.uuid}/minutes/", {"minutes": "一致认为须提前转移低洼处群众。",
                                                                "version": str(Consultation.objects.get(
                                                                    pk=consultation.pk).version)})
    deadline = timezone.localtime(timezone.now() + timedelta(hours=2)).replace(second=0, microsecond=0)
    response = client.post(f"/consultation/{consultation.uuid}/decisions/", {
        "text": "转移老池镇场镇低洼处群众", "kind": "task", "organization": "ORG-WATER", "owner": "张水利",
        "deadline": deadline.strftime("%Y-%m-%dT%H:%M")})
    assert response.status_code == 302, response.content.decode()[:3000]
    decision = Decision.objects.get(consultation=consultation)
    task = decision.task
    assert task.title == "转移老池镇场镇低洼处群众" and task.organization.code == "ORG-WATER"
    assert task.deadline == deadline and task.incident == responding
    page = client.get(f"/plans/incident/{responding.uuid}/").content.decode()
    assert "转移老池镇场镇低洼处群众" in page
    assert TimelineEntry.objects.filter(incident=responding, kind="consult_decision").exists()
    consultation.refresh_from_db()
    assert consultation.state == "open" and consultation.invitees.get(pk=water.pk).attendee == "张水利"


def test_a_decision_becomes_a_duty_instruction(users, flood):
    consultation = services.convene(actor=users["commander"], incident=flood, title="研判", agenda="议程",
                                    scheduled_at=timezone.now(), departments=["ORG-WATER"])
    decision = services.decide(actor=users["commander"], consultation=consultation, kind="instruction",
                               text="加密巡查涪江堤防", organization=Organization.objects.get(code="ORG-WATER"),
                               owner="李四", deadline=timezone.now() + timedelta(hours=4))
    instruction = decision.instruction
    assert instruction.text == "加密巡查涪江堤防" and instruction.assignee == "区水利局 李四"
    assert instruction.issuer.startswith("会商：研判")


@pytest.mark.parametrize(("changes", "code", "field"), [
    ({"kind": "task"}, "no_active_response", "kind"),
    ({"deadline": "2020-01-01T00:00"}, "deadline_in_past", "deadline"),
    ({"deadline": "soon"}, "invalid_datetime", "deadline"),
    ({"text": "  "}, "text_required", "text"),
    ({"kind": "nonsense"}, "invalid_kind", "kind"),
])
def test_bad_decisions_are_refused_and_nothing_is_half_made(users, flood, changes, code, field):
    from yingji.core.errors import DomainError
    from yingji.duty.models import Instruction
    from yingji.plans.models import Task

    consultation = services.convene(actor=users["commander"], incident=flood, title="研判", agenda="议程",
                                    scheduled_at=timezone.now(), departments=["ORG-WATER"])
    before = (Task.objects.count(), Instruction.objects.count(), Decision.objects.count())
    body = {"kind": "instruction", "text": "加密巡查", "deadline": timezone.now() + timedelta(hours=1), **changes}
    with pytest.raises(DomainError) as refused:
        services.decide(actor=users["commander"], consultation=consultation,
                        organization=Organization.objects.get(code="ORG-WATER"), **body)
    assert refused.value.code == code and field in refused.value.fields
    assert (Task.objects.count(), Instruction.objects.count(), Decision.objects.count()) == before


@pytest.mark.parametrize(("changes", "field"), [
    ({"title": ""}, "title"), ({"agenda": ""}, "agenda"), ({"scheduled_at": "x"}, "scheduled_at"),
    ({"departments": ["ORG-NOPE"]}, "departments"), ({"departments": [], "experts": []}, "departments"),
])
def test_bad_convening_is_refused_with_the_field_and_nothing_saved(client, users, flood, changes, field):
    client.force_login(users["commander"])
    before = Consultation.objects.count()
    response = _convene(client, flood, **changes)
    assert response.status_code == 400
    assert f'data-field="{field}"' in response.content.decode()
    assert Consultation.objects.count() == before


def test_closing_needs_minutes_then_freezes_and_the_docx_is_a_summary(client, users, flood):
    consultation = services.convene(actor=users["commander"], incident=flood, title="老池镇内涝研判", agenda="议程一",
                                    scheduled_at=timezone.now(), departments=["ORG-WATER", "ORG-MET"])
    client.force_login(users["commander"])
    assert client.post(f"/consultation/{consultation.uuid}/close/").status_code == 400
    services.save_minutes(actor=users["commander"], consultation=consultation, minutes="会商认为雨情趋缓。")
    services.decide(actor=users["commander"], consultation=consultation, kind="instruction", text="持续监测水位",
                    organization=Organization.objects.get(code="ORG-WATER"),
                    deadline=timezone.now() + timedelta(hours=6))
    assert client.post(f"/consultation/{consultation.uuid}/close/").status_code == 302
    consultation.refresh_from_db()
    assert consultation.state == "closed"
    assert client.post(f"/consultation/{consultation.uuid}/minutes/", {"minutes": "改"}).status_code == 400
    docx = client.get(f"/consultation/{consultation.uuid}/summary.docx")
    assert docx.status_code == 200
    xml = zipfile.ZipFile(io.BytesIO(docx.content)).read("word/document.xml").decode()
    for text in ("老池镇内涝研判会商纪要", "会商认为雨情趋缓。", "持续监测水位", "区水利局", "议定事项"):
        assert text in xml
    assert TimelineEntry.objects.filter(incident=flood, kind="consultation", title__startswith="会商结束").exists()


def test_a_township_officer_sees_the_districts_consultations_but_not_the_other_townships(client, users, flood):
    district = services.convene(actor=users["commander"], incident=flood, title="区级会商", agenda="议程",
                                scheduled_at=timezone.now(), departments=["ORG-WATER"])
    own = services.convene(actor=users["township-longfeng"], subject="forecast", title="龙凤镇会商", agenda="议程",
                           scheduled_at=timezone.now(), departments=["ORG-WATER"])
    client.force_login(users["township-guihua"])
    page = client.get(f"/consultation/{district.uuid}/")
    assert page.status_code == 200 and f"/incidents/{flood.uuid}/" not in page.content.decode()  # 老池镇's incident
    assert client.get(f"/consultation/{own.uuid}/").status_code == 404
    assert client.get(f"/consultation/{own.uuid}/summary.docx").status_code == 404
