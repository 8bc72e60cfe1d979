"""In Chromium: the commander convenes a consultation on the newest incident that has a response, inviting the water
bureau; the water liaison acknowledges it from the to-do inbox; the commander records attendance and minutes and
turns a decision into a task, which the response page then shows; the 会商纪要 DOCX downloads."""

import os
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from yingji.demo.townships import township

pytestmark = pytest.mark.browser
RENLI = township("仁里镇").seat


def _incident_with_response(page, live_url) -> str:
    """A flood in 仁里镇 taken at the duty desk's form, and the 防汛 Ⅳ response the platform suggests, approved."""
    page.goto(f"{live_url}/incidents/new/")
    page.fill("#id_caller_name", "仁里镇值班室")
    page.fill("#id_statement", "仁里镇刘家河水位上涨，沿河低洼处积水，有群众被困")
    page.select_option("#id_type_code", "1.1.1")
    page.fill("#id_occurred_at", page.input_value("#id_received_at"))
    page.evaluate("([lon, lat]) => document.getElementById('picker-map').yjPlace([lon, lat])",
                  [RENLI[0] + 0.002, RENLI[1] + 0.001])
    expect(page.locator("#picked-point")).to_contain_text("已选点")
    page.fill("#id_trapped", "3")
    page.click("#intake-submit")
    expect(page.locator("#incident-name")).to_contain_text("仁里镇")
    incident = page.url.split("#")[0].rstrip("/").rsplit("/", 1)[-1]
    page.click("#response-link")
    page.fill("#rainfall_mm", "65")
    page.click("#suggestions form[method=get] button")
    page.locator(".suggestion[data-plan=YA-FX] button").click()
    expect(page.locator(".alert-success")).to_contain_text("Ⅳ级应急响应")
    return incident


def test_convene_acknowledge_minutes_and_a_decision_becomes_a_task(login, live_url, browser):
    page = login("commander")
    incident = _incident_with_response(page, live_url)
    page.goto(f"{live_url}/consultation/new/?incident={incident}")
    page.fill("#c-agenda", "一、通报灾情；二、研判下一步处置")
    page.select_option("#c-departments", ["ORG-WATER"])
    page.select_option("#c-room", index=1)
    page.click("#convene-form button[type=submit]")
    page.wait_for_selector("#consultation-state")
    consultation_url = page.url
    assert "进入视频会议室" in page.inner_text("body")

    liaison = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai").new_page()
    liaison.goto(f"{live_url}/accounts/login/")
    liaison.fill("#id_username", "liaison-water")
    liaison.fill("#id_password", "Chuanshan@2025")
    liaison.click("button[type=submit]")
    liaison.wait_for_url(f"{live_url}/")
    liaison.goto(f"{live_url}/todo/")
    liaison.click(f"a[href='{consultation_url.removeprefix(live_url)}']")
    liaison.click("#acknowledge-form button")
    liaison.wait_for_selector("#invitees")
    assert "已确认" in liaison.inner_text("#invitees")
    liaison.context.close()

    page.reload()
    water = page.locator("#invitees tr", has_text="区水利局")
    assert "已确认" in water.inner_text()
    water.locator("input[type=checkbox]").check()
    water.locator("input[name^=attendee]").fill("张水利")
    page.click("#attendance-form button[type=submit]")
    page.fill("#minutes", "会商认为须加密巡查并提前转移低洼处群众。")
    page.click("#minutes-form button[type=submit]")
    page.wait_for_selector("#consultation-state")
    assert "会商中" in page.inner_text("#consultation-state")
    page.fill("#d-text", "会商决定：加密巡查河道并转移低洼处群众")
    page.select_option("#d-kind", "task")
    page.select_option("#d-org", "ORG-WATER")
    page.fill("#d-owner", "张水利")
    deadline = timezone.localtime(timezone.now() + timedelta(hours=3))
    page.fill("#d-deadline", deadline.strftime("%Y-%m-%dT%H:%M"))
    page.click("#decision-form button[type=submit]")
    page.wait_for_selector(".decision-row")
    assert not page.locator("#step-error").count(), page.inner_text("#step-error")
    page.click(".decision-row a")
    page.wait_for_url(f"{live_url}/plans/incident/{incident}/")
    assert "会商决定：加密巡查河道并转移低洼处群众" in page.inner_text("body")
    if os.environ.get("YINGJI_SCREENSHOTS"):
        page.screenshot(path=os.path.join(os.environ["YINGJI_SCREENSHOTS"], "consultation-task.png"), full_page=True)
    page.goto(f"{live_url}/incidents/{incident}/")
    assert "会商决定" in page.inner_text("body")
    docx = page.request.get(consultation_url + "summary.docx")
    assert docx.status == 200 and docx.body()[:2] == b"PK"
