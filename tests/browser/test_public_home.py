"""公众服务 in Chromium (issue 14 §16): an anonymous visitor at / finds the warnings in force, the nearest open shelter
with room from a typed place or from the browser's position, the public report and safety guidance; the login page
leads there; English is one click away."""

import pytest
from playwright.sync_api import expect

from yingji.demo.townships import township

pytestmark = pytest.mark.browser


def test_a_visitor_finds_the_nearest_shelter_by_place_and_by_position(browser, live_url):
    seat = township("老池镇").seat
    context = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai", viewport={"width": 1366, "height": 768},
                                  geolocation={"longitude": seat[0], "latitude": seat[1]}, permissions=["geolocation"])
    violations = []
    context.on("console", lambda m: "Content Security Policy" in m.text and violations.append(m.text))
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{live_url}/")
    expect(page.locator("h1")).to_contain_text("公众服务")
    expect(page.locator("#public-warnings")).to_contain_text("暴雨黄色预警")
    expect(page.locator("#guidance details[open]")).to_contain_text("暴雨")  # the type of the warning in force

    page.fill("#place", "桂花镇")
    page.click("#shelter-search")
    expect(page.locator("#shelter-results .yj-shelter")).to_have_count(3)
    expect(page.locator("#shelters h3")).to_contain_text("桂花镇")
    expect(page.locator("#shelter-results .yj-shelter").first).to_contain_text("空余")

    page.click("#locate-me")
    expect(page.locator("#shelters h3")).to_contain_text("您的位置")
    expect(page.locator("#shelter-results .yj-shelter")).to_have_count(3)
    page.screenshot(path="test-results/public-home.png", full_page=True)

    page.click("#report-link")
    expect(page).to_have_url(f"{live_url}/incidents/report/")
    context.close()
    assert violations == []


def test_the_login_page_leads_to_the_public_home_in_either_language(page, live_url):
    page.goto(f"{live_url}/accounts/login/")
    page.click("#public-link a")
    expect(page.locator("h1")).to_contain_text("公众服务")
    page.select_option("#language-select", "en")
    expect(page.locator("h1")).to_contain_text("Public services")
    expect(page.locator("#shelters")).to_contain_text("Nearest shelters")
    page.select_option("#language-select", "zh-hans")
    expect(page.locator("h1")).to_contain_text("公众服务")
