"""A browser in UTC (a laptop set to UTC, a server's headless browser) still reads every time in the district's
zone (issue 14 §6–7): the command board, its clock, the warning list, and the to-do inbox."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from conftest import DEMO_PASSWORD

pytestmark = pytest.mark.browser
BEIJING = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def utc_page(browser, live_url):
    context = browser.new_context(locale="zh-CN", timezone_id="UTC", viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    assert page.evaluate("Intl.DateTimeFormat().resolvedOptions().timeZone") == "UTC"
    page.goto(f"{live_url}/accounts/login/")
    page.fill("#id_username", "commander")
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_url}/")
    yield page
    context.close()


def _beijing(iso: str, fmt: str) -> str:
    return datetime.fromisoformat(iso).astimezone(BEIJING).strftime(fmt)


def test_the_command_board_shows_beijing_times_in_a_utc_browser(utc_page, live_url):
    page = utc_page
    feed = page.request.get(f"{live_url}/incidents/board/data/").json()
    page.goto(f"{live_url}/incidents/board/")
    now = datetime.now(BEIJING)
    minutes = {(now + timedelta(minutes=d)).strftime("%Y-%m-%d %H:%M") for d in (-1, 0, 1)}
    expect(page.locator("#board-clock")).not_to_be_empty()
    assert page.locator("#board-clock").inner_text()[:16] in minutes
    assert feed["timeline"], "the demo board has timeline entries"
    first = feed["timeline"][0]
    expect(page.locator("#board-timeline li").first).to_contain_text(_beijing(first["at"], "%m-%d %H:%M"))
    if feed["clocks"]:
        expect(page.locator("#board-clocks")).to_contain_text(_beijing(feed["clocks"][0]["due_at"], "%m-%d %H:%M"))


def test_the_warning_list_shows_the_product_format(utc_page, live_url):
    page = utc_page
    page.goto(f"{live_url}/alerts/")
    expect(page.locator("table").first).to_be_visible()
    assert "+08:00" not in page.content()


def test_the_inbox_is_in_the_navbar_with_its_count(utc_page, live_url):
    page = utc_page
    expect(page.locator("#todo-link #todo-count")).to_be_visible()  # fetched after the page (htmx)
    page.click("#todo-link")
    expect(page.locator("h1")).to_contain_text("我的待办")
