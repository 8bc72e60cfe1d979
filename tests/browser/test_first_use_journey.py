"""A new user's first use (issue 14, "Done when"), in real Chromium: an anonymous visitor arrives at `/`, finds
the public pages (the report form's map has the district and its townships), logs in as the duty officer,
meets the form errors beside their fields, files a flood by choosing a township (no map click), drafts the 初报
from the figures already known and submits it for signature; the commander finds it in 我的待办 and signs it."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
RESULTS = Path(__file__).resolve().parents[2] / "test-results"
INVALID = re.compile(r"\bis-invalid\b")


def _log_out(page):
    page.click("form[action$='/logout/'] button")


def _public_pages(page, live_url):
    """The anonymous visitor: the public home at `/`, its report link (the form's map has the district and its
    townships, with names), back, and the staff login link."""
    page.goto(f"{live_url}/")
    expect(page.locator("#public-home")).to_be_visible()
    page.click("#report-link")
    expect(page).to_have_url(f"{live_url}/incidents/report/")
    expect(page.locator("#public-map")).to_have_attribute("data-outline-count", "25")
    expect(page.locator("#public-map .yj-region-label", has_text="桂花镇")).to_be_visible()
    page.go_back()
    page.click("#staff-login")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))


def _errors_beside_their_fields(page):
    page.click("#intake-submit")
    expect(page.locator(".yj-form-errors")).to_contain_text("请修改以下标出的内容")
    for field in ("id_statement", "id_type_code", "id_township"):
        expect(page.locator(f"#{field}")).to_have_class(INVALID)
        expect(page.locator(f"#{field}_error")).to_be_visible()
    first = page.evaluate("document.querySelector('#intake-form .is-invalid').id")
    expect(page.locator(f"#{first}")).to_be_focused()
    expect(page.locator(f"#{first}")).to_be_in_viewport()


def test_first_use_from_the_public_home_to_the_signed_first_report(page, live_url, login):
    _public_pages(page, live_url)
    login("duty")

    # the duty officer takes a call about a flood: first an empty press, then the form filled in
    page.goto(f"{live_url}/incidents/new/")
    _errors_beside_their_fields(page)
    page.fill("#id_caller_name", "王大姐")
    page.fill("#id_caller_phone", "13900002222")
    page.fill("#id_statement", "河水漫进村里，有5个人被困在房顶上，村里已经转移了120人")
    page.select_option("#id_type_code", "1.1.1")
    page.fill("#id_occurred_at", page.input_value("#id_received_at"))
    page.fill("#place-search", "桂花")
    page.click(".yj-place-hit >> text=桂花镇")
    expect(page.locator("#picked-point")).to_have_text("已定位：桂花镇")
    expect(page.locator("#id_township option:checked")).to_have_text("桂花镇")
    village = page.locator("#id_village option:not([hidden])").nth(1)
    village_name = village.inner_text()
    page.select_option("#id_village", label=village_name)
    expect(page.locator("#picked-point")).to_have_text(f"已定位：桂花镇 · {village_name}")
    assert page.input_value("#id_lon") == ""  # no map click
    for field in ("id_statement", "id_type_code", "id_township"):  # what was put right is no longer marked
        expect(page.locator(f"#{field}")).not_to_have_class(INVALID)
        expect(page.locator(f"#{field}_error")).to_be_hidden()
    expect(page.locator("#id_occurred_at")).not_to_have_class(INVALID)
    page.fill("#id_trapped", "5")
    page.fill("#id_evacuated", "120")
    RESULTS.mkdir(exist_ok=True)
    page.locator("#intake-form").screenshot(path=str(RESULTS / "first-use-intake-form.png"))
    page.click("#intake-submit")

    # the incident lands in the chosen village and is graded
    expect(page.locator("#incident-name")).to_contain_text(f"桂花镇 · {village_name}")
    expect(page.locator("#incident-grade")).to_contain_text("一般")
    expect(page.locator("#grade-rule")).to_contain_text("被困5人、紧急转移120人")

    # the 初报 starts from the figures already known, and is submitted for signature
    page.click("#new-report-initial")
    expect(page.locator("#id_figure_relocated")).to_have_value("120")
    page.fill("#id_text_course", "桂花镇因强降雨发生洪涝，5人被困，已转移群众120人。")
    page.click("#report-save")
    expect(page.locator("#report-status")).to_have_text("草稿")
    page.click("#report-submit")
    expect(page.locator("#report-status")).to_have_text("待签发")
    report_url = page.url
    report_path = report_url.removeprefix(live_url)

    # the commander finds it in 我的待办 and signs it
    _log_out(page)
    login("commander")
    page.goto(f"{live_url}/todo/")
    item = page.locator(f".todo-item[href='{report_path}']")
    expect(item).to_contain_text("签发报告")
    item.click()
    expect(page).to_have_url(report_url)
    page.click("#report-sign")
    expect(page.locator("#report-status")).to_have_text("已签发")
    expect(page.locator("#report-signer")).to_have_text("指挥长（演示）")
    page.goto(f"{live_url}/todo/")
    expect(page.locator(f".todo-item[href='{report_path}']")).to_have_count(0)
