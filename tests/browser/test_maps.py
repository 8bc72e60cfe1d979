"""What the maps show (issue 14 §15, §22): one label per warning in its level's colour on the one-map; the command
board draws the district and its townships under the incidents."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
YELLOW = "rgb(245, 196, 0)"  # 三级 / yellow, #F5C400 (shared/STANDARDS.md §1)


def test_one_map_draws_each_warning_once_in_its_level_colour(login, live_url):
    page = login("commander")
    page.goto(f"{live_url}/onemap/")
    page.check("#layer-alerts-in-force")
    label = page.locator(".yj-region-label", has_text="暴雨黄色预警")
    expect(label).to_have_count(1)  # the demo warning covers six townships: one label, not six
    expect(label.locator(".yj-swatch")).to_have_css("background-color", YELLOW)
    expect(page.locator(".yj-legend")).to_contain_text("黄色预警（三级）")
    page.screenshot(path="test-results/onemap-warnings.png")


def test_board_map_shows_the_district_and_its_townships(login, live_url):
    page = login("commander")
    page.goto(f"{live_url}/incidents/board/")
    expect(page.locator("#board-map[data-outlined]")).to_have_count(1)
    assert int(page.locator("#board-map").get_attribute("data-outlined")) >= 2  # the district and its townships
    expect(page.locator("#board-map .yj-region-label", has_text="桂花镇")).to_have_count(1)
    expect(page.locator("#board-map .yj-region-label", has_text="老池镇")).to_have_count(1)
    page.screenshot(path="test-results/board-outline.png")
