"""Escalation chains with a controlled clock: each step fires once at its due time, through its channel;
acknowledging stops the chain; a restart neither skips nor repeats a step. Tests never sleep."""

from datetime import timedelta

import pytest
from django.utils import timezone

from yingji.channels.models import Message
from yingji.channels.services import ack_url
from yingji.channels.services import acknowledge as acknowledge_link
from yingji.duty import services
from yingji.duty.models import Escalation, EscalationChain
from yingji.duty.oncall import holders
from yingji.duty.scheduler import tick

pytestmark = pytest.mark.django_db


def _escalation(incident):
    return Escalation.objects.get(chain__code="ESC-INCIDENT", source_id=str(incident.uuid))


def _holder(role, at):
    return next(r.person for r in holders(at, roles=[role]) if r.post.organization.code == "ORG-EMB")


def _sms_for(sink, incident):
    return [r for r in sink.requests if f"新接报：{incident.name}" in r["json"]["content"]]


def test_an_unacknowledged_incident_escalates_step_by_step_to_the_chief(sms_sink, report_incident):
    incident = report_incident()
    tick(now=timezone.now())
    escalation = _escalation(incident)
    t0 = escalation.started_at
    officer = _holder("officer", t0)
    first = Message.objects.get(source_id=str(escalation.uuid), recipient_name=officer.name)
    assert first.channel.code == "DUTY-INAPP" and incident.name in first.body
    assert _sms_for(sms_sink, incident) == []

    tick(now=t0 + timedelta(minutes=9))
    assert _sms_for(sms_sink, incident) == [], "the chief is not told before the wait is over"

    tick(now=t0 + timedelta(minutes=10, seconds=1))
    chief = _holder("chief", t0 + timedelta(minutes=10))
    sent = _sms_for(sms_sink, incident)
    assert [r["json"]["phone"] for r in sent] == [chief.mobile]
    assert "值班长" in sent[0]["json"]["content"]
    chief_message = Message.objects.get(source_id=str(escalation.uuid), recipient_name=chief.name)
    assert f"确认收到请点击：{ack_url(chief_message)}" in sent[0]["json"]["content"], "the chief's own link"

    tick(now=t0 + timedelta(minutes=10, seconds=2))
    assert len(_sms_for(sms_sink, incident)) == 1, "a step fires once"
    steps = list(escalation.fires.order_by("due_at").values_list("status", flat=True))
    assert steps == ["fired", "fired", "scheduled", "scheduled"]


def test_acknowledging_on_the_desk_stops_the_chain(users, sms_sink, report_incident):
    incident = report_incident()
    tick(now=timezone.now())
    escalation = _escalation(incident)
    services.acknowledge_escalation(escalation, actor=users["duty"])
    tick(now=escalation.started_at + timedelta(hours=2))
    escalation.refresh_from_db()
    assert escalation.status == "acknowledged" and "已确认" in escalation.stop_reason
    assert list(escalation.fires.values_list("status", flat=True)) == ["fired", "cancelled", "cancelled", "cancelled"]
    assert _sms_for(sms_sink, incident) == []


def test_the_acknowledgement_link_in_a_message_stops_the_chain(sms_sink, report_incident):
    incident = report_incident()
    tick(now=timezone.now())
    escalation = _escalation(incident)
    acknowledge_link(Message.objects.get(source_id=str(escalation.uuid)).ack_token)
    tick(now=escalation.started_at + timedelta(minutes=11))
    escalation.refresh_from_db()
    assert escalation.status == "acknowledged" and "通知链接" in escalation.stop_reason
    assert _sms_for(sms_sink, incident) == []


def test_verifying_the_incident_stops_the_chain(users, sms_sink, report_incident):
    from yingji.incidents.workflows import fire_incident

    incident = report_incident()
    tick(now=timezone.now())
    fire_incident(incident, "verify", actor=users["duty"])
    tick(now=_escalation(incident).started_at + timedelta(minutes=30))
    assert _escalation(incident).status == "acknowledged"
    assert _sms_for(sms_sink, incident) == []


def test_after_a_long_outage_every_due_step_fires_once_and_none_is_skipped(sms_sink, report_incident):
    incident = report_incident()
    tick(now=timezone.now(), deliver=False)  # the chain starts; then the scheduler is down for 40 minutes
    escalation = _escalation(incident)
    later = escalation.started_at + timedelta(minutes=40)
    tick(now=later)
    tick(now=later)
    assert list(escalation.fires.values_list("status", flat=True)) == ["fired"] * 4
    sent = _sms_for(sms_sink, incident)
    assert len(sent) == 3, "值班长, 带班领导 and 分管领导 by SMS, each once"
    assert len({r["headers"]["Idempotency-Key"] for r in sent}) == 3
    escalation.refresh_from_db()
    assert escalation.status == "exhausted"


def test_a_disabled_channel_falls_back_to_in_app_messages(quiet_outbox, report_incident):
    incident = report_incident()
    tick(now=timezone.now())
    escalation = _escalation(incident)
    tick(now=escalation.started_at + timedelta(minutes=11))
    chief_step = escalation.fires.order_by("due_at")[1]
    assert "已停用" in chief_step.outcome and "站内" in chief_step.outcome
    assert Message.objects.filter(source_id=str(escalation.uuid), channel__code="DUTY-INAPP").count() == 2


def test_a_chain_repeats_its_rounds(users, regions, quiet_outbox, report_incident):
    from yingji.channels.models import Channel

    inapp = Channel.objects.get(code="DUTY-INAPP")
    EscalationChain.objects.filter(code="ESC-INCIDENT").update(enabled=False)
    services.save_chain(actor=users["commander"], code="ESC-TWICE", name="两轮", region=regions["district"],
                        event_kind="incident.reported", repeat=1,
                        steps=[{"target": "officer", "wait_minutes": 0, "channel": inapp},
                               {"target": "chief", "wait_minutes": 5, "channel": inapp}])
    incident = report_incident()
    tick(now=timezone.now())
    escalation = Escalation.objects.get(chain__code="ESC-TWICE", source_id=str(incident.uuid))
    offsets = [(f.due_at - escalation.started_at).total_seconds() / 60 for f in escalation.fires.order_by("due_at")]
    assert offsets == [0, 5, 5, 10]


def test_a_chain_with_no_step_is_refused_and_nothing_is_saved(users, api):
    before = EscalationChain.objects.count()
    response = api(users["commander"]).post("/api/duty/escalation-chains/", {
        "code": "ESC-EMPTY", "name": "空链", "event_kind": "incident.reported", "steps": []}, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "no_steps"
    assert "至少需要一个步骤" in response.json()["error"]["message"]
    assert EscalationChain.objects.count() == before


def test_a_chain_is_created_through_the_api(users, api):
    response = api(users["commander"]).post("/api/duty/escalation-chains/", {
        "code": "ESC-API", "name": "接口创建", "event_kind": "duty.handover_overdue",
        "steps": [{"target": "chief", "wait_minutes": 0, "channel": "DUTY-INAPP"},
                  {"target": "person", "wait_minutes": 20, "channel": "DUTY-INAPP", "person": "P-EMB-2"}]},
        format="json")
    assert response.status_code == 201, response.content
    assert response.json()["steps"] == 2
    bad = api(users["commander"]).post("/api/duty/escalation-chains/", {
        "code": "ESC-BAD", "name": "x", "event_kind": "nothing", "steps": [
            {"target": "chief", "channel": "DUTY-INAPP"}]}, format="json")
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "invalid_event_kind"


def test_a_task_not_accepted_escalates_until_it_is_accepted(quiet_outbox, regions):
    from yingji.core.events import dispatch_pending, publish

    task = "5b4c8f0e-0000-4000-8000-000000000001"
    event = publish("plans.task_assigned", {"uuid": task, "title": "新任务：转移漆家桥村民"}, region=regions["guihua"])
    dispatch_pending()
    escalation = Escalation.objects.get(chain__code="ESC-TASK", source_id=task)
    assert [f.due_at - event.created for f in escalation.fires.order_by("due_at")] == [
        timedelta(minutes=15), timedelta(minutes=30)]
    tick(now=event.created + timedelta(minutes=16))
    assert list(escalation.fires.order_by("due_at").values_list("status", flat=True)) == ["fired", "scheduled"]
    publish("task.accept", {"uuid": task, "title": "接收任务"})
    dispatch_pending()
    escalation.refresh_from_db()
    assert escalation.status == "acknowledged"
