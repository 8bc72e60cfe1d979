"""An information officer's day on a phone (docs/community.md "Information officers"): the demo's grid worker signs in,
finds 我的信息员工作 with their roster entry and area, opens a patrol task, loses the network while reporting; the
report waits in the phone and, when the network is back, is recorded against the task and completes it, which the
officer's page then shows."""

import uuid

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def _task_for_the_demo_grid_worker(live_manage, name) -> None:
    live_manage("shell", "-c", "from yingji.core.models import User; from yingji.core.services import save_record; "
                "from yingji.prevention.registrations_patrols import PATROL_TASKS; "
                "w = User.objects.get(username='grid-guihua-01'); "
                f"save_record(PATROL_TASKS, actor=None, data={{'name': {name!r}, 'region': w.region, "
                "'worker_username': w.username, 'starts_on': '2026-01-01', 'ends_on': '2027-12-31'})")


def _state(live_manage, name) -> str:
    out = live_manage("shell", "-c", "from yingji.prevention.models import PatrolTask; "
                      f"t = PatrolTask.objects.get(name={name!r}); print(t.state, t.visits.count())")
    return out.strip().splitlines()[-1]


def test_an_officer_reports_a_patrol_offline_and_the_task_is_done_when_back_online(page, login, live_url,
                                                                                   live_manage):
    name = f"汛前堤段巡查 {uuid.uuid4().hex[:6]}"
    _task_for_the_demo_grid_worker(live_manage, name)
    page.set_viewport_size({"width": 390, "height": 844})
    login("grid-guihua-01")
    page.goto(f"{live_url}/community/officer/")
    expect(page.locator("#officer-summary")).to_contain_text("网格员")
    area = page.locator("#officer-area").inner_text()
    page.locator("#officer-open-tasks a", has_text=name).click()
    expect(page.locator("#patrol-page")).to_contain_text(area)  # the report is for the officer's area
    page.context.set_offline(True)
    page.check("#id_result_0")  # 正常
    page.fill("#id_note", "堤段无渗漏，排水沟畅通")
    page.check("#id_finish")
    page.click("#patrol-submit")
    expect(page.locator("#offline-banner")).to_contain_text("网络不通：报告已保存在本机")
    assert _state(live_manage, name) == "pending 0"
    page.context.set_offline(False)  # sent by itself on the `online` event
    expect(page.locator("main")).to_contain_text("已记录巡查")
    expect(page.locator("#patrol-state")).to_have_text("已完成")
    assert _state(live_manage, name) == "done 1"
    page.goto(f"{live_url}/community/officer/")
    expect(page.locator("#officer-done-tasks li", has_text=name).locator(".task-state")).to_have_text("已完成")
    expect(page.locator("#officer-open-tasks")).not_to_contain_text(name)
