"""Running a drill: the exercise incident is marked 【演练】 everywhere, left out of the board's counts and of
escalations, and never the subject of a real public warning; injects reach the incident's timeline at their drill
times on a driven clock (start, pause, resume, speed); a 双盲 drill hides its script from the players."""

from datetime import timedelta

import pytest
from django.utils import timezone

from yingji.core.errors import DomainError
from yingji.drills import services
from yingji.drills.choices import Stage
from yingji.drills.models import Drill

pytestmark = pytest.mark.django_db

T = timezone.now().replace(microsecond=0) - timedelta(hours=3)


@pytest.fixture
def drill(users, regions):
    from yingji.plans.models import Plan

    drill = Drill(code="YL-TEST", name="测试防汛桌面推演", region=regions["district"], scheduled_at=T,
                  plan=Plan.objects.get(code="YA-FX"), scenario="涪江超警戒水位",
                  incident_type="1.1.1", address="老池镇场镇",
                  double_blind=True)
    drill.full_clean()
    drill.save()
    for minute, title in ((0, "开场报告"), (10, "水位超警戒"), (30, "群众被困")):
        services.add_inject(drill, actor=users["commander"], minute=minute, title=title, content=f"{title}内容",
                            now=T)
    return drill


def test_injects_reach_the_timeline_at_their_drill_times_on_a_driven_clock(drill, users):
    boss = users["commander"]
    drill = services.start(drill, actor=boss, now=T)
    incident = drill.incident
    assert incident.is_exercise and incident.name.startswith("【演练】")
    assert [i.title for i in drill.injects.filter(fired_at__isnull=False)] == ["开场报告"]

    assert services.tick(now=T + timedelta(minutes=5)) == 0
    drill = services.pause(drill, actor=boss, now=T + timedelta(minutes=8))
    assert services.tick(now=T + timedelta(minutes=59)) == 0  # paused: the drill clock stands at T+8′
    drill = services.resume(drill, actor=boss, now=T + timedelta(minutes=60))
    drill = services.set_speed(drill, actor=boss, speed="10", now=T + timedelta(minutes=60))
    assert services.tick(now=T + timedelta(minutes=61)) == 1  # 8′ + 1 real minute × 10 = 18′

    entries = list(incident.timeline.filter(kind="drill_inject").order_by("at"))
    assert [(e.title, e.at) for e in entries] == [
        ("【演练注入】T+0分 开场报告", T), ("【演练注入】T+10分 水位超警戒", T + timedelta(minutes=60, seconds=12))]
    assert services.tick(now=T + timedelta(minutes=62, seconds=30)) == 1  # 30′ came at T+62′12″
    assert incident.timeline.filter(kind="drill_inject").order_by("-at").first().at == T + timedelta(
        minutes=62, seconds=12)

    drill = services.end(drill, actor=boss, now=T + timedelta(minutes=70))
    incident.refresh_from_db()
    assert drill.stage == Stage.ENDED and incident.status == "closed"  # off the duty desk and the board
    assert not incident.clocks.filter(met_at__isnull=True, waived_at__isnull=True).exists()
    with pytest.raises(DomainError) as refused:
        services.add_inject(drill, actor=boss, minute=80, title="迟到", content="x")
    assert refused.value.code == "drill_ended"


def test_the_exercise_is_marked_on_its_pages_and_left_out_of_the_board_counts(drill, users, client):
    from yingji.incidents.board import board_data

    before = board_data(users["commander"])
    drill = services.start(drill, actor=users["commander"], now=timezone.now())
    after = board_data(users["commander"])
    assert sum(r["count"] for r in after["by_type"]) == sum(r["count"] for r in before["by_type"])
    row = next(r for r in after["incidents"] if r["uuid"] == str(drill.incident.uuid))
    assert row["exercise"] and row["name"].startswith("【演练】")

    client.force_login(users["duty"])
    page = client.get(f"/incidents/{drill.incident.uuid}/").content.decode()
    assert 'id="exercise-banner"' in page and "不发布真实预警" in page
    assert "【演练注入】T+0分 开场报告" in page and 'id="drill-exercise"' in page


def test_a_double_blind_script_is_hidden_from_the_players(drill, users, client):
    url = f"/r/drills/drills/{drill.uuid}/"
    client.force_login(users["duty"])
    page = client.get(url).content.decode()
    assert 'id="drill-script-hidden"' in page and "群众被困" not in page and 'id="drill-start"' not in page
    client.force_login(users["commander"])
    page = client.get(url).content.decode()
    assert "群众被困" in page and 'id="drill-start"' in page


def test_an_inject_before_the_start_is_refused_by_name(drill, users, client):
    client.force_login(users["commander"])
    response = client.post(f"/drills/{drill.uuid}/injects/", {"minute": "-5", "title": "早", "content": "x"})
    assert response.status_code == 400
    assert "注入时间不能早于演练开始" in response.content.decode()
    assert drill.injects.count() == 3
    with pytest.raises(DomainError) as refused:
        services.add_inject(drill, actor=users["commander"], minute="abc", title="t", content="c")
    assert refused.value.code == "invalid_minute" and "minute" in refused.value.fields


def test_the_console_starts_pauses_and_refuses_a_bad_speed(drill, users, client):
    client.force_login(users["commander"])
    assert client.post(f"/drills/{drill.uuid}/control/", {"action": "start"}).status_code == 302
    drill.refresh_from_db()
    assert drill.stage == Stage.RUNNING and drill.incident.is_exercise
    response = client.post(f"/drills/{drill.uuid}/control/", {"action": "speed", "speed": "7"})
    assert response.status_code == 400 and "倍速须为以下之一" in response.content.decode()
    assert client.post(f"/drills/{drill.uuid}/control/", {"action": "pause"}).status_code == 302
    drill.refresh_from_db()
    assert drill.stage == Stage.PAUSED
    client.force_login(users["duty"])
    assert client.post(f"/drills/{drill.uuid}/control/", {"action": "resume"}).status_code == 403


def test_a_warning_about_an_exercise_is_never_published_or_sent(drill, users):
    from yingji.alerts import services as alerts
    from yingji.alerts.delivery import fan_out
    from yingji.alerts.models import Warning
    from yingji.demo.townships import township

    drill = services.start(drill, actor=users["commander"], now=timezone.now())
    now = timezone.now()
    warning = alerts.create_draft(actor=users["duty"], data={
        "type_code": "met.rainstorm", "level": "red", "headline": "【演练】暴雨红色预警",
        "description": "演练", "instructions": "", "effective": now.isoformat(),
        "expires": (now + timedelta(hours=6)).isoformat(), "source": "演练", "area_kind": "regions",
        "area_regions": [township("桂花镇").code], "incident_uuid": str(drill.incident.uuid)})
    warning = alerts.fire(warning, "submit", actor=users["duty"])
    warning = alerts.fire(warning, "review", actor=users["duty-chief"])
    with pytest.raises(DomainError) as refused:
        alerts.fire(warning, "sign", actor=users["commander"])
    assert refused.value.code == "exercise_incident"
    warning = Warning.objects.get(pk=warning.pk)
    assert warning.status == "pending_sign"
    with pytest.raises(DomainError):
        alerts.fire(warning, "urgent", actor=users["commander"])
    assert fan_out(warning) == 0  # however it got there, nobody is sent it


def test_events_about_an_exercise_start_no_escalation(drill, users):
    from yingji.core.models import OutboxEvent
    from yingji.duty.escalation import _about_exercise

    drill = services.start(drill, actor=users["commander"], now=timezone.now())
    reported = OutboxEvent.objects.filter(kind="incident.reported", aggregate_id=str(drill.incident.uuid)).get()
    assert reported.payload["exercise"] is True and _about_exercise(reported)
    from yingji.incidents.services import create_incident

    now = timezone.now()
    real = create_incident(actor=users["duty"], now=now, data={
        "type_code": "1.1.1", "occurred_at": now, "received_at": now, "address": "老池镇场镇", "statement": "积水"})
    event = OutboxEvent.objects.get(kind="incident.reported", aggregate_id=str(real.uuid))
    assert "exercise" not in event.payload and not _about_exercise(event)


def test_a_township_sees_only_its_own_drills(users, client):
    held = Drill.objects.get(code="YL-2026-02")  # 老池镇
    client.force_login(users["township-guihua"])
    for url in (f"/r/drills/drills/{held.uuid}/", f"/drills/{held.uuid}/replay/", f"/drills/{held.uuid}/report.docx",
                f"/drills/{held.uuid}/clock/"):
        assert client.get(url).status_code == 404, url
    assert client.post(f"/drills/{held.uuid}/control/", {"action": "start"}).status_code == 404
    assert "YL-2026-02" not in client.get("/r/drills/drills/").content.decode()
    client.force_login(users["commander"])
    assert client.get(f"/r/drills/drills/{held.uuid}/").status_code == 200



def test_a_past_incident_becomes_the_script_of_a_simulation(drill, users, client):
    from yingji.incidents.models import Incident

    rainstorm = Incident.objects.get(code="SJ20200813-0001")
    client.force_login(users["commander"])
    response = client.post(f"/drills/{drill.uuid}/script-from-incident/", {"code": rainstorm.code.lower()})
    assert response.status_code == 302
    made = list(drill.injects.exclude(title__in=("开场报告", "水位超警戒", "群众被困")).order_by("minute", "id"))
    entries = list(rainstorm.timeline.order_by("at", "id")[:len(made)])
    assert made and made[0].minute == 0 and made[0].title == entries[0].title[:150]
    assert made[-1].minute == int((entries[-1].at - entries[0].at).total_seconds() // 60)
    response = client.post(f"/drills/{drill.uuid}/script-from-incident/", {"code": "SJ19990101-0001"})
    assert response.status_code == 400 and "找不到事件编号为 SJ19990101-0001 的突发事件" in response.content.decode()
    client.force_login(users["township-guihua"])  # the district's drill is not theirs
    assert client.post(f"/drills/{drill.uuid}/script-from-incident/", {"code": rainstorm.code}).status_code == 404
