"""责任部门 ranking for 督查问效 on fixed data: per department the indicators owned, those to enter, entered on time
(by 31 March of the next year), approved and met; ranked by met, then approved, then on time. The page, the
Excel (the townships' code path) and the evaluation DOCX show it; only the director role assigns."""

import io
from datetime import datetime

import pytest
from django.utils import timezone
from docx import Document
from openpyxl import load_workbook

from yingji.core.errors import DomainError
from yingji.core.models import Organization
from yingji.indicators import departments, evaluations
from yingji.indicators.models import IndicatorOwner, IndicatorSnapshot, IndicatorValue

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year - 1


def _at(year, month, day):
    return timezone.make_aware(datetime(year, month, day, 9))


def _value(users, code, year, value, entered, approved=True):
    record = IndicatorValue.objects.create(code=code, year=year, value=value, entered_by=users["liaison-water"],
                                           status="approved" if approved else "submitted",
                                           decided_by=users["commander"] if approved else None,
                                           decided_at=timezone.now() if approved else None)
    IndicatorValue.objects.filter(pk=record.pk).update(entered_at=entered)  # entered_at is set on creation


@pytest.fixture
def fixed(users, regions):
    stats = Organization.objects.create(code="ORG-TJJ", name="区统计局", kind="department",
                                        region=regions["district"])
    water = Organization.objects.create(code="ORG-SLJ", name="区水利局", kind="department",
                                        region=regions["district"])
    for code, org in (("1.1", stats), ("1.2", stats), ("2.3", water), ("2.4", water)):
        departments.assign(actor=users["commander"], data={"code": code, "department": org.code})
    _value(users, "1.1", 2020, 20, _at(2021, 2, 1))
    _value(users, "1.1", YEAR, 17, _at(YEAR + 1, 3, 31))  # on the due day: on time; 17 ≤ 18: met
    _value(users, "1.2", YEAR, 0.05, _at(YEAR + 1, 4, 1))  # late; approved; no baseline: no data
    _value(users, "2.3", YEAR, 0.4, _at(YEAR + 1, 1, 15), approved=False)  # on time, not approved
    IndicatorSnapshot.objects.create(indicator="2.4", year=YEAR, region=regions["district"], value=95,
                                     status="met", computed_at=timezone.now())  # computed: met
    return stats, water


def test_the_ranking_counts_owned_on_time_approved_and_met(fixed, users):
    data = departments.ranking(users["commander"], YEAR)
    assert str(data["due"]) == f"{YEAR + 1}-03-31"
    rows = [(r["rank"], r["department"].name, r["owned"], r["to_enter"], r["on_time"], r["approved"], r["met"],
             r["codes"]) for r in data["rows"]]
    assert rows == [(1, "区统计局", 2, 2, 1, 2, 1, ["1.1", "1.2"]),
                    (2, "区水利局", 2, 1, 1, 0, 1, ["2.3", "2.4"])]
    assert "1.3" in [e.code for e in data["unassigned"]] and "1.1" not in [e.code for e in data["unassigned"]]


def test_the_page_and_the_excel_show_the_ranking(fixed, users, client):
    client.force_login(users["commander"])
    page = client.get(f"/indicators/?year={YEAR}").content.decode()
    assert 'id="department-ranking"' in page and 'data-department="ORG-TJJ"' in page
    assert page.index('data-department="ORG-TJJ"') < page.index('data-department="ORG-SLJ"')
    assert 'id="indicator-owner"' in page  # the director role assigns
    response = client.get(f"/indicators/departments.xlsx?year={YEAR}")
    assert response.status_code == 200 and "spreadsheetml" in response["Content-Type"]
    workbook = load_workbook(io.BytesIO(response.content))
    rows = list(workbook["责任部门排名"].iter_rows(values_only=True))
    assert f"{YEAR}年" in rows[0][0]
    assert rows[1] == ("排名", "责任部门", "负责指标", "应填报", "按时填报", "审核通过", "达标", "指标编号")
    assert rows[2] == (1, "区统计局", 2, 2, 1, 2, 1, "1.1、1.2") and rows[3][:2] == (2, "区水利局")
    assert "指标说明" in workbook.sheetnames
    client.force_login(users["liaison-water"])
    assert 'id="indicator-owner"' not in client.get("/indicators/").content.decode()


def test_the_evaluation_docx_has_the_departments_section(fixed, users, client):
    record = evaluations.start(actor=users["duty"], data={"kind": "annual", "year": YEAR})
    client.force_login(users["duty"])
    page = client.get(f"/indicators/evaluations/{record.uuid}/").content.decode()
    assert 'id="evaluation-departments"' in page and "<td>区统计局</td>" in page
    document = Document(io.BytesIO(evaluations.render(record)))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "四、责任部门督查排名" in text and f"{YEAR + 1}年3月31日" in text
    table = next(t for t in document.tables if t.rows[0].cells[1].text == "责任部门")
    assert [c.text for c in table.rows[1].cells][:7] == ["1", "区统计局", "2", "2", "1", "2", "1"]


def test_only_the_director_role_assigns_and_bad_input_names_its_field(users, regions):
    org = Organization.objects.create(code="ORG-ZJJ", name="区住建局", kind="department", region=regions["district"])
    with pytest.raises(DomainError) as refused:
        departments.assign(actor=users["liaison-water"], data={"code": "1.1", "department": org.code})
    assert refused.value.code == "permission_denied"
    for data, code, field in (({"code": "9.9", "department": org.code}, "unknown_indicator", "code"),
                              ({"code": "1.1", "department": "ORG-NONE"}, "invalid_department", "department")):
        with pytest.raises(DomainError) as refused:
            departments.assign(actor=users["commander"], data=data)
        assert (refused.value.code, list(refused.value.fields)) == (code, [field])
    assert not IndicatorOwner.objects.exists()
    departments.assign(actor=users["commander"], data={"code": "1.1", "department": org.code})
    assert IndicatorOwner.objects.get().department == org
    departments.assign(actor=users["commander"], data={"code": "1.1", "department": ""})  # cleared
    assert not IndicatorOwner.objects.exists()
