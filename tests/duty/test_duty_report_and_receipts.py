"""The daily report's warnings, escalation on unconfirmed warning receipts, the worker hook and the settings."""

import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from yingji.channels.models import Channel, Message
from yingji.channels.services import acknowledge
from yingji.core.events import dispatch_pending, publish
from yingji.duty import services
from yingji.duty.models import Escalation
from yingji.duty.scheduler import tick

pytestmark = pytest.mark.django_db
RED = "船山区气象台发布暴雨红色预警信号"  # demo: in force 2020-08-13 06:00 → cancelled 2020-08-17 18:00
YELLOW = "船山区气象台发布暴雨黄色预警信号"  # demo: in force from two hours ago


def _warnings_section(client, day):
    page = client.get(f"/duty/report/?date={day}").content.decode()
    return page[page.index("三、预警信息"):page.index("四、上级指示批示")]


def test_the_daily_report_lists_only_the_warnings_in_force_that_day(client, users):
    client.force_login(users["duty"])
    august = _warnings_section(client, "2020-08-14")
    assert RED in august, "in force that day, though cancelled since"
    assert YELLOW not in august, "published years later"
    assert "当日无生效中的预警信息" in _warnings_section(client, "2020-08-20")
    today = _warnings_section(client, f"{timezone.localdate():%Y-%m-%d}")
    assert YELLOW in today and RED not in today


@pytest.fixture
def receipt_chain(users, regions, quiet_outbox):
    inapp = Channel.objects.get(code="DUTY-INAPP")
    return services.save_chain(actor=users["commander"], code="ESC-RECEIPT", name="预警接收未确认升级",
                               region=regions["district"], event_kind="warning.receipt_requested",
                               steps=[{"target": "officer", "wait_minutes": 15, "channel": inapp},
                                      {"target": "chief", "wait_minutes": 15, "channel": inapp}])


def _warning_message(**fields):
    channel = Channel.objects.get(code="DUTY-INAPP")
    fields = {"status": "sent", **fields}
    return Message.objects.create(channel=channel, address="township-guihua", recipient_name="桂花镇值班室",
                                  subject="暴雨预警", body="请确认收到：{ack_url}",
                                  idempotency_key=f"test-warning:{uuid.uuid4()}", **fields)


def _receipt_requested(message, regions):
    event = publish("warning.receipt_requested", {"uuid": str(message.uuid), "title": "暴雨预警未确认接收",
                                                  "warning": "00000000-0000-4000-8000-000000000007"},
                    region=regions["guihua"])
    dispatch_pending(now=event.created)
    return event, Escalation.objects.get(chain__code="ESC-RECEIPT", source_id=str(message.uuid))


def _steps(escalation):
    return list(escalation.fires.order_by("due_at").values_list("status", flat=True))


def test_an_unconfirmed_warning_receipt_escalates_until_the_recipient_confirms(receipt_chain, regions):
    message = _warning_message()
    event, escalation = _receipt_requested(message, regions)
    tick(now=event.created + timedelta(minutes=14), deliver=False)
    assert _steps(escalation) == ["scheduled", "scheduled"]
    tick(now=event.created + timedelta(minutes=16), deliver=False)
    assert _steps(escalation) == ["fired", "scheduled"]
    told = Message.objects.get(source_id=str(escalation.uuid))
    assert "暴雨预警未确认接收" in told.subject and "预警接收未确认" not in told.body

    acknowledge(message.ack_token, now=event.created + timedelta(minutes=20))
    tick(now=event.created + timedelta(minutes=40), deliver=False)
    escalation.refresh_from_db()
    assert escalation.status == "acknowledged" and _steps(escalation) == ["fired", "cancelled"]


def test_a_receipt_confirmed_through_a_fallback_message_stops_the_chain(receipt_chain, regions):
    message = _warning_message(status="failed")
    event, escalation = _receipt_requested(message, regions)
    fallback = _warning_message(fallback_of=message)
    acknowledge(fallback.ack_token, now=event.created + timedelta(minutes=5))
    dispatch_pending(now=event.created + timedelta(minutes=5))
    escalation.refresh_from_db()
    assert escalation.status == "acknowledged", "stopped by the fallback's acknowledgement at once"
    tick(now=event.created + timedelta(minutes=16), deliver=False)
    assert _steps(escalation) == ["cancelled", "cancelled"]
    assert not Message.objects.filter(source_id=str(escalation.uuid)).exists(), "nobody is bothered"


def test_the_worker_runs_the_duty_scheduler_every_30_seconds(receipt_chain, regions):
    from yingji.core.extensions import PERIODIC_HOOKS
    from yingji.core.worker import run_due

    hook = PERIODIC_HOOKS.get("duty.tick")
    message = _warning_message()
    event = publish("warning.receipt_requested", {"uuid": str(message.uuid), "title": "暴雨预警未确认接收"},
                    region=regions["guihua"])
    saved = hook.last_run
    try:
        hook.last_run = float("-inf")
        now = [1000.0]
        assert "duty.tick" in run_due(clock=lambda: now[0])
        assert Escalation.objects.filter(source_id=str(message.uuid)).exists(), "the tick dispatched the event"
        now[0] = 1029.0
        assert "duty.tick" not in run_due(clock=lambda: now[0]), "not again within 30 s"
        now[0] = 1031.0
        assert "duty.tick" in run_due(clock=lambda: now[0])
    finally:
        hook.last_run = saved
    assert event.kind == "warning.receipt_requested"


def test_duty_settings_come_from_the_environment(monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    from yingji.duty.config import get_config

    monkeypatch.setenv("YINGJI_DUTY", '{"min_rest_hours": 16}')
    get_config.cache_clear()
    try:
        assert get_config().min_rest_hours == 16 and get_config().roll_call_minutes == 10
        monkeypatch.setenv("YINGJI_DUTY", '{"min_rest": 16}')
        get_config.cache_clear()
        with pytest.raises(ImproperlyConfigured, match="YINGJI_DUTY"):
            get_config()
    finally:
        monkeypatch.delenv("YINGJI_DUTY")
        get_config.cache_clear()


def test_a_receipt_settled_before_its_step_stops_the_chain_without_an_event(receipt_chain, regions):
    message = _warning_message(status="failed")
    event, escalation = _receipt_requested(message, regions)
    fallback = _warning_message(fallback_of=message)
    Message.objects.filter(pk=fallback.pk).update(acknowledged_at=event.created + timedelta(minutes=3))
    tick(now=event.created + timedelta(minutes=16), deliver=False)
    escalation.refresh_from_db()
    assert escalation.status == "acknowledged" and escalation.stop_reason == "对象已处理"
    assert not Message.objects.filter(source_id=str(escalation.uuid)).exists(), "nobody is bothered"
