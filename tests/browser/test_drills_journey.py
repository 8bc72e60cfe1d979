"""Drills in real Chromium: the controller starts the planned 双盲 drill (confirming), the opening inject is on the
【演练】 incident's timeline under the exercise banner, and the duty officer sees the incident in the list but not the
script; the held drill of 老池镇 shows its late tasks on the console, on the replay and in the evaluation report."""

import zipfile

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def _drill_page(page, live_url, code):
    page.goto(f"{live_url}/r/drills/drills/?q={code}")
    page.locator("tr", has_text=code).locator("a").first.click()
    expect(page.locator("#drill-console")).to_be_visible()


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
