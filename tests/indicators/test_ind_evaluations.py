"""Annual reports and the mid-term / final evaluations: versions with their figures, 起草中 → 已提交审批 → 已批准 by
the director role, and the DOCX in the 公文 layout (19 rows, a chart per table, the township ranking, the
bureau's text, the yearly values), read back as a user would."""

import io

import pytest
from django.utils import timezone
from docx import Document

from yingji.indicators.catalogue import CATALOGUE
from yingji.indicators.models import Evaluation, EvaluationState, IndicatorSnapshot, IndicatorValue, ValueState

pytestmark = pytest.mark.django_db
LIST = "/indicators/evaluations/"


def _docx(client, record):
    response = client.get(f"/indicators/evaluations/{record.uuid}/report.docx")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxml")
    assert ".docx" in response["Content-Disposition"]
    document = Document(io.BytesIO(response.content))
    tables = [[[cell.text for cell in row.cells] for row in table.rows] for table in document.tables]
    text = "\n".join(p.text for p in document.paragraphs)
    return document, tables, text


def _indicator_rows(tables):
    return {row[0]: row for table in tables if table[0][:2] == ["序号", "指标"] and table[0][-1] == "状态"
            for row in table[1:]}


def _login(client, user):
    client.force_login(user)
    return client


def test_a_midterm_evaluation_from_draft_to_approval_with_every_version_kept(client, users):
    duty, commander = users["duty"], users["commander"]
    response = _login(client, duty).post(LIST, {"kind": "midterm", "year": ""})
    assert response.status_code == 302
    first = Evaluation.objects.get()
    assert (first.year, first.version, first.status) == (2023, 1, EvaluationState.DRAFTED)
    page = client.get(f"/indicators/evaluations/{first.uuid}/").content.decode()
    assert "中期评估报告" in page and "第1版" in page and "起草中" in page and page.count('<tr data-code="') == 19
    client.post(f"/indicators/evaluations/{first.uuid}/", {
        "summary": "中期目标总体进展顺利。", "achievements": "监测预警能力明显提升。", "problems": "乡镇专职人员不足。",
        "measures": "2024年底前配齐乡镇专职人员。"})

    document, tables, text = _docx(client, first)
    rows = _indicator_rows(tables)
    assert list(rows) == [entry.code for entry in CATALOGUE]  # all 19, table by table
    assert [t[0][5] for t in tables if t[0][:2] == ["序号", "指标"] and t[0][-1] == "状态"] == ["2023年值"] * 3
    assert "船山区应急体系规划中期评估报告（2023年）" in text
    for heading in ("一、总体情况", "二、指标完成情况", "三、乡镇（街道）指标排名", "四、责任部门督查排名",
                    "五、主要成效", "六、存在问题", "七、下一步措施"):
        assert heading in text
    assert "乡镇专职人员不足。" in text and "第1版 · 起草中" in text
    assert len(document.inline_shapes) == 3  # a chart per table
    assert "图1" in text and "图3" in text
    assert any(t[0][:3] == ["序号", "指标", "2020年"] and t[0][-1] == "2023年" and len(t) == 20 for t in tables)

    # one open version at a time; the drafter may not approve, nor may the commander approve their own
    again = client.post(LIST, {"kind": "midterm"})
    assert again.status_code == 409 and "尚未批准" in again.content.decode()
    assert Evaluation.objects.count() == 1
    client.post(f"/indicators/evaluations/{first.uuid}/submit/")
    first.refresh_from_db()
    assert first.status == EvaluationState.SUBMITTED
    refused = client.post(f"/indicators/evaluations/{first.uuid}/", {"summary": "改"})
    assert refused.status_code == 409 and Evaluation.objects.get().summary == "中期目标总体进展顺利。"
    client.post(f"/indicators/evaluations/{first.uuid}/approve/")
    assert Evaluation.objects.get().status == EvaluationState.SUBMITTED

    _login(client, commander)
    page = client.get(f"/indicators/evaluations/{first.uuid}/").content.decode()
    assert "批准" in page and "批准后该版本不能再修改" in page  # confirmation before the irreversible step
    client.post(f"/indicators/evaluations/{first.uuid}/return/", {"reason": ""}, follow=True)
    assert Evaluation.objects.get().status == EvaluationState.SUBMITTED  # a return needs a reason
    client.post(f"/indicators/evaluations/{first.uuid}/return/", {"reason": "补充乡镇排名分析"})
    first.refresh_from_db()
    assert (first.status, first.reason) == (EvaluationState.DRAFTED, "补充乡镇排名分析")
    _login(client, duty).post(f"/indicators/evaluations/{first.uuid}/submit/")
    _login(client, commander).post(f"/indicators/evaluations/{first.uuid}/approve/")
    first.refresh_from_db()
    assert (first.status, first.decided_by) == (EvaluationState.APPROVED, commander)
    _doc, _tables, approved = _docx(client, first)
    assert "第1版 · 已批准" in approved

    # a new version starts from the approved text; the approved one stays as it was
    _login(client, duty).post(LIST, {"kind": "midterm", "year": "2023"})
    second = Evaluation.objects.get(version=2)
    assert (second.status, second.summary) == (EvaluationState.DRAFTED, "中期目标总体进展顺利。")
    client.post(f"/indicators/evaluations/{second.uuid}/", {"summary": "第二版的总体评价。"})
    assert "第二版的总体评价。" in _docx(client, second)[2]
    assert "第二版的总体评价。" not in _docx(client, first)[2]
    listing = client.get(LIST).content.decode()
    assert listing.count('<tr data-uuid="') == 2


def test_a_past_years_report_reads_that_years_entered_and_back_filled_figures(client, users, regions):
    year = timezone.localdate().year - 1
    IndicatorValue.objects.create(code="1.1", year=2020, value=20, status=ValueState.APPROVED,
                                  entered_by=users["duty"], decided_by=users["commander"], decided_at=timezone.now())
    IndicatorValue.objects.create(code="1.1", year=year, value=17, status=ValueState.APPROVED,
                                  entered_by=users["duty"], decided_by=users["commander"], decided_at=timezone.now())
    _login(client, users["commander"]).post("/indicators/backfill/", {
        "code": "3.3", "region": regions["district"].code, "year": year, "value": "55.5", "source": "年度培训台账"})
    IndicatorSnapshot.objects.create(indicator="3.3", year=year, region=regions["guihua"], value=100,
                                     status="met", computed_at=timezone.now())
    _login(client, users["duty"]).post(LIST, {"kind": "annual", "year": year})
    record = Evaluation.objects.get()
    _document, tables, text = _docx(client, record)
    rows = _indicator_rows(tables)
    assert rows["1.1"][4:] == ["20", "17人", "达标"]  # 17 ≤ 20 × 0.9
    assert rows["3.3"][5:] == ["55.5%", "未达标"]
    assert rows["2.4"][5:] == ["该年度无记录", "无数据"]
    assert f"船山区应急体系规划{year}年度指标监测报告" in text
    ranking = next(t for t in tables if t[0][:2] == ["排名", "乡镇（街道）"])
    assert ranking[1][1:3] == ["桂花镇", "1"]


@pytest.mark.parametrize("data, code, status", [
    ({"kind": "weekly"}, "invalid_kind", 400), ({"kind": "midterm", "year": "2024"}, "invalid_year", 400),
    ({"kind": "annual", "year": "2019"}, "invalid_year", 400), ({"kind": "annual", "year": "abc"}, "invalid_year", 400),
])
def test_bad_input_is_refused_with_its_message_and_nothing_made(client, users, data, code, status):
    response = _login(client, users["duty"]).post(LIST, data)
    assert response.status_code == status and f'data-error-code="{code}"' in response.content.decode()
    assert not Evaluation.objects.exists()


def test_who_may_draft_and_who_sees(client, users):
    response = _login(client, users["liaison-water"]).post(LIST, {"kind": "final"})
    assert response.status_code == 403 and "没有起草规划评估报告的权限" in response.content.decode()
    _login(client, users["duty"]).post(LIST, {"kind": "final"})
    record = Evaluation.objects.get()
    assert record.year == 2025
    # the district's evaluations: a township officer neither lists nor opens them
    officer = _login(client, users["township-guihua"])
    assert '<tr data-uuid="' not in officer.get(LIST).content.decode()
    assert officer.get(f"/indicators/evaluations/{record.uuid}/report.docx").status_code == 404


def test_in_english_the_pages_read_in_english_and_the_document_stays_chinese(client, users):
    _login(client, users["duty"]).post("/i18n/setlang/", {"language": "en", "next": "/"})
    client.post(LIST, {"kind": "annual", "year": timezone.localdate().year})
    record = Evaluation.objects.get()
    page = client.get(f"/indicators/evaluations/{record.uuid}/").content.decode()
    assert "Version 1" in page and "Drafting" in page and "Submit for approval" in page
    assert "Plan evaluation reports" in client.get(LIST).content.decode()
    _document, tables, text = _docx(client, record)
    statuses = {row[-1] for row in _indicator_rows(tables).values()}
    assert "年度指标监测报告" in text and statuses <= {"达标", "未达标", "无数据"}
