"""The duty log, instructions, handovers and roll calls at the service level, with a controlled clock."""

from datetime import timedelta

import pytest
from django.utils import timezone

from yingji.core.errors import DomainError, PermissionDeniedError
from yingji.core.models import OutboxEvent
from yingji.duty import services
from yingji.duty.handovers import sweep as sweep_handovers
from yingji.duty.models import ImmutableEntryError, Instruction, LogEntry, RollCallTarget, Shift
from yingji.duty.rollcalls import monthly_stats
from yingji.duty.rollcalls import sweep as sweep_roll_calls

pytestmark = pytest.mark.django_db


def test_log_entries_cannot_be_edited_and_corrections_are_new_entries(users, regions):
    entry = services.log_call(actor=users["duty"], region=regions["district"], summary="桂花镇报告水位上涨",
                              counterpart="桂花镇值班室")
    entry.summary = "改过的内容"
    with pytest.raises(ImmutableEntryError):
        entry.save()
    with pytest.raises(ImmutableEntryError):
        entry.delete()
    fix = services.correct(entry, actor=users["duty"], summary="更正：报告人为桂花镇应急办")
    assert fix.corrects == entry and LogEntry.objects.get(pk=entry.pk).summary == "桂花镇报告水位上涨"
    with pytest.raises(DomainError) as blank:
        services.log_call(actor=users["duty"], region=regions["district"], summary="  ")
    assert blank.value.code == "summary_required"


def test_a_call_about_a_known_incident_is_linked_and_noted_on_its_timeline(users, regions, report_incident):
    incident = report_incident()
    entry = services.log_call(actor=users["duty"], region=regions["district"], summary="镇上回电：已疏散 12 人",
                              incident_uuid=incident.uuid)
    assert entry.incident_uuid == incident.uuid and entry.incident_label == incident.name
    assert incident.timeline.filter(body__contains="已疏散 12 人").exists()
    with pytest.raises(DomainError) as unknown:
        services.log_call(actor=users["duty"], region=regions["district"], summary="x",
                          incident_uuid="00000000-0000-0000-0000-000000000000")
    assert unknown.value.code == "unknown_incident"


def test_an_instruction_is_followed_to_completion_with_its_due_time(users, regions):
    now = timezone.now()
    instruction = services.log_instruction(actor=users["duty"], region=regions["district"], issuer="市应急局",
                                           text="18 时前报送转移人数", received_at=now,
                                           due_at=now + timedelta(hours=2))
    assert instruction.entry.kind == "instruction"
    assert instruction.is_overdue(now + timedelta(hours=3))
    with pytest.raises(DomainError) as no_result:
        services.complete_instruction(instruction, actor=users["duty"], note="")
    assert no_result.value.code == "result_required"
    done = services.complete_instruction(instruction, actor=users["duty"], note="已报送 86 人")
    assert done.status == "done" and done.completed_by == users["duty"]
    assert LogEntry.objects.filter(summary__contains="已报送 86 人").exists()
    with pytest.raises(DomainError):
        services.log_instruction(actor=users["duty"], region=regions["district"], issuer="x", text="y",
                                 received_at=now, due_at=now - timedelta(hours=1))
    assert Instruction.objects.filter(issuer="x").count() == 0


def test_a_handover_gathers_pending_items_and_the_author_cannot_accept_it(users, regions, report_incident):
    incident = report_incident()
    services.log_instruction(actor=users["duty"], region=regions["district"], issuer="区长", text="盯紧滑坡点")
    shift = Shift.objects.filter(post__code="DP-EMB-OFFICER", start__lte=timezone.now(),
                                 end__gt=timezone.now()).get()
    handover = services.open_handover(shift=shift, actor=users["duty"])
    handover = services.submit_handover(handover, actor=users["duty"], remarks="注意滑坡点")
    texts = {s["key"]: " ".join(s["items"]) for s in handover.pending}
    assert incident.name in texts["incidents"] and "盯紧滑坡点" in texts["instructions"]
    with pytest.raises(DomainError) as own:
        services.accept_handover(handover, actor=users["duty"])
    assert own.value.code == "own_handover"
    handover.refresh_from_db()
    assert handover.status == "submitted"
    returned = services.return_handover(handover, actor=users["commander"], reason="未写明车辆情况")
    assert returned.status == "returned"
    services.submit_handover(returned, actor=users["duty"], notes="车辆正常")
    assert services.accept_handover(returned, actor=users["commander"]).status == "accepted"


def test_a_handover_not_done_in_time_is_announced_once(users):
    shift = Shift.objects.filter(post__code="DP-EMB-CHIEF", start__lte=timezone.now(),
                                 end__gt=timezone.now()).get()
    handover = services.open_handover(shift=shift, actor=users["duty"])
    assert handover.due_at == shift.end + timedelta(minutes=30)
    late = handover.due_at + timedelta(minutes=1)
    sweep_handovers(late)
    sweep_handovers(late + timedelta(minutes=5))
    assert OutboxEvent.objects.filter(kind="duty.handover_overdue", aggregate_id=str(handover.uuid)).count() == 1


def test_roll_call_results_on_time_late_missed_and_monthly_statistics(users, regions):
    from yingji.core.models import Organization

    guihua = Organization.objects.get(kind="township", region=regions["guihua"])
    longfeng = Organization.objects.get(kind="township", region=regions["longfeng"])
    water = Organization.objects.get(code="ORG-WATER")
    now = timezone.now()
    roll_call = services.send_roll_call(actor=users["duty"], region=regions["district"], window_minutes=5,
                                        organizations=[guihua, longfeng, water], now=now)
    target = {t.organization_id: t for t in roll_call.targets.all()}
    services.acknowledge_roll_call(target[guihua.pk], actor=users["township-guihua"], now=now + timedelta(minutes=2))
    with pytest.raises(PermissionDeniedError) as other:
        services.acknowledge_roll_call(target[longfeng.pk], actor=users["township-guihua"])
    assert other.value.code == "not_your_roll_call"
    sweep_roll_calls(now + timedelta(minutes=6))
    assert RollCallTarget.objects.get(pk=target[longfeng.pk].pk).result == "missed"
    assert OutboxEvent.objects.filter(kind="duty.rollcall_missed", aggregate_id=str(target[longfeng.pk].uuid)).exists()
    late = services.acknowledge_roll_call(target[longfeng.pk], actor=users["township-longfeng"],
                                          now=now + timedelta(minutes=9))
    assert late.result == "late"
    stats = {row["organization__code"]: row for row in monthly_stats(timezone.localdate(now), regions["district"])}
    assert stats[guihua.code]["on_time"] >= 1 and stats[longfeng.code]["late"] >= 1
    assert stats[water.code]["missed"] >= 1
    with pytest.raises(DomainError) as empty:
        services.send_roll_call(actor=users["duty"], region=regions["district"], organizations=[])
    assert empty.value.code == "no_targets"


def test_a_missed_roll_call_escalates_to_the_township_desk(users, regions, quiet_outbox):
    from yingji.channels.models import Message
    from yingji.core.models import Organization
    from yingji.duty.models import Escalation
    from yingji.duty.scheduler import tick

    guihua = Organization.objects.get(kind="township", region=regions["guihua"])
    now = timezone.now()
    roll_call = services.send_roll_call(actor=users["duty"], region=regions["district"], window_minutes=5,
                                        organizations=[guihua], now=now)
    target = roll_call.targets.get()
    tick(now=now + timedelta(minutes=6))
    escalation = Escalation.objects.get(chain__code="ESC-ROLLCALL", source_id=str(target.uuid))
    messages = Message.objects.filter(source_id=str(escalation.uuid))
    assert messages.count() == 1 and messages[0].contacts.get("username") == "township-guihua"
    services.acknowledge_roll_call(target, actor=users["township-guihua"], now=now + timedelta(minutes=7))
    tick(now=now + timedelta(minutes=20))
    escalation.refresh_from_db()
    assert escalation.status == "acknowledged"


def test_a_roll_call_answered_through_the_message_link(users, regions, quiet_outbox):
    from yingji.channels.models import Channel, Message
    from yingji.channels.services import ack_url, acknowledge, expand_links
    from yingji.core.models import Organization

    guihua = Organization.objects.get(kind="township", region=regions["guihua"])
    now = timezone.now()
    roll_call = services.send_roll_call(actor=users["duty"], region=regions["district"], organizations=[guihua],
                                        channel=Channel.objects.get(code="DUTY-INAPP"), now=now)
    target = roll_call.targets.get()
    message = Message.objects.get(source_id=str(target.uuid))
    assert f"确认收到请点击：{ack_url(message)}" in expand_links(message).body, "each desk gets its own link"
    acknowledge(message.ack_token, now=now + timedelta(minutes=1))
    sweep_roll_calls(now + timedelta(minutes=2))
    target.refresh_from_db()
    assert target.result == "on_time" and target.answered_via == "link"
