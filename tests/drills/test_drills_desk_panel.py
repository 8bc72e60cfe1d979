"""The duty desk (值班台) shows each running drill of the user's area with the injects delivered so far (core.extensions
DESK_PANELS): an inject not yet delivered never shows (a 双盲 player learns nothing of the script), another
township's drill is not shown, and an ended drill leaves the desk."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from yingji.drills import services
from yingji.drills.models import Drill

pytestmark = pytest.mark.django_db

T = timezone.now().replace(microsecond=0) - timedelta(minutes=30)


@pytest.fixture
def running(users, regions):
    drill = Drill(code="YL-DESK", name="值班台注入测试演练", region=regions["guihua"], scheduled_at=T,
                  scenario="山洪冲毁便道", incident_type="1.1.1", address="桂花镇场镇")
    drill.save()
    boss = users["township-guihua"]
    services.add_inject(drill, actor=boss, minute=10, title="便道冲毁两名群众被困", content="群众被困", now=T)
    services.add_inject(drill, actor=boss, minute=600, title="剧本中尚未到时的注入", content="未到", now=T)
    return services.start(drill, actor=boss, now=T)


def _desk(client, user):
    client.force_login(user)
    response = client.get(reverse("duty:desk"))
    assert response.status_code == 200
    return response.content.decode()


def test_a_running_drill_and_its_delivered_inject_are_on_the_duty_desk(client, users, running):
    page = _desk(client, users["duty"])
    assert 'id="desk-drills"' in page and "值班台注入测试演练" in page
    assert "T+10′" in page and "便道冲毁两名群众被困" in page
    assert "剧本中尚未到时的注入" not in page  # not delivered yet: the script stays hidden
    assert running.incident.code in page  # the way to the exercise incident


def test_another_townships_drill_is_not_on_its_desk_and_an_ended_drill_leaves(client, users, running):
    assert "值班台注入测试演练" in _desk(client, users["township-guihua"])
    assert "值班台注入测试演练" not in _desk(client, users["township-longfeng"])
    services.end(running, actor=users["township-guihua"], now=timezone.now())
    assert "值班台注入测试演练" not in _desk(client, users["duty"])
