"""The pages people use: dashboard figures, near-here search, stock, a movement with confirmation, ledger."""

import pytest

from yingji.resources.models import StockMovement

pytestmark = pytest.mark.django_db


def test_dashboard_shows_the_plan_figures_with_links(client, users):
    client.force_login(users["commander"])
    page = client.get("/resources/dashboard/").content.decode()
    assert 'id="figure-teams">134<' in page and 'id="figure-people">2,087<' in page
    assert "村（社区）应急分队" in page and "1,700" in page
    assert "/r/resources/shelters/?region=" in page and "/r/resources/teams/?q=village" in page
    assert "未到位" in page  # some central-village points are not stocked yet
    assert "达标" in page and "table-warning" in page  # some townships meet 1.5 m² per person, some do not


def test_dashboard_of_a_township_officer_counts_only_the_township(client, users):
    client.force_login(users["township-guihua"])
    page = client.get("/resources/dashboard/").content.decode()
    assert 'id="figure-teams">134<' not in page and "桂花镇" in page


def test_dashboard_and_nearby_need_a_role_that_sees_resources(client, users):
    client.force_login(users["grid-guihua-01"])
    assert client.get("/resources/dashboard/").status_code == 403
    assert client.get("/resources/nearby/").status_code == 403


def test_nearby_page_lists_the_nearest_team_with_a_boat(client, users):
    client.force_login(users["duty"])
    page = client.get("/resources/nearby/", {"lon": "105.575", "lat": "30.49", "kind": "team",
                                             "equipment": "冲锋舟"}).content.decode()
    assert 'id="nearby-results"' in page and "观音湖水上救援队" in page and "冲锋舟×4艘" in page
    bad = client.get("/resources/nearby/", {"lon": "104.06", "lat": "30.67", "kind": "team"})
    assert bad.status_code == 400 and "坐标不在船山区范围内" in bad.content.decode()


def test_a_movement_is_checked_then_confirmed(client, users):
    client.force_login(users["duty"])
    form = {"kind": "transfer", "depot": "DEP-D01", "to_depot": "DEP-T105", "material": "3010101", "quantity": "300",
            "reason": "汛前调拨"}
    count = StockMovement.objects.count()
    preview = client.post("/resources/stock/move/", form).content.decode()
    assert "请确认" in preview and "调拨：船山区应急救灾物资储备库 · 编织袋 300 条 → 桂花镇应急物资储备站" in preview
    assert StockMovement.objects.count() == count
    done = client.post("/resources/stock/move/", {**form, "confirm": "1"}, follow=True).content.decode()
    assert "已办理" in done and "调拨调出" in done and "调拨调入" in done
    assert StockMovement.objects.count() == count + 2


def test_a_bad_movement_shows_the_reason_and_saves_nothing(client, users):
    client.force_login(users["duty"])
    count = StockMovement.objects.count()
    response = client.post("/resources/stock/move/", {"kind": "issue", "depot": "DEP-D01", "material": "3010101",
                                                      "quantity": "-3", "confirm": "1"})
    assert response.status_code == 400 and "数量不能为负数" in response.content.decode()
    assert StockMovement.objects.count() == count


def test_stock_page_shows_alerts_and_depot_stock(client, users):
    client.force_login(users["observer"])
    page = client.get("/resources/stock/").content.decode()
    assert 'id="low-stock"' in page and "北固镇应急物资储备站" in page and 'id="expiring-batches"' in page
    assert "出入库办理" not in page  # an observer only reads
    depot = client.get("/resources/stock/", {"depot": "DEP-D01"}).content.decode()
    assert "编织袋" in depot
    assert client.get("/resources/stock/move/").status_code == 403
    ledger = client.get("/resources/stock/ledger/", {"group": "not-a-number"})
    assert ledger.status_code == 200 and "没有记录" in ledger.content.decode()


def test_team_and_depot_pages_list_members_gear_and_stock(client, users):
    from yingji.resources.models import Depot, RescueTeam

    client.force_login(users["duty"])
    team = RescueTeam.objects.get(code="TEAM-S001")
    page = client.get(f"/r/resources/teams/{team.uuid}/").content.decode()
    assert "冲锋舟驾驶员" in page and "冲锋舟" in page and "舟艇" in page
    depot = Depot.objects.get(code="DEP-D01")
    page = client.get(f"/r/resources/depots/{depot.uuid}/").content.decode()
    assert "编织袋" in page and "排涝抢险车" in page
    stock = client.get(f"/resources/depots/{depot.uuid}/stock/").content.decode()
    assert 'id="depot-batches"' in stock and "编织袋" in stock
