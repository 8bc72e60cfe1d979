"""What an alarm does, per rule, through the outbox: the people who handle alarms in the township hear of it, a
duty escalation chain on `monitoring.alarm.raised` starts and stops on 确认, an incident with source 监测预警 is
opened and a hazard with source 监测报警 filed for rules so flagged — each once per alarm —, the duty officer drafts
a warning from the alarm, and the live feed carries the alarm to those who may see the township."""

from datetime import timedelta

import pytest
from django.utils import timezone

from yingji.alerts.models import Warning
from yingji.channels.models import Message
from yingji.core.events import dispatch_pending
from yingji.core.models import OutboxDelivery
from yingji.incidents.models import Incident
from yingji.monitoring.ingest import ingest
from yingji.monitoring.models import Alarm
from yingji.monitoring.parsing import items_of
from yingji.monitoring.workflows import fire_alarm
from yingji.prevention.models import Hazard
from yingji.web.views import latest_events

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("own_rules_only", "quiet")]
NOW = timezone.now().replace(second=0, microsecond=0)


@pytest.fixture
def quiet(db):
    """The demo loader's undelivered events are set aside: a test sees only its own."""
    OutboxDelivery.objects.filter(status="pending").update(status="done")
    Message.objects.filter(status__in=["pending", "sending"]).update(status="failed")


def _rain(minute, mm):
    moment = NOW + timedelta(minutes=minute)
    return ingest(items_of({"device": "T-RG-1", "time": moment.isoformat(), "values": {"rain": mm}}), "mqtt",
                  now=moment)


def _storm():
    _rain(0, 60.0)  # red at once
    dispatch_pending()
    dispatch_pending()  # a second pass delivers nothing again
    return Alarm.objects.get()


def test_the_people_who_handle_alarms_in_the_township_hear_of_it_once(rain_rule, users):
    alarm = _storm()
    notices = Message.objects.filter(source_id=str(alarm.uuid), channel__kind="in_app")
    addresses = set(notices.values_list("address", flat=True))
    assert {"duty", "commander", "township-guihua"} <= addresses
    assert "township-longfeng" not in addresses and "observer" not in addresses
    assert notices.filter(address="duty").count() == 1
    notice = notices.get(address="duty")
    assert "测试站T-RG-1降雨量红色报警" in notice.subject and "60.0 mm" in notice.body


def test_a_rule_may_notify_one_role_only_or_nobody(rain_rule, users):
    rain_rule.notify_role = "township_admin"
    rain_rule.save()
    alarm = _storm()
    addresses = set(Message.objects.filter(source_id=str(alarm.uuid), channel__kind="in_app")
                    .values_list("address", flat=True))
    assert "township-guihua" in addresses and not addresses & {"duty", "commander"}
    rain_rule.notify = False
    rain_rule.save()
    fire_alarm(alarm, "false", actor=users["duty"], data={"note": "测试"})
    _rain(70, 0.0)  # back to normal
    _rain(75, 60.0)  # red again: a new alarm
    dispatch_pending()
    again = Alarm.objects.exclude(pk=alarm.pk).get()
    assert not Message.objects.filter(source_id=str(again.uuid)).exists()


def test_an_escalation_tells_them_again_at_the_new_level(rain_rule):
    _rain(0, 20.0)  # blue
    dispatch_pending()
    _rain(5, 40.0)  # 60 mm: red
    dispatch_pending()
    alarm = Alarm.objects.get()
    subjects = list(Message.objects.filter(source_id=str(alarm.uuid), address="duty").values_list("body", flat=True))
    assert len(subjects) == 2 and any("升级为红色" in body for body in subjects)


def test_a_rule_flagged_so_opens_one_incident_with_source_sensor(rain_rule, regions):
    rain_rule.open_incident = True
    rain_rule.save()
    _rain(0, 20.0)
    dispatch_pending()
    _rain(5, 40.0)  # escalated: no second incident
    dispatch_pending()
    incident = Incident.objects.get(source="sensor")
    assert incident.region.path.startswith(regions["guihua"].path) and incident.type_code == "1.1.1"
    assert "测试站T-RG-1降雨量蓝色报警" in incident.description


def test_without_the_flag_no_incident_is_opened(rain_rule):
    _storm()
    assert not Incident.objects.filter(source="sensor").exists()


def test_a_rule_flagged_so_files_one_hazard_in_the_prevention_loop(rain_rule, regions):
    rain_rule.to_hazard = True
    rain_rule.save()
    alarm = _storm()
    hazard = Hazard.objects.get(extra__monitoring_alarm=str(alarm.uuid))
    assert (hazard.source, hazard.grade, hazard.region) == ("monitoring", "major", regions["guihua"])
    assert hazard.get_source_display() == "监测报警" and hazard.name == "测试站T-RG-1降雨量红色报警"


def test_without_the_flag_no_hazard_is_filed(rain_rule):
    alarm = _storm()
    assert not Hazard.objects.filter(extra__monitoring_alarm=str(alarm.uuid)).exists()


def test_a_duty_chain_on_monitoring_alarms_starts_and_stops_on_confirm(rain_rule, users, regions):
    from yingji.channels.models import Channel
    from yingji.duty.chains import save_chain
    from yingji.duty.models import Escalation

    save_chain(actor=users["commander"], code="ESC-MON", name="监测报警未确认", region=regions["district"],
               event_kind="monitoring.alarm.raised",
               steps=[{"target": "chief", "wait_minutes": 0, "channel": Channel.objects.get(code="DUTY-INAPP")}])
    alarm = _storm()
    escalation = Escalation.objects.get(chain__code="ESC-MON", source_id=str(alarm.uuid))
    assert escalation.status == "active" and escalation.title == "测试站T-RG-1降雨量红色报警"
    fire_alarm(alarm, "confirm", actor=users["duty"])
    dispatch_pending()
    escalation.refresh_from_db()
    assert escalation.status == "acknowledged"


def test_the_duty_officer_drafts_the_warning_from_the_alarm(rain_rule, users, regions, client):
    alarm = _storm()
    client.force_login(users["duty"])
    page = client.get(f"/monitoring/alarms/{alarm.uuid}/").content.decode()
    assert 'id="draft-warning"' in page
    demo = list(Warning.objects.values_list("pk", flat=True))
    response = client.post(f"/monitoring/alarms/{alarm.uuid}/draft-warning/")
    warning = Warning.objects.exclude(pk__in=demo).get()
    assert response.status_code == 302 and response.url == f"/alerts/{warning.uuid}/edit/"
    assert (warning.type_code, warning.level, warning.status) == ("met.rainstorm", "level_1", "draft")  # 红色 = 一级
    assert list(warning.area_regions.values_list("pk", flat=True)) == [regions["guihua"].pk]
    assert "测试站T-RG-1降雨量达到红色报警阈值" in warning.description
    form = client.get(response.url).content.decode()
    assert "测试站T-RG-1降雨量达到红色报警阈值" in form


def test_a_draft_warning_rule_drafts_the_warning_once_by_the_person_who_flagged_it(rain_rule, users, regions,
                                                                                     client):
    rain_rule.draft_warning = True
    rain_rule.save()
    type(rain_rule).objects.filter(pk=rain_rule.pk).update(updated_by=users["duty"])
    demo = list(Warning.objects.values_list("pk", flat=True))
    alarm = _storm()
    warning = Warning.objects.exclude(pk__in=demo).get()
    assert (warning.author, warning.type_code, warning.level, warning.status) == (
        users["duty"], "met.rainstorm", "level_1", "draft")
    assert list(warning.area_regions.values_list("pk", flat=True)) == [regions["guihua"].pk]
    client.force_login(users["commander"])
    page = client.get(f"/monitoring/alarms/{alarm.uuid}/").content.decode()
    assert "起草预警" in page and warning.headline in page


def test_no_warning_is_drafted_for_an_author_who_may_not_draft_one(rain_rule, users):
    rain_rule.draft_warning = True
    rain_rule.save()
    type(rain_rule).objects.filter(pk=rain_rule.pk).update(updated_by=users["observer"])
    demo = list(Warning.objects.values_list("pk", flat=True))
    alarm = _storm()
    assert not Warning.objects.exclude(pk__in=demo).exists()
    assert alarm.state == "triggered" and not alarm.steps.exists()


def test_the_live_feed_carries_the_alarm_to_those_who_may_see_the_township(rain_rule, users):
    from yingji.core.models import OutboxEvent

    before = OutboxEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
    _rain(0, 60.0)

    def kinds(user):
        return [e["kind"] for e in latest_events(user, before)]

    assert "monitoring.alarm.raised" in kinds(users["duty"])
    assert "monitoring.alarm.raised" in kinds(users["township-guihua"])
    assert "monitoring.alarm.raised" not in kinds(users["township-longfeng"])
    raised = next(e for e in latest_events(users["duty"], before) if e["kind"] == "monitoring.alarm.raised")
    assert raised["payload"]["level"] == "red" and raised["payload"]["station_name"] == "测试站T-RG-1"
