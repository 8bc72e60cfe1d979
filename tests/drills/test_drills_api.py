"""The drills API: the clock steps, the script (hidden from a 双盲 drill's players), an inject before the start is a
400 naming `minute`, the evaluation, and a drill outside the user's reach is a 404."""

from datetime import timedelta

import pytest
from django.utils import timezone

from yingji.drills.models import Drill

pytestmark = pytest.mark.django_db


@pytest.fixture
def drill(regions):
    return Drill.objects.create(code="YL-API", name="接口测试演练", region=regions["district"], double_blind=True,
                                scheduled_at=timezone.now() + timedelta(days=1), scenario="山体滑坡",
                                incident_type="1.4.2", address="龙凤镇3组")


def test_a_drill_run_through_the_api(drill, users, api):
    boss, base = api(users["commander"]), f"/api/drills/drills/{drill.uuid}"
    answer = boss.post(f"{base}/injects/", {"minute": -1, "title": "早", "content": "x"}, format="json")
    assert answer.status_code == 400
    assert answer.json()["error"]["code"] == "inject_before_start" and "minute" in answer.json()["error"]["fields"]
    assert boss.post(f"{base}/injects/", {"minute": 0, "title": "开场", "content": "后山出现裂缝"},
                     format="json").status_code == 201
    assert boss.post(f"{base}/injects/", {"minute": 90, "title": "滑坡", "content": "3组房屋受损"},
                     format="json").status_code == 201

    state = boss.post(f"{base}/clock/", {"action": "start"}, format="json").json()
    assert state["stage"] == "running" and state["running"] and state["incident"]
    player = api(users["duty"]).get(f"{base}/injects/").json()
    assert player["hidden"] == 1 and [i["title"] for i in player["results"]] == ["开场"]
    assert api(users["duty"]).post(f"{base}/clock/", {"action": "end"}, format="json").status_code == 403
    bad = boss.post(f"{base}/clock/", {"action": "speed", "speed": 3}, format="json")
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "invalid_speed"
    assert boss.post(f"{base}/clock/", {"action": "end"}, format="json").json()["stage"] == "ended"

    scores = {"preparation": 4, "command": 7, "resources": 7, "communication": 4, "public_info": 4,
              "evacuation": 4, "termination": 4, "organisation": 4}
    result = boss.post(f"{base}/evaluation/", {"scores": scores, "findings": "未启动预案"}, format="json").json()
    assert result["scores"]["activation"] == 0.0 and result["scores"]["tasks"] == 0.0  # no response was started
    assert result["total"] == pytest.approx(sum(scores.values()) + result["scores"]["reporting"]
                                            + result["scores"]["clocks"])
    assert result["report"].endswith("/report.docx")
    assert api(users["township-guihua"]).get(f"{base}/clock/").status_code == 404
