"""Drills in real Chromium: a tabletop drill (桌面推演) on the flood plan is planned, scripted and run live — the
clock sped up and advanced (快进), the inject reaches the duty officer on the exercise incident, the plan's tasks are
done after their deadlines on the drill clock, and the console and the evaluation report show the lateness; the
controller starts the planned 双盲 drill (confirming), the opening inject is on the 【演练】 incident's timeline under
the exercise banner, and the duty officer sees the incident in the list but not the script; the held drill of 老池镇
shows its late tasks on the console, on the replay and in the evaluation report."""

import uuid
import zipfile

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def _drill_page(page, live_url, code):
    page.goto(f"{live_url}/r/drills/drills/?q={code}")
    page.locator("tr", has_text=code).locator("a").first.click()
    expect(page.locator("#drill-console")).to_be_visible()


def _relogin(page, login, username):
    page.click("form[action$='/logout/'] button")
    return login(username)


def _step(page, scope, event):
    page.locator(scope).locator(f"button[data-event={event}]").first.click()
    expect(page.locator(".alert-success").first).to_be_visible()


def _plan_tabletop_drill(page, live_url, name):
    page.goto(f"{live_url}/r/drills/drills/new/")
    page.fill("#id_name", name)
    page.select_option("#id_drill_type", "tabletop")
    plan = page.locator("#id_plan option", has_text="防汛").first.get_attribute("value")
    page.select_option("#id_plan", plan)
    page.fill("#id_scenario", "涪江流域持续强降雨，老池镇场镇低洼处积水，有群众被困")
    page.fill("#id_address", "老池镇场镇")
    page.select_option("#id_region", label="船山区")
    page.fill("#id_scheduled_at", page.evaluate("new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 16)"))
    page.locator("form button[type=submit]").last.click()
    expect(page.locator("#drill-console")).to_be_visible()
    expect(page.locator("#drill-stage")).to_have_text("计划")
    return page.url


def test_a_tabletop_drill_run_live_its_late_tasks_show_in_the_evaluation_report(login, live_url):
    page = login("commander")
    name = f"防汛桌面推演 {uuid.uuid4().hex[:6]}"
    drill_url = _plan_tabletop_drill(page, live_url, name)
    # the director scripts an inject at T+60′ and starts the drill, sped up ×60
    page.fill("#inject-minute", "60")
    page.select_option("#inject-kind", "road")
    page.fill("#inject-title", "场镇至渡口道路被淹中断")
    page.fill("#inject-content", "老池镇场镇至渡口道路积水深约0.8米，车辆无法通行")
    page.click("#inject-add")
    expect(page.locator("#drill-injects tr[data-minute='60']")).to_contain_text("场镇至渡口道路被淹中断")
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("#drill-start")
    expect(page.locator("#drill-stage")).to_have_text("进行中")
    page.select_option("#drill-speed", "60.0")
    page.click("#drill-set-speed")
    expect(page.locator("#drill-clock")).to_contain_text("×60")
    # the players activate the flood plan on the exercise incident: the tasks are assigned with their deadlines
    page.click("#drill-incident")
    incident_url = page.url.split("#")[0]
    expect(page.locator("#exercise-banner")).to_contain_text("演练事件")
    page.click("#response-link")
    page.fill("#rainfall_mm", "65")
    page.click("#suggestions form[method=get] button")
    page.locator(".suggestion[data-plan=YA-FX] button").click()
    expect(page.locator("#responses .response-level")).to_have_text("Ⅳ级应急响应")
    response_url = page.url
    expect(page.locator("tr.task-row")).to_have_count(3)
    # the director jumps the scenario two hours ahead (快进 120 分钟): the T+60′ inject comes due, every task's
    # time is past
    page.goto(drill_url)
    page.fill("#drill-advance-minutes", "120")
    page.press("#drill-advance-minutes", "Enter")  # 快进 is its own form: Enter advances, it does not pause
    expect(page.locator("#drill-clock")).to_contain_text("T+02:")
    expect(page.locator("#drill-stage")).to_have_text("进行中")
    expect(page.locator("#drill-injects tr[data-minute='60'].table-success")).to_have_count(1)
    # the inject is on the duty officer's desk: the exercise incident among the open incidents, its timeline
    page = _relogin(page, login, "duty")
    page.goto(f"{live_url}/incidents/")
    expect(page.locator("body")).to_contain_text(f"【演练】{name}")
    page.goto(incident_url)
    expect(page.locator("body")).to_contain_text("【演练注入】T+60分 场镇至渡口道路被淹中断")
    # the tasks are done now, late on the drill clock
    page = _relogin(page, login, "commander")
    page.goto(response_url)
    done = 0
    while page.locator("tr.task-row button[data-event]").count():
        key = page.locator("tr.task-row", has=page.locator("button[data-event]")).first.get_attribute("data-key")
        for event in ("accept", "start", "complete"):
            _step(page, f"tr.task-row[data-key={key}]", event)
        done += 1
    assert done >= 2
    # the drill ends, the commander scores it, and the console and the report show the lateness
    page.goto(drill_url)
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("#drill-end")
    expect(page.locator("#drill-stage")).to_have_text("已结束")
    expect(page.locator("#drill-measured")).to_contain_text(f"任务按时完成：0/3（超时 {done}")
    for field in page.locator("#evaluation-form input[name^=score_]").all():
        field.fill("3")
    page.fill("#evaluation-findings", "任务全部超时完成")
    page.click("#evaluation-save")
    expect(page.locator("#drill-stage")).to_have_text("已评估")
    with page.expect_download() as download:
        page.click("#drill-report")
    xml = zipfile.ZipFile(download.value.path()).read("word/document.xml").decode()
    assert name in xml and "加密值守" in xml and xml.count("超时完成") >= done
    assert "场镇至渡口道路被淹中断" in xml  # the inject on the annexed timeline


def test_start_a_drill_the_inject_reaches_the_exercise_incident_and_the_script_stays_hidden(login, live_url):
    page = login("commander")
    _drill_page(page, live_url, "YL-2027-01")
    drill_url = page.url
    expect(page.locator("#drill-injects")).to_contain_text("下风向学校报告异味")  # the controller sees the script
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("#drill-start")
    expect(page.locator("#drill-stage")).to_have_text("进行中")
    expect(page.locator("#drill-clock")).to_contain_text("T+00:0")
    page.click("#drill-incident")
    expect(page.locator("#exercise-banner")).to_contain_text("演练事件")
    expect(page.locator("#incident-name")).to_contain_text("【演练】")
    expect(page.locator("body")).to_contain_text("【演练注入】T+0分 化工园区储罐泄漏")

    page.click("form[action$='/logout/'] button")
    page = login("duty")
    page.goto(f"{live_url}/incidents/")
    expect(page.locator("body")).to_contain_text("【演练】危险化学品泄漏双盲实战演练")
    page.goto(drill_url)
    expect(page.locator("#drill-script-hidden")).to_be_visible()
    expect(page.locator("#drill-injects")).not_to_contain_text("下风向学校报告异味")
    expect(page.locator("#drill-start")).to_have_count(0)


def test_the_late_drill_shows_its_lateness_on_the_console_the_replay_and_the_report(login, live_url):
    page = login("commander")
    _drill_page(page, live_url, "YL-2026-02")
    expect(page.locator("#drill-grade")).to_have_text("合格")
    expect(page.locator("#drill-measured")).to_contain_text("超时 2")
    with page.expect_download() as download:
        page.click("#drill-report")
    xml = zipfile.ZipFile(download.value.path()).read("word/document.xml").decode()
    assert "超时完成" in xml and "五、存在的问题" in xml
    page.click("#drill-replay")
    expect(page.locator("#replay-timeline")).to_contain_text("【演练注入】T+40分")
    page.locator("#replay-steps a", has_text="T+0′").click()
    expect(page.locator("#replay-until")).to_have_text("T+0′")
    expect(page.locator("#replay-timeline")).not_to_contain_text("【演练注入】T+40分")
