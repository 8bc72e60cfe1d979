"""Alarms from rules on stored readings: raised once, repeats update the open alarm (dedupe), a rising level
escalates it, the outbox tells other apps, and the duty desk steps it through 触发 → 确认 → 处置中 → 解除 / 误报."""

from datetime import timedelta

import pytest
from django.utils import timezone

from yingji.core.models import OutboxEvent
from yingji.monitoring.alarms import check_no_data
from yingji.monitoring.ingest import ingest
from yingji.monitoring.models import Alarm, AlarmStep, Rule, Station
from yingji.monitoring.parsing import items_of

from .conftest import make_station

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("own_rules_only")]
NOW = timezone.now().replace(second=0, microsecond=0)


def _rain(minute, mm):
    """One 5-minute rain reading at NOW + minute, ingested at that moment (the rules' clock)."""
    moment = NOW + timedelta(minutes=minute)
    return ingest(items_of({"device": "T-RG-1", "time": moment.isoformat(), "values": {"rain": mm}}), "mqtt",
                  now=moment)


def _events(kind):
    return list(OutboxEvent.objects.filter(kind=kind).order_by("id"))


def test_a_storm_raises_one_alarm_that_escalates_and_is_announced(rain_rule):
    for minute in range(0, 20, 5):
        _rain(minute, 5.0)  # 20 mm: blue
    alarm = Alarm.objects.get()
    assert (alarm.level, alarm.state, alarm.value) == ("blue", "triggered", 20.0)
    _rain(20, 5.0)  # 25 mm: yellow — the same alarm, escalated
    _rain(25, 15.0)  # 40 mm: orange
    _rain(30, 0.0)  # still orange: a repeat (the blue alarm opened at 15 mm, minute 10)
    alarm = Alarm.objects.get()
    assert (alarm.level, alarm.value, alarm.repeats) == ("orange", 40.0, 4)
    raised, escalated = _events("monitoring.alarm.raised"), _events("monitoring.alarm.escalated")
    assert len(raised) == 1 and [e.payload["level"] for e in escalated] == ["yellow", "orange"]
    payload = raised[0].payload
    assert payload["station"] == "JC-T-RG-1" and payload["quantity"] == "rain" and payload["rule"] == "GZ-T-1H"
    assert payload["title"] == "测试站T-RG-1降雨量蓝色报警"


def test_a_level_falling_back_keeps_the_open_alarm_and_notes_the_clearing(rain_rule):
    _rain(0, 30.0)
    _rain(70, 0.0)  # the 30 mm left the 1-hour window
    alarm = Alarm.objects.get()
    assert alarm.level == "yellow" and alarm.state == "triggered" and alarm.cleared_at is not None


def test_after_the_desk_resolves_a_new_rise_opens_a_new_alarm(rain_rule, users):
    from yingji.monitoring.workflows import fire_alarm

    _rain(0, 30.0)
    alarm = Alarm.objects.get()
    duty = users["duty"]
    fire_alarm(alarm, "confirm", actor=duty)
    fire_alarm(Alarm.objects.get(), "resolve", actor=duty, data={"note": "雨停"})
    _rain(70, 0.0)
    _rain(75, 30.0)
    assert Alarm.objects.count() == 2 and Alarm.objects.filter(state="triggered").count() == 1


def _step(api, user, alarm, event, **data):
    return api(user).post(f"/api/monitoring/alarms/{alarm.uuid}/transitions/", {"event": event, **data},
                          format="json")


def test_the_duty_desk_takes_an_alarm_through_its_steps(rain_rule, api, users):
    _rain(0, 60.0)
    alarm = Alarm.objects.get()
    assert alarm.level == "red"
    duty = users["duty"]
    assert _step(api, duty, alarm, "confirm").json()["state"] == "confirmed"
    assert _step(api, duty, alarm, "handle").json()["state"] == "handling"
    missing = _step(api, duty, alarm, "resolve")
    assert missing.status_code == 400
    assert missing.json()["error"]["code"] == "note_required" and "note" in missing.json()["error"]["fields"]
    assert _step(api, duty, alarm, "resolve", note="已组织转移，险情解除").json()["state"] == "resolved"
    assert [s.event for s in AlarmStep.objects.filter(alarm=alarm)] == ["confirm", "handle", "resolve"]
    wrong = _step(api, duty, alarm, "confirm")
    assert wrong.status_code == 400 and wrong.json()["error"]["code"] == "invalid_transition"


def test_a_false_alarm_needs_a_note_and_an_observer_may_not_step(rain_rule, api, users):
    _rain(0, 60.0)
    alarm = Alarm.objects.get()
    assert _step(api, users["observer"], alarm, "confirm").status_code == 403
    assert _step(api, users["duty"], alarm, "false", note="雨量筒被人为注水").json()["state"] == "false"


def test_a_silent_station_goes_offline_and_its_no_data_rule_raises_an_alarm(gauge, regions):
    Rule.objects.create(code="GZ-T-SILENT", name="测试无数据", kind="no_data", sensor=gauge.sensors.get(),
                        quantity="rain", yellow=30, orange=120, region=regions["district"])
    _rain(0, 1.0)
    check_no_data(NOW + timedelta(minutes=10))
    assert Station.objects.get(pk=gauge.pk).status == "online" and not Alarm.objects.exists()
    check_no_data(NOW + timedelta(minutes=31))
    assert Station.objects.get(pk=gauge.pk).status == "offline"
    assert Alarm.objects.get().level == "yellow"
    _rain(35, 1.0)
    assert Station.objects.get(pk=gauge.pk).status == "online"
    assert Alarm.objects.get().cleared_at is not None


def test_a_slope_moving_faster_than_its_speed_limit_raises_an_alarm(regions):
    slope = make_station(regions["guihua"], "T-LS-1", kind="landslide", sensors=(("displacement", -500, 500, 3600),))
    Rule.objects.create(code="GZ-T-SPEED", name="测试位移速率", kind="speed", sensor=slope.sensors.get(),
                        quantity="displacement", window_minutes=24 * 60, yellow=5, red=20, region=regions["district"])
    start = NOW - timedelta(hours=12)
    for hours, mm in ((0, 10.0), (6, 11.0), (12, 14.0)):  # 4 mm in 12 h: 8 mm/d
        moment = start + timedelta(hours=hours)
        ingest(items_of({"device": "T-LS-1", "time": moment.isoformat(), "values": {"displacement": mm}}), "mqtt",
               now=moment)
    alarm = Alarm.objects.get(station=slope)
    assert (alarm.level, round(alarm.value, 2)) == ("yellow", 8.0)
