import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_duty_officer_sees_the_district_map_and_switches_language(login, live_url):
    page = login("duty")
    expect(page.locator("h1")).to_contain_text("区域总览")
    expect(page.locator("#figure-townships")).to_have_text("24")
    # The map draws one labelled polygon per township.
    expect(page.locator("#district-map .yj-region-label")).to_have_count(24)
    expect(page.locator("#district-map")).to_have_attribute("data-feature-count", "24")
    expect(page.locator("#township-list a")).to_have_count(24)
    expect(page.locator(".demo-banner")).to_be_visible()
    page.screenshot(path="test-results/foundation-overview.png", full_page=True)

    page.select_option("#language-select", "en")
    page.wait_for_load_state("load")
    expect(page.locator("h1")).to_contain_text("District overview")
    expect(page.locator("nav")).to_contain_text("Log out")
    page.select_option("#language-select", "zh-hans")
    page.wait_for_load_state("load")
    expect(page.locator("h1")).to_contain_text("区域总览")


def test_wrong_password_shows_a_chinese_error(page, live_url):
    page.goto(f"{live_url}/accounts/login/")
    page.fill("#id_username", "observer")
    page.fill("#id_password", "wrong-password")
    page.click("button[type=submit]")
    expect(page.locator(".alert-danger")).to_contain_text("用户名或密码错误")
