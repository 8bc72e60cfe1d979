"""统计分析 on a small hand-built set of hazards in 2015 (the demo's are all later): the figures a user reads on the
page and in the API (by township, sector, grade, source, state; 整改率 for 一般 and 重大; 按期整改率), the period
choices, the jurisdiction, the xlsx export and the 隐患排查治理情况统计表 (xlsx, DOCX)."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.test import Client
from docx import Document
from openpyxl import load_workbook

from yingji.prevention.models import Enterprise, Hazard

pytestmark = pytest.mark.django_db
D = dt.date
FIVE = {"plan_responsible": "赵一", "plan_measures": "加装紧急切断阀", "plan_funds": Decimal("35.5"),
        "plan_deadline": D(2015, 6, 30), "plan_contingency": "专项预案"}


def _enterprise(code, name, category, region):
    return Enterprise.objects.create(code=code, name=name, credit_code="91510903MA6200001K", category=category,
                                     region=region)


@pytest.fixture
def hazards(regions):
    """Seven hazards found in 2015 and one in 2016. 桂花镇 (化工储存): #1 一般 closed on time, #2 一般 closed late
    (July), #3 一般 open, #4 重大 市级督办 closed on its deadline day, #5 重大 open, #7 一般 found in December and
    closed in 2016, #6 found in 2016. 龙凤镇 (机械): #8 一般 closed on time."""
    guihua = _enterprise("QY-T-GH", "桂花测试化工", "chem_storage", regions["guihua"])
    longfeng = _enterprise("QY-T-LF", "龙凤测试机械", "machinery", regions["longfeng"])
    rows = [  # number, enterprise, grade, source, found, state, deadline, closed, extra
        (1, guihua, "general", "self_check", D(2015, 2, 1), "closed", D(2015, 3, 1), D(2015, 2, 20), {}),
        (2, guihua, "general", "grid", D(2015, 5, 1), "closed", D(2015, 6, 1), D(2015, 7, 1), {}),
        (3, guihua, "general", "grid", D(2015, 8, 1), "rectifying", D(2015, 9, 1), None, {}),
        (4, guihua, "major", "enforcement", D(2015, 4, 1), "closed", D(2015, 6, 30), D(2015, 6, 30),
         {"supervision": "city", **FIVE}),
        (5, guihua, "major", "department", D(2015, 10, 1), "ordered", D(2015, 12, 31), None, {}),
        (6, guihua, "general", "grid", D(2016, 1, 5), "closed", D(2016, 1, 20), D(2016, 1, 10), {}),
        (7, guihua, "general", "grid", D(2015, 12, 20), "closed", D(2016, 1, 31), D(2016, 1, 10), {}),
        (8, longfeng, "general", "public", D(2015, 3, 10), "closed", D(2015, 3, 31), D(2015, 3, 20), {}),
    ]
    return [Hazard.objects.create(code=f"YH-T{n}", name=f"测试隐患{n}", enterprise=e, region=e.region, grade=g,
                                  source=s, found_on=f, state=st, deadline=dl, closed_on=c, **extra)
            for n, e, g, s, f, st, dl, c, extra in rows]


def _get(api, user, **params):
    response = api(user).get("/api/prevention/statistics/", params)
    assert response.status_code == 200, response.content
    return response.json()


def _by(rows, key="label"):
    return {row[key]: (row["found"], row["closed"], row["rate"], row["on_time_rate"]) for row in rows}


def test_the_year_in_figures(api, users, hazards):
    data = _get(api, users["commander"], year=2015)
    assert data["period"] == {"start": "2015-01-01", "end": "2015-12-31", "label": "2015年", "kind": "year",
                              "report_due": "2016-01-31"}
    totals = data["totals"]
    assert (totals["general"]["found"], totals["general"]["closed"], totals["general"]["rate"]) == (5, 3, 60.0)
    assert (totals["major"]["found"], totals["major"]["closed"], totals["major"]["rate"]) == (2, 1, 50.0)
    assert (totals["all"]["found"], totals["all"]["closed"], totals["all"]["on_time"]) == (7, 4, 3)
    assert totals["all"]["on_time_rate"] == 75.0
    assert _by(data["by_township"]) == {"桂花镇": (6, 3, 50.0, 66.7), "龙凤镇": (1, 1, 100.0, 100.0)}
    assert _by(data["by_sector"]) == {"危险化学品储存": (6, 3, 50.0, 66.7), "工贸·机械": (1, 1, 100.0, 100.0)}
    assert {r["label"]: r["found"] for r in data["by_source"]} == {
        "企业自查": 1, "网格员巡查": 3, "部门检查": 1, "执法检查": 1, "群众举报": 1}
    assert {r["label"]: r["found"] for r in data["by_state"]} == {"已下达整改": 1, "整改中": 1, "已销号": 5}
    assert {r["label"]: (r["found"], r["major"]) for r in data["by_grade"]} == {"一般隐患": (5, 0), "重大隐患": (2, 2)}


def test_quarters_and_a_custom_range(api, users, hazards):
    first = _get(api, users["commander"], year=2015, quarter=1)
    assert (first["period"]["end"], first["period"]["report_due"]) == ("2015-03-31", "2015-04-15")
    assert (first["totals"]["general"]["rate"], first["totals"]["major"]["rate"]) == (100.0, None)
    second = _get(api, users["commander"], year=2015, quarter=2)  # #2 was closed in July: not by the quarter's end
    assert (second["totals"]["general"]["closed"], second["totals"]["general"]["rate"]) == (0, 0.0)
    assert (second["totals"]["major"]["closed"], second["totals"]["major"]["rate"]) == (1, 100.0)
    fourth = _get(api, users["commander"], year=2015, quarter=4)
    assert fourth["period"]["report_due"] == "2016-01-15"
    winter = _get(api, users["commander"], start="2015-12-01", end="2016-01-31")  # #7 and #6
    assert (winter["totals"]["all"]["found"], winter["totals"]["all"]["closed"]) == (2, 2)
    assert winter["period"]["report_due"] is None


def test_a_township_officer_sees_only_the_township(api, users, hazards):
    data = _get(api, users["township-guihua"], year=2015)
    assert data["totals"]["all"]["found"] == 6
    assert [row["label"] for row in data["by_township"]] == ["桂花镇"]


@pytest.mark.parametrize("params, field", [({"year": "20x5"}, "year"), ({"year": 2015, "quarter": 5}, "quarter"),
                                           ({"start": "2015-02-30", "end": "2015-03-01"}, "start"),
                                           ({"start": "2015-03-01", "end": "2015-02-01"}, "end")])
def test_a_bad_period_is_a_400_naming_the_parameter(api, users, params, field):
    response = api(users["commander"]).get("/api/prevention/statistics/", params)
    assert response.status_code == 400
    assert field in response.json()["error"]["fields"]


def test_the_page_shows_the_rates_and_a_bad_period_falls_back(users, hazards):
    client = Client()
    client.force_login(users["commander"])
    page = client.get("/prevention/statistics/", {"year": 2015}).content.decode()
    assert 'id="figure-general-rate">60.0%' in page and 'id="figure-major-rate">50.0%' in page
    assert 'id="figure-on-time-rate">75.0%' in page and 'id="figure-found">7<' in page
    fallback = client.get("/prevention/statistics/", {"quarter": 9})
    assert fallback.status_code == 200 and 'id="period-error"' in fallback.content.decode()


def _sheet_rows(content, index=0):
    return [list(r) for r in load_workbook(io.BytesIO(content)).worksheets[index].iter_rows(values_only=True)]


def test_the_statistics_export(users, hazards):
    client = Client()
    client.force_login(users["commander"])
    book = load_workbook(io.BytesIO(client.get("/prevention/statistics/export.xlsx", {"year": 2015}).content))
    assert book.sheetnames == ["汇总", "乡镇（街道）", "行业领域（监管类别）", "隐患等级", "隐患来源", "治理状态",
                               "企业自查"]
    summary = [list(r) for r in book["汇总"].iter_rows(values_only=True)]
    assert summary[2][:5] == ["一般隐患", 5, 3, 2, 60] and summary[3][:5] == ["重大隐患", 2, 1, 1, 50]
    townships = [list(r) for r in book["乡镇（街道）"].iter_rows(values_only=True)]
    assert sorted(row[:3] for row in townships[2:]) == [["桂花镇", 6, 3], ["龙凤镇", 1, 1]]


def test_the_enterprise_statistics_report(users, hazards):
    client = Client()
    client.force_login(users["commander"])
    rows = _sheet_rows(client.get("/prevention/statistics/report.xlsx", {"year": 2015}).content)
    assert rows[0][0] == "2015年隐患排查治理情况统计表 报送期限：2016年1月31日前"
    header = rows[1]
    by_name = {row[header.index("单位名称")]: row for row in rows[2:]}
    guihua, total = by_name["桂花测试化工"], by_name["合计"]
    columns = ("一般隐患排查数", "一般隐患已整改数", "一般隐患整改率（%）", "重大隐患排查数", "重大隐患已整改销号数",
               "重大隐患“五落实”到位数", "挂牌督办数", "重大隐患治理资金（万元）", "乡镇（街道）")
    assert [guihua[header.index(c)] for c in columns] == [4, 2, 50, 2, 1, 1, 1, 35.5, "桂花镇"]
    columns = ("一般隐患排查数", "一般隐患已整改数", "重大隐患排查数", "按期整改率（%）")
    assert [total[header.index(c)] for c in columns] == [5, 3, 2, 75]
    docx = client.get("/prevention/statistics/report.docx", {"year": 2015, "quarter": 1}).content
    texts = [p.text for p in Document(io.BytesIO(docx)).paragraphs]
    assert "2015年第1季度隐患排查治理情况统计表" in texts
    assert any("共2家单位排查一般隐患2项、已整改2项，排查重大隐患0项" in t for t in texts)
    assert "报送期限：2015年4月15日前" in texts[texts.index("2015年第1季度隐患排查治理情况统计表"):]
