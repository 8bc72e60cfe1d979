"""Hazards from Excel (the registry import, core/xlsx.py): all or nothing; every bad row is listed with its row
number, its column and the reason — the hazard rules (a 重大 hazard of a 危化品 unit must cite a 判定标准 item, an item
of another sector does not fit) as well as the cells (an unknown unit, a grade that is not one) — and nothing is
saved until every row is good. Imported hazards start the loop as 已上报; 监测报警 is one of the sources."""

import io

import pytest
from openpyxl import Workbook

from yingji.core.xlsx import ImportFailed, headers, import_workbook
from yingji.prevention.models import Hazard
from yingji.prevention.registrations import HAZARDS

pytestmark = pytest.mark.django_db


def _upload(rows) -> io.BytesIO:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    data = io.BytesIO()
    book.save(data)
    data.seek(0)
    data.name = "hazards.xlsx"
    return data


def _row(user, code, **cells) -> list:
    values = {"code": code, "name": f"导入隐患 {code}", "enterprise": "QY-HX-01", "source": "部门检查",
              "grade": "一般隐患", "found_on": "2026-03-02", "supervision": "未挂牌", "region": user.region.code,
              **cells}
    return [values.get(name, "") for name in HAZARDS.form_fields]


def _workbook(user, *rows):
    return _upload([headers(HAZARDS), *rows])


def test_bad_rows_are_listed_with_row_and_column_and_nothing_is_saved(users):
    officer = users["township-guihua"]
    before = Hazard.objects.count()
    upload = _workbook(officer,
                       _row(officer, "YH-IMP-1"),
                       _row(officer, "YH-IMP-2", grade="重大隐患"),
                       _row(officer, "YH-IMP-3", enterprise="QY-NONE"),
                       _row(officer, "YH-IMP-4", grade="特大隐患"),
                       _row(officer, "YH-IMP-5", grade="重大隐患", criterion="PD-GM-TY-01"))
    with pytest.raises(ImportFailed) as failed:
        import_workbook(HAZARDS, upload, officer)
    errors = {(e.row, e.column): e.message for e in failed.value.errors}
    assert set(errors) == {(3, "重大事故隐患判定标准条款"), (4, "所属单位或场所"), (5, "隐患等级"),
                           (6, "重大事故隐患判定标准条款")}
    assert "QY-NONE" in errors[(4, "所属单位或场所")] and "特大隐患" in errors[(5, "隐患等级")]
    assert failed.value.code == "import_failed" and failed.value.fields["rows"][0]["row"] == 3
    assert Hazard.objects.count() == before  # not even the good row 2


def test_good_rows_are_imported_as_reported_hazards(users):
    officer = users["township-guihua"]
    upload = _workbook(officer, _row(officer, "YH-IMP-1", source="监测报警"),
                       _row(officer, "YH-IMP-2", grade="重大隐患", criterion="PD-HG-12", supervision="区级挂牌督办"))
    assert import_workbook(HAZARDS, upload, officer) == {"created": 2, "updated": 0, "total": 2}
    major = Hazard.objects.get(code="YH-IMP-2")
    assert major.state == "reported" and major.criterion.code == "PD-HG-12" and major.supervision == "district"
    assert major.enterprise.code == "QY-HX-01" and major.created_by == officer
    assert Hazard.objects.get(code="YH-IMP-1").get_source_display() == "监测报警"  # an alarm as the source


def test_a_township_cannot_import_hazards_of_another_townships_unit(users):
    other = users["township-longfeng"]
    with pytest.raises(ImportFailed) as failed:
        import_workbook(HAZARDS, _workbook(other, _row(other, "YH-IMP-9")), other)
    assert [(e.row, e.column) for e in failed.value.errors] == [(2, "所属单位或场所")]
    assert "不在您的管辖范围内" in failed.value.errors[0].message
    assert not Hazard.objects.filter(code="YH-IMP-9").exists()
