"""The township ranking as Excel, for a chosen year, read back: ranked by indicators met, each figure with its
status, scoped to the viewer's townships."""

import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from yingji.indicators.models import IndicatorSnapshot

pytestmark = pytest.mark.django_db


def _sheet(client, user, query=""):
    client.force_login(user)
    response = client.get(f"/indicators/townships.xlsx{query}")
    assert response.status_code == 200 and "spreadsheetml" in response["Content-Type"]
    return load_workbook(io.BytesIO(response.content))


def test_the_ranking_of_a_past_year_in_excel(client, users, regions):
    year, now = timezone.localdate().year - 1, timezone.now()
    for code, value, state in (("3.3", 100, "met"), ("2.4", 95, "met")):
        IndicatorSnapshot.objects.create(indicator=code, year=year, region=regions["longfeng"], value=value,
                                         status=state, computed_at=now)
    IndicatorSnapshot.objects.create(indicator="3.3", year=year, region=regions["guihua"], value=40, of=50,
                                     status="not_met", computed_at=now)
    workbook = _sheet(client, users["commander"], f"?year={year}")
    sheet = workbook["乡镇指标排名"]
    rows = list(sheet.iter_rows(values_only=True))
    assert f"{year}年" in rows[0][0] and rows[1][:5] == ("排名", "乡镇（街道）", "达标", "未达标", "无数据")
    body = {row[1]: row for row in rows[2:]}
    columns = list(rows[1])
    assert body["龙凤镇"][0] == 1 and body["龙凤镇"][2:4] == (2, 0)
    assert body["龙凤镇"][columns.index("3.3")] == "100（达标）"
    assert body["桂花镇"][columns.index("3.3")] == "40/50（未达标）" and body["桂花镇"][0] > 1
    assert {r[0] for r in workbook["指标说明"].iter_rows(min_row=2, values_only=True)} >= {"3.3", "2.4"}

    officer = _sheet(client, users["township-guihua"], f"?year={year}")["乡镇指标排名"]
    names = [row[1] for row in officer.iter_rows(min_row=3, values_only=True)]
    assert names == ["桂花镇"]


def test_the_page_offers_the_year_and_the_export_and_refuses_a_bad_year(client, users):
    client.force_login(users["commander"])
    page = client.get("/indicators/townships/").content.decode()
    assert 'id="ranking-xlsx"' in page and "导出Excel" in page
    response = client.get("/indicators/townships/?year=1999")
    assert response.status_code == 400 and "年度应在 2020 至今年之间" in response.content.decode()
