"""快进 (advance) on the drill console: the director moves the drill clock forward by whole minutes; the injects the
jump passes reach the exercise incident's timeline, a task done after the jump has taken those drill minutes (late
against the plan's deadline), the clock stays paused if it was; bad minutes are refused by name (console and API)."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from yingji.core.errors import DomainError
from yingji.drills import clock, services
from yingji.drills.models import Drill

pytestmark = pytest.mark.django_db

T = timezone.now().replace(microsecond=0) - timedelta(hours=2)


@pytest.fixture
def drill(users, regions):
    from yingji.plans.models import Plan

    drill = Drill(code="YL-FF", name="快进测试桌面推演", region=regions["district"], scheduled_at=T,
                  plan=Plan.objects.get(code="YA-FX"), scenario="涪江超警戒水位", drill_type="tabletop",
                  incident_type="1.1.1", address="老池镇场镇")
    drill.full_clean()
    drill.save()
    services.add_inject(drill, actor=users["commander"], minute=90, title="堤防出现管涌", content="管涌内容", now=T)
    return drill


def test_advancing_the_clock_delivers_the_passed_injects_and_makes_a_slow_task_late(drill, users):
    from yingji.drills.scoring import measure
    from yingji.plans.activation import activate
    from yingji.plans.models import Plan
    from yingji.plans.workflows import TASK_FLOW

    boss = users["commander"]
    drill = services.start(drill, actor=boss, now=T)
    response = activate(actor=boss, incident=drill.incident, version=Plan.objects.get(code="YA-FX").current_version(),
                        level="response_4", now=T + timedelta(minutes=1))
    drill = services.advance(drill, actor=boss, minutes=120, now=T + timedelta(minutes=2))
    assert clock.drill_seconds(drill.clock_log, T + timedelta(minutes=2)) == 122 * 60
    assert clock.drill_seconds(drill.clock_log, T + timedelta(minutes=3)) == 123 * 60  # it keeps running at ×1
    titles = list(drill.incident.timeline.filter(kind="drill_inject").values_list("title", flat=True))
    assert titles == ["【演练注入】T+90分 堤防出现管涌"]
    task = response.tasks.order_by("deadline", "id").first()
    for event in ("accept", "start", "complete"):  # three real minutes after assignment, 123 drill minutes
        TASK_FLOW.fire(task, event, actor=boss, data={"now": T + timedelta(minutes=4)})
        task.refresh_from_db()
    drill = services.end(drill, actor=boss, now=T + timedelta(minutes=5))
    row = next(r for r in measure(drill)["tasks"] if r["title"] == task.title)
    assert row["state"] == "late" and row["taken_min"] == 123.0


def test_a_paused_drill_stays_paused_after_advancing(drill, users):
    boss = users["commander"]
    drill = services.start(drill, actor=boss, now=T)
    drill = services.pause(drill, actor=boss, now=T + timedelta(minutes=1))
    drill = services.advance(drill, actor=boss, minutes=30, now=T + timedelta(minutes=2))
    assert drill.stage == "paused"
    assert clock.drill_seconds(drill.clock_log, T + timedelta(minutes=10)) == 31 * 60


def test_bad_minutes_and_a_planned_drill_are_refused_by_name(drill, users, client):
    boss = users["commander"]
    with pytest.raises(DomainError) as refused:
        services.advance(drill, actor=boss, minutes=10)
    assert refused.value.code == "invalid_stage"
    services.start(drill, actor=boss)
    for bad in ("abc", "0", "-5", "2000", ""):
        with pytest.raises(DomainError) as refused:
            services.advance(drill, actor=boss, minutes=bad)
        assert refused.value.code == "invalid_minutes" and "minutes" in refused.value.fields

    client.force_login(boss)
    page = client.post(f"/drills/{drill.uuid}/control/", {"action": "advance", "minutes": "abc"})
    assert page.status_code == 400 and "快进的分钟数须为整数" in page.content.decode()
    marked = re.search(r'<input class="[^"]*is-invalid"[^>]*id="drill-advance-minutes"', page.content.decode())
    assert marked is not None  # the minutes are marked on the 快进 form
    assert client.post(f"/drills/{drill.uuid}/control/", {"action": "advance", "minutes": "15"}).status_code == 302
    api = client.post(f"/api/drills/drills/{drill.uuid}/clock/", {"action": "advance", "minutes": 0},
                      content_type="application/json")
    assert api.status_code == 400 and api.json()["error"]["code"] == "invalid_minutes"
    api = client.post(f"/api/drills/drills/{drill.uuid}/clock/", {"action": "advance", "minutes": 45},
                      content_type="application/json")
    assert api.status_code == 200 and api.json()["drill_seconds"] >= 60 * 60
    client.force_login(users["duty"])
    assert client.post(f"/drills/{drill.uuid}/control/", {"action": "advance", "minutes": "5"}).status_code == 403
