"""The 2020 baseline (基线): never made up. Until the responsible department enters it with evidence and the
director role approves it, every indicator shows 基线待录入 (page, API, DOCX 待录入); an approved 2020 value is the
baseline of any indicator, computed ones included (their other years may not be entered); a back-filled 2020
snapshot stands in for a computed one; the trend by year starts at the baseline."""

import io

import pytest
from django.utils import timezone
from docx import Document

from yingji.indicators import evaluations, status
from yingji.indicators.catalogue import BY_CODE
from yingji.indicators.models import IndicatorSnapshot, IndicatorValue

pytestmark = pytest.mark.django_db
VALUES = "/api/indicators/values/"


def _enter(api, user, evidence, **fields):
    data = {"code": "2.4", "year": 2020, "value": "42.5", "note": "2020年监测台账", **fields}
    if evidence is not None:
        data["evidence"] = evidence
    return api(user).post(VALUES, data, format="multipart")


def _rows(user):
    return {r["code"]: r for r in status.current(user)}


def test_every_baseline_is_pending_until_approved_and_the_page_says_so(client, users):
    rows = _rows(users["commander"])
    pending = [code for code, r in rows.items() if r["baseline"] is None]
    assert all(rows[c]["baseline_note"] == "基线待录入" for c in pending)
    assert {"1.1", "1.2", "1.3", "2.3", "2.4", "3.7"} <= set(pending)
    client.force_login(users["commander"])
    page = client.get("/indicators/").content.decode()
    assert page.count("基线待录入") == len(pending)


def test_a_computed_indicators_baseline_is_entered_with_evidence_and_approved(api, users, evidence):
    liaison, commander = users["liaison-water"], users["commander"]
    refused = _enter(api, liaison, None)
    assert refused.status_code == 400 and refused.json()["error"]["code"] == "evidence_required"
    other_year = _enter(api, liaison, evidence(), year=2021)
    assert other_year.status_code == 400 and other_year.json()["error"]["code"] == "not_entered"
    assert not IndicatorValue.objects.exists()
    uuid = _enter(api, liaison, evidence()).json()["uuid"]
    assert _rows(commander)["2.4"]["baseline"] is None  # submitted only
    assert api(liaison).post(f"{VALUES}{uuid}/approve/", {}, format="json").status_code == 403
    assert api(commander).post(f"{VALUES}{uuid}/approve/", {}, format="json").json()["status"] == "approved"
    row = _rows(commander)["2.4"]
    assert (row["baseline"], row["baseline_source"], row["baseline_note"]) == (42.5, "entered", "部门填报（审核通过）")


def test_a_back_filled_2020_snapshot_stands_in_for_a_computed_one(users, regions):
    IndicatorSnapshot.objects.create(indicator="3.3", year=2020, region=regions["district"], value=61.0,
                                     status="not_met", computed_at=timezone.now(), entered_by=users["commander"],
                                     source="2020年培训台账")
    row = _rows(users["commander"])["3.3"]
    assert (row["baseline"], row["baseline_source"]) == (61.0, "backfill")


def test_the_trend_starts_at_the_baseline_when_there_is_one(users):
    for year, value in ((2022, 18), (2023, 16)):
        IndicatorValue.objects.create(code="1.1", year=year, value=value, status="approved",
                                      entered_by=users["duty"], decided_by=users["commander"],
                                      decided_at=timezone.now())
    years = status.history("1.1", users["commander"])["years"]
    assert [y["year"] for y in years] == [2022, 2023]  # no baseline: nothing made up for 2020
    assert status.evaluate(BY_CODE["1.1"], users["commander"])["note"] == "缺少2020年基准值"
    IndicatorValue.objects.create(code="1.1", year=2020, value=20, status="approved", entered_by=users["duty"],
                                  decided_by=users["commander"], decided_at=timezone.now())
    years = status.history("1.1", users["commander"])["years"]
    assert years[0] == {"year": 2020, "value": 20.0, "source": "baseline"} and len(years) == 3


def test_the_evaluation_docx_has_the_baseline_column(users):
    IndicatorValue.objects.create(code="1.1", year=2020, value=20, status="approved", entered_by=users["duty"],
                                  decided_by=users["commander"], decided_at=timezone.now())
    record = evaluations.start(actor=users["duty"], data={"kind": "midterm"})
    document = Document(io.BytesIO(evaluations.render(record)))
    rows = {row.cells[0].text: [c.text for c in row.cells] for table in document.tables
            for row in table.rows if table.rows[0].cells[4].text == "2020年基准"}
    assert rows["1.1"][4] == "20"
    assert rows["1.2"][4] == "待录入" and rows["2.4"][4] == "待录入"
    annex = next(t for t in document.tables if t.rows[0].cells[2].text == "2020年")
    by_code = {row.cells[0].text: row.cells[2].text for row in annex.rows}
    assert by_code["1.1"] == "20"


def test_a_baseline_computed_from_2020_records_says_so_in_the_docx_row():
    row = {"baseline": 50.0, "baseline_source": "computed"}
    assert status.baseline_cell(row) == "50（据2020年记录计算）"
    assert status.baseline_cell({"baseline": None}) == "待录入"
