"""The resources journey in a real browser: the one-map, "near here", and a bad Excel import."""

import io
import re

import pytest
from openpyxl import Workbook
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
FUJIANG = ("105.575", "30.49")  # a point on the 涪江, south of the city centre


def test_one_map_layers_and_a_depot_with_its_stock(login, live_url):
    page = login("duty")
    page.goto(f"{live_url}/onemap/")
    count = page.locator("#feature-count")
    expect(count).to_contain_text("视野内要素：")
    expect(page.locator("#onemap .leaflet-marker-icon").first).to_be_visible()
    before = int(page.locator("#onemap").get_attribute("data-feature-count"))
    assert before > 0
    page.check("#layer-resources-teams-village")  # 117 village squads join the map
    expect(page.locator('.yj-layer-count[data-slug="resources-teams-village"]')).to_have_text("(117)")
    expect(page.locator(".yj-legend")).to_contain_text("村（社区）应急分队")
    page.uncheck("#layer-resources-shelters")
    expect(page.locator(".yj-legend")).not_to_contain_text("空余 ≥ 50%")

    page.fill("#onemap-query", "应急救灾物资储备库")
    page.click("#onemap-search button")
    page.locator(".yj-search-result", has_text="船山区应急救灾物资储备库").click()
    popup = page.locator(".leaflet-popup-content")
    expect(popup).to_contain_text("编织袋")  # the search opens the depot on the map
    page.locator(".leaflet-popup-close-button").click()
    expect(popup).to_have_count(0)
    page.locator('.leaflet-marker-icon[title="船山区应急救灾物资储备库"]').click()
    expect(popup).to_contain_text("区级储备库")
    expect(popup).to_contain_text("编织袋")
    page.wait_for_timeout(600)  # the popup stays open once the map has settled
    expect(popup).to_contain_text("编织袋")
    page.screenshot(path="test-results/resources-onemap.png")
    popup.get_by_text("打开记录").click()
    expect(page.locator("h1")).to_contain_text("船山区应急救灾物资储备库")


def test_nearest_team_with_a_boat_to_a_point_on_the_fujiang(login, live_url):
    page = login("duty")
    page.goto(f"{live_url}/resources/nearby/")
    page.fill("#id_lon", FUJIANG[0])
    page.fill("#id_lat", FUJIANG[1])
    page.select_option("#id_kind", "team")
    page.fill("#id_equipment", "冲锋舟")
    page.click("#nearby-submit")
    first = page.locator("#nearby-results tbody tr").first
    expect(first).to_contain_text("船山区观音湖水上救援队")
    expect(first).to_contain_text("冲锋舟×4艘")
    # its readiness is shown (the flood story may have sent this team out on the shared live server)
    expect(first).to_contain_text(re.compile("待命|执行任务|休整"))
    page.screenshot(path="test-results/resources-nearby.png", full_page=True)


def _bad_teams_workbook() -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["编码", "名称", "队伍类型", "战备状态", "人数", "所属区域", "经度", "纬度"])
    sheet.append(["TEAM-NEW-1", "新建救援队", "社会/民间救援队伍", "待命", 12, "510903000000", 105.59, 30.51])
    sheet.append(["TEAM-NEW-2", "负人数救援队", "社会/民间救援队伍", "待命", -3, "510903000000", 105.59, 30.51])
    sheet.append(["TEAM-NEW-3", "成都的队伍", "社会/民间救援队伍", "待命", 10, "510903000000", 104.06, 30.67])
    sheet.append(["TEAM-NEW-4", "飞行队", "飞行队", "待命", 10, "510903000000", 105.59, 30.51])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_a_bad_team_import_shows_every_row_error(login, live_url):
    page = login("duty")
    page.goto(f"{live_url}/r/resources/teams/import/")
    page.set_input_files("#import-form input[type=file]", files=[{
        "name": "队伍.xlsx", "buffer": _bad_teams_workbook(),
        "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}])
    page.click("#import-form button[type=submit]")
    expect(page.locator("#import-error")).to_contain_text("未保存任何数据")
    errors = page.locator("#import-errors tbody")
    expect(errors).to_contain_text("人数")
    expect(errors).to_contain_text("“飞行队”不是可选值")
    expect(errors).to_contain_text("坐标不在船山区范围内")
    rows = [row.split("\t")[0] for row in errors.locator("tr").all_inner_texts()]
    assert set(rows) == {"3", "4", "5"}
    page.screenshot(path="test-results/resources-import-errors.png", full_page=True)
    page.goto(f"{live_url}/r/resources/teams/?q=TEAM-NEW")
    expect(page.locator("#registry-table tbody")).to_contain_text("没有记录")
