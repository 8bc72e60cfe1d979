"""企业自查 on the statistics page and in its Excel export: per township in the user's reach, the units a check list
fits, those that submitted a self-check in the period (覆盖率), the sessions, the items failed and the hazards filed;
a hand-built 2015 set (the demo's sessions are all later)."""

import datetime as dt
import io

import pytest
from django.test import Client
from openpyxl import load_workbook

from yingji.prevention.models import CheckList, Enterprise, Hazard, SelfCheck, SelfCheckResult
from yingji.prevention.models.selfchecks import check_sector

pytestmark = pytest.mark.django_db
RANGE = {"start": "2015-01-01", "end": "2015-12-31"}


def _session(unit, day, results, state="submitted"):
    checklist = CheckList.objects.filter(sector=check_sector(unit)).first()
    session = SelfCheck.objects.create(enterprise=unit, checklist=checklist, checked_on=day, state=state,
                                       region=unit.region)
    for item, result in zip(checklist.items.order_by("number"), results, strict=False):
        hazard = (Hazard.objects.create(name=f"自查不合格：{item.name}", enterprise=unit, region=unit.region,
                                        source="self_check", found_on=day) if result == "fail" else None)
        SelfCheckResult.objects.create(session=session, item=item, result=result, hazard=hazard)
    return session


def _units_with_a_list(region):
    units = Enterprise.objects.filter(region__path__startswith=region.path, status="active")
    return sum(1 for unit in units if check_sector(unit))


@pytest.fixture
def checks(regions):
    unit = Enterprise.objects.get(code="QY-HX-01")  # 川中精细化工, 桂花镇
    _session(unit, dt.date(2015, 3, 1), ["pass", "fail", "na", "fail"])
    _session(unit, dt.date(2015, 9, 1), ["pass", "fail"])
    _session(unit, dt.date(2015, 10, 1), ["fail"], state="open")  # not submitted: not counted
    _session(unit, dt.date(2016, 1, 5), ["fail"])  # outside the period
    return unit


def _row(page, code):
    return page.split(f'data-township="{code}"')[1].split("</tr>")[0]


def _cells(row):
    return [cell.split(">", 1)[1] for cell in row.split("</td>")[1:-1]]


def test_the_statistics_page_shows_the_self_checks_of_the_period_by_township(users, regions, checks):
    client = Client()
    client.force_login(users["commander"])
    page = client.get("/prevention/statistics/", RANGE).content.decode()
    table = page.split('id="statistics-selfchecks"')[1].split("</table>")[0]
    units = _units_with_a_list(regions["guihua"])
    coverage = round(100 / units, 1)
    assert _cells(_row(table, regions["guihua"].code)) == [str(units), "1", str(coverage), "2", "3", "3"]
    longfeng = _cells(_row(table, regions["longfeng"].code))
    assert longfeng[1:] == ["0", "0.0", "0", "0", "0"]
    total = _cells(_row(table, ""))
    assert total[1] == "1" and total[3:] == ["2", "3", "3"]


def test_a_township_officer_sees_only_the_township(users, regions, checks):
    client = Client()
    client.force_login(users["township-guihua"])
    table = client.get("/prevention/statistics/", RANGE).content.decode().split('id="statistics-selfchecks"')[1]
    assert f'data-township="{regions["guihua"].code}"' in table
    assert f'data-township="{regions["longfeng"].code}"' not in table


def test_the_statistics_export_has_a_self_check_sheet(users, regions, checks):
    client = Client()
    client.force_login(users["commander"])
    content = client.get("/prevention/statistics/export.xlsx", RANGE).content
    sheet = load_workbook(io.BytesIO(content))["企业自查"]
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    guihua = next(row for row in rows if row[0] == regions["guihua"].name)
    assert guihua[2:] == [1, round(100 / _units_with_a_list(regions["guihua"]), 1), 2, 3, 3]
    assert rows[-1][0] == "合计"
