"""The night-duty story (issue 4, "Done means") in real Chromium, and the historical rainstorm."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
GUIHUA = (105.604, 30.428)


def _pick_point(page, lon, lat):
    page.evaluate("([lon, lat]) => document.getElementById('picker-map').yjPlace([lon, lat])", [lon, lat])


def _relogin(page, login, username):
    page.click("form[action$='/logout/'] button")
    return login(username)


def test_night_duty_landslide_from_call_to_review(login, live_url, tmp_path):
    page = login("duty")
    # 1. the duty officer takes a call about a landslide in 桂花镇
    page.goto(f"{live_url}/incidents/new/")
    page.fill("#id_caller_name", "李大爷")
    page.fill("#id_caller_phone", "13900001111")
    page.fill("#id_statement", "桂花镇后山滑坡，冲毁一间偏房，坡下还有8户人")
    page.select_option("#id_type_code", "1.4.2")
    page.fill("#id_occurred_at", page.input_value("#id_received_at"))
    _pick_point(page, GUIHUA[0] + 0.003, GUIHUA[1] - 0.002)
    expect(page.locator("#picked-point")).to_contain_text("已定位：桂花镇")  # the point's township, at once
    page.fill("#id_evacuated", "8")
    page.click("#intake-submit")
    # 2. the grade and the clocks appear
    expect(page.locator("#incident-name")).to_contain_text("桂花镇")
    expect(page.locator("#grade-rule")).to_contain_text("按伤亡初判为一般")
    expect(page.locator("#clock-table tr[data-clock=nd_initial_report]")).to_contain_text("计时中")
    page.click("#grade summary")
    page.select_option("#grade-form select[name=grade]", "grade_4")
    page.fill("#grade-form input[name=reason]", "无人员伤亡，按一般地质灾害处置")
    page.click("#grade-form button")
    expect(page.locator("#incident-grade")).to_contain_text("一般（Ⅳ级）")
    incident_url = page.url.split("#")[0]
    # 3. a message is posted
    page.fill("#timeline-body", "已通知桂花镇政府组织坡下8户转移")
    page.click("#timeline-submit")
    expect(page.locator("#timeline-entries")).to_contain_text("已通知桂花镇政府组织坡下8户转移")
    # 4. the 初报 is drafted, signed by another user (the commander) and exported
    page.click("#new-report-initial")
    page.fill("#id_figure_relocated", "26")
    page.fill("#id_text_course", "23时许桂花镇后山发生滑坡，冲毁偏房一间，无人员伤亡。")
    page.click("#report-save")
    expect(page.locator("#report-status")).to_have_text("草稿")
    page.click("#report-submit")
    expect(page.locator("#report-status")).to_have_text("待签发")
    expect(page.locator("#report-sign")).to_have_count(0)  # the author cannot sign
    report_url = page.url
    page = _relogin(page, login, "commander")
    page.goto(report_url)
    page.click("#report-sign")
    expect(page.locator("#report-status")).to_have_text("已签发")
    expect(page.locator("#report-signer")).to_have_text("指挥长（演示）")
    page = _relogin(page, login, "duty")
    page.goto(report_url)
    page.click("#report-send")
    expect(page.locator("#report-status")).to_have_text("已报送")
    with page.expect_download() as download:
        page.click("#report-docx")
    assert download.value.suggested_filename.endswith(".docx")
    download.value.save_as(tmp_path / "initial.docx")
    # 5. the incident is closed (after its open clocks are settled) and the review is exported
    page.goto(incident_url)
    expect(page.locator("#clock-table tr[data-clock=nd_initial_report]")).to_contain_text("已完成")
    for event in ("verify", "respond", "stabilize"):
        page.click(f"#event-{event}")
        expect(page.locator(".alert-success")).to_be_visible()
    page.fill("form[data-event=close] textarea", "险情已排除，转移群众已返回")
    page.click("#event-close")
    expect(page.locator(".alert-danger")).to_contain_text("还有未完成的报送时限：灾情核报")
    row = page.locator("#clock-table tr[data-clock=nd_verification]")
    row.locator("input[name=reason]").fill("未造成灾情损失，经指挥长同意不再核报")
    row.locator("button").click()
    expect(row).to_contain_text("已豁免")
    page.fill("form[data-event=close] textarea", "险情已排除，转移群众已返回")
    page.click("#event-close")
    expect(page.locator("#incident-status")).to_have_text("已结束")
    page.click("#review-link")
    expect(page.locator("#review-clocks")).to_contain_text("按时完成")
    page.fill("#review-form textarea", "接报、研判、报送及时。")
    page.fill("#review-form input[name=item_content]", "对后山隐患点加装裂缝监测")
    page.click("#review-save")
    expect(page.locator("#review-items")).to_contain_text("对后山隐患点加装裂缝监测")
    page.screenshot(path="test-results/incident-review.png", full_page=True)
    with page.expect_download() as download:
        page.click("#review-docx")
    assert download.value.suggested_filename.endswith("应急评估.docx")


def test_historical_rainstorm_is_browsable_and_the_board_shows_live_incidents(login, live_url):
    page = login("observer")
    page.goto(f"{live_url}/incidents/?status=closed")
    page.click("text=船山区“8·13”“8·16”暴雨洪涝灾害")
    expect(page.locator("#incident-status")).to_have_text("已结束")
    expect(page.locator("#report-table tbody tr")).to_have_count(31)
    page.screenshot(path="test-results/incident-rainstorm.png", full_page=True)
    page.click("#report-table >> text=核报 >> nth=-1")
    expect(page.locator("#report-figures")).to_contain_text("15,144")
    page.go_back()
    page.click("text=乡镇汇总")
    expect(page.locator("#rollup-total")).to_contain_text("15,144")
    page.goto(f"{live_url}/incidents/board/")
    # The three recent demo incidents are active; other journeys sharing this server may have added more.
    expect(page.locator("#board-incidents li").nth(2)).to_be_visible()
    expect(page.locator("#board-live")).to_have_attribute("data-connected", "1")
    page.screenshot(path="test-results/incident-board.png")


def test_board_updates_without_reload_when_an_incident_is_reported(login, live_url, browser):
    page = login("commander")
    page.goto(f"{live_url}/incidents/board/")
    expect(page.locator("#board-live")).to_have_attribute("data-connected", "1")
    # The list is drawn by the first feed fetch, which can finish after the stream connects: count only after it.
    expect(page.locator("#board[data-updated]")).to_have_count(1)
    count = page.locator("#board-incidents li").count()
    other = browser.new_context(locale="zh-CN").new_page()
    other.goto(f"{live_url}/incidents/report/")
    other.select_option("#id_kind", "2.1.4")
    other.fill("#id_statement", "河边仓库冒黑烟")
    other.fill("#id_address", "船山区河东路")
    other.fill("#id_phone", "13811112222")
    other.click("#public-submit")
    expect(other.locator("#public-thanks")).to_be_visible()
    expect(page.locator("#board-incidents li")).to_have_count(count + 1, timeout=20_000)
    other.context.close()
