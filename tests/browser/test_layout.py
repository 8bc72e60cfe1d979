"""Layout (issue 14 §20): the main pages fit the common office screens in both languages. At 1366×768 and 1920×1080,
in Chinese and in English, no page is wider than the window, the navbar's items stay inside it, and the language
switcher shows its whole choice. Screenshots in test-results/layout-*.png."""

import re

import pytest

from conftest import DEMO_PASSWORD

pytestmark = pytest.mark.browser
SIZES = {"1366": {"width": 1366, "height": 768}, "1920": {"width": 1920, "height": 1080}}
LANGUAGES = {"zh": "zh-CN", "en": "en-US"}
PAGES = ["/", "/incidents/", "{incident}", "/incidents/board/", "/duty/", "/alerts/", "/alerts/new/", "/onemap/",
         "/resources/dashboard/", "/plans/"]

FITS = """() => {
  const width = window.innerWidth, nav = document.querySelector('.yj-navbar');
  const select = document.getElementById('language-select');
  const box = select ? select.getBoundingClientRect() : null;
  return {
    page: document.documentElement.scrollWidth,
    width: width,
    nav: nav ? Math.ceil(nav.scrollWidth) : 0,
    select: box ? Math.ceil(box.right) : 0,
    selectCut: select ? select.scrollWidth > select.clientWidth + 1 || box.width < 60 : false,
  };
}"""


@pytest.fixture(scope="module")
def incident_url(live_url, browser):
    context = browser.new_context()
    page = context.new_page()
    _login(page, live_url, "commander")
    page.goto(f"{live_url}/incidents/")
    href = page.locator("a[href^='/incidents/']").filter(has_text=re.compile(r"\S")).evaluate_all(
        "links => links.map(a => a.getAttribute('href')).find(h => /^\\/incidents\\/[0-9a-f-]{36}\\/$/.test(h))")
    context.close()
    assert href, "no incident on the list"
    return href


def _login(page, live_url, username):
    page.goto(f"{live_url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_url}/")


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("language", LANGUAGES)
def test_main_pages_fit_the_window(browser, live_url, incident_url, language, size):
    context = browser.new_context(locale=LANGUAGES[language], timezone_id="Asia/Shanghai", viewport=SIZES[size])
    page = context.new_page()
    page.set_default_timeout(20_000)
    _login(page, live_url, "commander")
    overflowing = []
    for path in PAGES:
        url = path.format(incident=incident_url)
        page.goto(f"{live_url}{url}")
        page.wait_for_load_state("networkidle")
        fits = page.evaluate(FITS)
        name = url.strip("/").replace("/", "-") or "home"
        if len(name) > 40:
            name = "incident"
        page.screenshot(path=f"test-results/layout-{language}-{size}-{name}.png")
        problems = [what for what, bad in (
            (f"page {fits['page']} px", fits["page"] > fits["width"]),
            (f"navbar {fits['nav']} px", fits["nav"] > fits["width"]),
            (f"language switcher ends at {fits['select']} px", fits["select"] > fits["width"]),
            ("language switcher cut", fits["selectCut"])) if bad]
        if problems:
            overflowing.append(f"{url}: " + ", ".join(problems) + f" (window {fits['width']} px)")
    context.close()
    assert overflowing == []
