"""Delivery of a published warning to real local peers: fan-out, progress, coverage, fallback, escalation."""

from datetime import timedelta

import pytest
from django.utils import timezone

from yingji.alerts import delivery, targeting
from yingji.alerts.models import Subscriber
from yingji.channels.models import Channel, Message
from yingji.channels.services import acknowledge, deliver_pending
from yingji.core.errors import DomainError
from yingji.core.events import dispatch_pending

pytestmark = pytest.mark.django_db


def _drain(now=None):
    while deliver_pending(limit=1000, now=now or timezone.now()):
        pass


def test_publishing_fans_out_and_every_recipient_is_reached_once(users, warning_data, publish_flow, sink_channels):
    warning = publish_flow(warning_data(committees=["CMT-HQ01"], area_regions=["510903200000", "510903108000"]))
    preview = targeting.reach_preview(warning)
    dispatch_pending()
    messages = delivery.messages_of(warning)
    assert messages.count() >= preview["people"] + preview["devices"] + preview["officials"] - 5
    while dispatch_pending():  # the receipt requests go on to the duty desk's consumer
        pass
    assert delivery.fan_out(warning) == 0  # queueing twice writes nothing
    Channel.objects.filter(code="alert-app").update(enabled=False)  # MQTT is covered by tests/channels
    messages.filter(channel__code="alert-app").delete()
    messages.filter(channel__code="alert-email").delete()
    _drain()
    progress = delivery.progress(warning)
    assert progress["percent"] == 100.0 and progress["done"]
    assert set(sink_channels.keys().values()) == {1}
    assert len(sink_channels.keys()) == progress["total"]
    report = delivery.coverage(warning)
    assert set(report["rows"]) - {"区级"} == {"唐家乡", "北固镇"} and report["time_to_95"] is not None


def test_the_reach_preview_counts_people_devices_and_officials_per_township(users, warning_data, publish_flow):
    warning = publish_flow(warning_data())
    preview = targeting.reach_preview(warning)
    subscribers = Subscriber.objects.filter(region__parent__name__in=["桂花镇", "老池镇", "龙凤镇"], opted_out=False)
    assert preview["people"] >= subscribers.count() > 0
    assert preview["devices"] > 0 and preview["officials"] > 0
    assert set(preview["townships"]) == {"桂花镇", "老池镇", "龙凤镇"}
    assert sum(c.get("alert-sms", 0) for c in preview["townships"].values()) > 0


def test_a_failing_robot_falls_back_to_sms_and_reasons_are_reported(users, warning_data, publish_flow,
                                                                  sink_channels):
    warning = publish_flow(warning_data(area_regions=["510903200000"]))  # 唐家乡
    dispatch_pending()
    delivery.messages_of(warning).exclude(channel__code__in=["alert-wecom"]).delete()
    sink_channels.robot_error(93000)
    now = timezone.now()
    _drain(now)
    _drain(now + timedelta(hours=1))
    sink_channels.robot_error(0)
    _drain(now + timedelta(hours=2))
    report = delivery.coverage(warning)
    assert any("93000" in f["last_error"] for f in report["failures"])
    assert delivery.progress(warning)["percent"] == 100.0  # reached through the SMS fallback
    assert {r["path"] for r in sink_channels.requests} >= {"/sms"}


def test_officials_confirm_and_the_unconfirmed_escalate_to_their_principal(users, warning_data, publish_flow,
                                                                          sink_channels):
    warning = publish_flow(warning_data(area_regions=["510903200000"]))
    dispatch_pending()
    _drain()
    officials = delivery.messages_of(warning).filter(contacts__ack=True)
    assert officials.count() >= 2
    texts = [r["json"]["text"]["content"] for r in sink_channels.requests if r["path"] == "/wecom"]
    assert all("/ack/" in t for t in texts) and texts
    confirmed = officials.first()
    acknowledge(confirmed.ack_token)
    assert delivery.escalate_unacknowledged(now=timezone.now()) == 0  # not overdue yet
    later = timezone.now() + timedelta(minutes=31)
    escalated = delivery.escalate_unacknowledged(now=later)
    assert 0 < escalated <= officials.count() - 1
    assert delivery.escalate_unacknowledged(now=later) == 0  # once per unconfirmed message
    notices = Message.objects.filter(idempotency_key__startswith="escalate:")
    assert all("尚未确认" in m.body for m in notices)
    confirmed.refresh_from_db()
    assert confirmed.get_status_display() == "已确认"


def test_bad_input_sends_nothing(users, warning_data):
    from yingji.alerts import services

    before = Message.objects.count()
    bad = [
        warning_data(expires=(timezone.now() - timedelta(hours=1)).isoformat()),
        warning_data(type_code="met.drought", level="blue"),
        warning_data(area_kind="polygon", area_regions=[], area_shape={"type": "Polygon", "coordinates": [[
            [105.5, 30.5], [105.6, 30.6], [105.6, 30.5], [105.5, 30.6], [105.5, 30.5]]]}),
        warning_data(area_kind="polygon", area_regions=[], area_shape={"type": "Polygon", "coordinates": [[
            [104.0, 30.6], [104.1, 30.6], [104.1, 30.7], [104.0, 30.6]]]}),
        warning_data(area_kind="circle", area_shape={"center": [104.06, 30.67], "radius_m": 1000}),
    ]
    codes = []
    for data in bad:
        with pytest.raises(DomainError) as error:
            services.create_draft(actor=users["duty"], data=data)
        codes.append(error.value.code)
    assert codes == ["expires_before_effective", "level_not_allowed_for_signal", "self_intersecting_polygon",
                     "area_outside_district", "invalid_circle"]
    assert Message.objects.count() == before
