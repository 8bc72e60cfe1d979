"""The flood story of issue 5 ("Done means") in real Chromium: heavy rain in 老池镇, 防汛 level Ⅳ suggested
and activated, tasks, the 观音湖 team and sandbags dispatched, raised to Ⅲ, the team arrives, the tasks
complete, the response ends and the review shows the task timeliness."""

import pytest
from playwright.sync_api import expect

from yingji.resources.choices import SPECIALITIES

pytestmark = pytest.mark.browser
LAOCHI = (105.683, 30.398)


def _relogin(page, login, username):
    page.click("form[action$='/logout/'] button")
    return login(username)


def _step(page, scope, event):
    """Click a workflow button inside `scope` and wait for the page to confirm it."""
    page.locator(scope).locator(f"button[data-event={event}]").first.click()
    expect(page.locator(".alert-success").first).to_be_visible()


def _confirm_step(page, scope, event, reason):
    """A level change or the end of a response: open its step, give the reason, confirm."""
    step = page.locator(scope).locator(f"details[data-event={event}]").first
    step.locator("summary").click()
    step.locator("input[name=reason]").fill(reason)
    step.locator(f"button[data-event={event}]").click()
    expect(page.locator(".alert-success").first).to_be_visible()


def _intake(page, live_url):
    page.goto(f"{live_url}/incidents/new/")
    page.fill("#id_caller_name", "老池镇值班室")
    page.fill("#id_statement", "老池镇场镇持续强降雨，低洼处积水超过1米，有群众被困")
    page.select_option("#id_type_code", "1.1.1")
    page.fill("#id_occurred_at", page.input_value("#id_received_at"))
    page.evaluate("([lon, lat]) => document.getElementById('picker-map').yjPlace([lon, lat])",
                  [LAOCHI[0] + 0.002, LAOCHI[1] + 0.001])
    expect(page.locator("#picked-point")).to_contain_text("已选点")
    page.fill("#id_trapped", "4")
    page.fill("#id_evacuated", "60")
    page.click("#intake-submit")
    expect(page.locator("#incident-name")).to_contain_text("老池镇")
    return page.url.split("#")[0]


def test_flood_story_from_heavy_rain_to_review(login, live_url, live_manage):
    # 1. heavy rain in 老池镇: the duty desk records the call
    page = login("duty")
    incident_url = _intake(page, live_url)
    page = _relogin(page, login, "commander")
    page.goto(incident_url)
    # 2. 防汛 level Ⅳ is suggested with its reason, and activated
    page.click("#response-link")
    page.fill("#rainfall_mm", "65")
    page.click("#suggestions form[method=get] button")
    suggestion = page.locator(".suggestion[data-plan=YA-FX]")
    expect(suggestion).to_contain_text("Ⅳ级应急响应")
    expect(suggestion).to_contain_text("65")
    expect(suggestion).to_contain_text("被困")
    suggestion.locator("button").click()
    expect(page.locator(".alert-success")).to_contain_text("已启动船山区防汛抗旱应急预案 Ⅳ级应急响应")
    response_url = page.url
    expect(page.locator("#responses .response-level")).to_have_text("Ⅳ级应急响应")
    expect(page.locator("#responses")).to_contain_text("抢险救援组")
    # 3. tasks appear for the 抢险救援组 and the township
    expect(page.locator("tr.task-row[data-key=fx4-rescue]")).to_contain_text("抢险救援组")
    expect(page.locator("tr.task-row[data-key=fx4-township]")).to_contain_text("老池镇")
    expect(page.locator("tr.task-row")).to_have_count(3)
    # 4. the 观音湖 water-rescue team and sandbags from the nearest depots are dispatched
    page.locator(".team-option[data-code=TEAM-S001] button").click()
    expect(page.locator(".alert-success")).to_contain_text("船山区观音湖水上救援队")
    expect(page.locator(".team-order[data-team=TEAM-S001] .order-status")).to_have_text("已派遣")
    expect(page.locator("#allocation-total")).to_contain_text("按最短总运输时间")
    expect(page.locator(".team-need[data-still='0']").first).to_contain_text("已派 1 支")
    page.locator("#advice form[action$='/order-materials/'] button").click()
    expect(page.locator(".alert-success")).to_contain_text("库存已预占")
    expect(page.locator(".material-order")).to_contain_text("编织袋")
    _step(page, ".material-order", "dispatch")
    expect(page.locator(".material-order .order-status")).to_have_text("已出库")
    # 5. the level is raised to Ⅲ: the new tasks appear, the Ⅳ tasks are kept
    _confirm_step(page, "#responses", "raise", "过程降雨量已超过 100 毫米")
    expect(page.locator("#responses .response-level")).to_have_text("Ⅲ级应急响应")
    for key in ("fx4-rescue", "fx4-township", "fx3-pumps", "fx3-shelter", "fx3-traffic"):
        expect(page.locator(f"tr.task-row[data-key={key}]")).to_have_count(1)
    # 6. the team arrives (已响应 → 出发 → 到场)
    for event, status in (("respond", "已响应"), ("depart", "出发"), ("arrive", "到场")):
        _step(page, ".team-order[data-team=TEAM-S001]", event)
        expect(page.locator(".team-order[data-team=TEAM-S001] .order-status")).to_have_text(status)
    page.goto(incident_url)
    expect(page.locator("#plans-panel")).to_contain_text("船山区观音湖水上救援队（到场）")
    # the township hears of its task, accepts it and completes it
    live_manage("dispatch_events", "--once")
    page = _relogin(page, login, "township-laochi")
    page.goto(f"{live_url}/plans/tasks/mine/")
    expect(page.locator("#inbox")).to_contain_text("新任务：组织危险区群众转移避险")
    for event in ("accept", "start", "complete"):
        _step(page, "tr.task-row[data-key=fx4-township]", event)
    expect(page.locator("tr.task-row[data-key=fx4-township]")).to_have_count(0)  # done: off the to-do list
    # the commander completes the other tasks and ends the response
    page = _relogin(page, login, "commander")
    page.goto(response_url)
    expect(page.locator("tr.task-row[data-key=fx4-township] .task-status")).to_have_text("已完成")
    while page.locator("tr.task-row button[data-event]").count():
        row = page.locator("tr.task-row", has=page.locator("button[data-event]")).first
        key = row.get_attribute("data-key")
        for event in ("accept", "start", "complete"):
            _step(page, f"tr.task-row[data-key={key}]", event)
    expect(page.locator("tr.task-row .task-status", has_text="已完成")).to_have_count(7)
    _confirm_step(page, "#responses", "end", "积水已退，被困群众全部转移")
    expect(page.locator("#responses .response-level")).to_have_text("响应已终止")
    # 7. the review shows the task timeliness
    page.goto(incident_url.rstrip("/") + "/review/")
    expect(page.locator("#timeliness")).to_contain_text("按时完成")
    expect(page.locator("#timeliness .on-time")).to_have_text("7")


def test_a_commander_edits_the_flood_plan_in_the_structured_editor(login, live_url, tmp_path):
    page = login("commander")
    page.goto(f"{live_url}/plans/")
    page.get_by_role("link", name="船山区防汛抗旱应急预案").first.click()
    page.click("#edit-plan")
    task = page.locator(".level-editor[data-level=response_4] tr.task-editor[data-key=fx4-rescue]")
    deadline = task.locator("input[data-path$='.deadline_minutes']")
    expect(deadline).to_have_value("60")
    # a bad deadline and a level without approvers come back next to their fields; nothing is saved
    deadline.fill("0")
    page.locator(".level-editor[data-level=response_3] input[value=commander]").uncheck()
    page.click("#save-draft")
    expect(page.locator("#result")).to_contain_text("另有 1 处问题")
    expect(page.locator(".field-error[data-error-for='levels.0.tasks.1.deadline_minutes']")).to_contain_text(
        "时限必须是正整数分钟")
    expect(page.locator(".field-error[data-error-for='levels.1.approvers']")).to_contain_text("审批角色")
    page.screenshot(path=str(tmp_path / "editor-errors.png"), full_page=False)
    # fixed: the draft is saved, the published version is unchanged, the diff shows the change
    deadline = page.locator(".level-editor[data-level=response_4] tr.task-editor[data-key=fx4-rescue] "
                            "input[data-path$='.deadline_minutes']")
    expect(deadline).to_have_value("0")  # the user's input was kept
    deadline.fill("45")
    page.locator(".level-editor[data-level=response_3] input[value=commander]").check()
    task = page.locator(".level-editor[data-level=response_4] tr.task-editor[data-key=fx4-rescue]")
    task.get_by_role("button", name="+ 物资").click()
    task.locator("select[data-path$='.materials.2.code']").select_option("3010201")
    task.locator("input[data-path$='.materials.2.quantity']").fill("500")
    # the speciality is chosen from the resources vocabulary, "（不限）" for any team of the type
    speciality = task.locator("select[data-path$='.teams.0.speciality']")
    expect(speciality).to_have_value("水域")
    expect(speciality.locator("option")).to_have_text(["（不限）", *SPECIALITIES])
    # the patrol task moves up to first place; the keyboard focus stays on the moved task
    task.get_by_role("button", name="上移任务").click()
    tasks = page.locator(".level-editor[data-level=response_4] tr.task-editor")
    expect(tasks.nth(0)).to_have_attribute("data-key", "fx4-rescue")
    expect(task.get_by_role("button", name="上移任务")).to_be_disabled()
    expect(task.get_by_role("button", name="下移任务")).to_be_focused()
    page.fill("input[name=note]", "缩短巡查时限，增加土工布，巡查排在首位")
    page.click("#save-draft")
    expect(page.locator("#result")).to_contain_text("草稿已保存（第3版）")
    expect(page.locator("#editor-source")).to_contain_text("基于第3版（草稿）")
    page.goto(f"{live_url}/plans/")
    page.get_by_role("link", name="船山区防汛抗旱应急预案").first.click()
    page.click("#diff-v3")
    expect(page.locator("body")).to_contain_text("deadline_minutes")
    expect(page.locator("body")).to_contain_text("3010201")
    # the re-opened editor shows the saved order
    page.go_back()
    page.click("#edit-plan")
    tasks = page.locator(".level-editor[data-level=response_4] tr.task-editor")
    for index, key in enumerate(("fx4-rescue", "fx4-watch", "fx4-township")):
        expect(tasks.nth(index)).to_have_attribute("data-key", key)
