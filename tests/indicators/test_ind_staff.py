"""Plan indicators 3.1 (≥2 专职 per township) and 3.2 (share of professionals) from the people registry
(core/indicators.py), and the registry's Excel carrying the new fields."""

import io

import pytest
from openpyxl import load_workbook

from yingji.core import extensions as ext
from yingji.core.indicators import professional_share, township_staff
from yingji.core.models import Establishment, OrganizationKind, Person, Region, RegionLevel, Staffing
from yingji.indicators.catalogue import BY_CODE
from yingji.indicators.status import evaluate

pytestmark = pytest.mark.django_db


def _row(code, user):
    return evaluate(BY_CODE[code], user)


def _township_people(township):
    return Person.objects.filter(organization__kind=OrganizationKind.TOWNSHIP,
                                 region__path__startswith=township.path).order_by("code")


def test_one_provider_each_and_it_is_cores():
    for code in ("3.1", "3.2"):
        assert ext.INDICATORS.get(code).compute.__module__ == "yingji.core.indicators"


def test_township_staff_is_the_township_with_the_fewest_full_time_people(users, regions):
    Person.objects.update(staffing="")
    townships = list(Region.objects.filter(level=RegionLevel.TOWNSHIP))
    for township in townships:
        pair = list(_township_people(township).values_list("pk", flat=True)[:2])
        assert len(pair) == 2, township.name
        Person.objects.filter(pk__in=pair).update(staffing=Staffing.FULL_TIME)
    row = _row("3.1", users["commander"])
    assert (row["value"], row["unit"], row["status_label"]) == (2, "人", "达标")
    counts = township_staff(users["commander"])["townships"]
    assert len(counts) == len(townships) and {c["full_time"] for c in counts} == {2}
    assert "staffing=full_time" in row["url"]
    # 龙凤镇 loses one: the district's figure is its 1, not met; 桂花镇's officer still sees 2 for 桂花镇
    Person.objects.filter(pk=_township_people(regions["longfeng"]).filter(staffing=Staffing.FULL_TIME)
                          .first().pk).update(staffing=Staffing.PART_TIME)
    assert (_row("3.1", users["commander"])["value"], _row("3.1", users["commander"])["status"]) == (1, "not_met")
    mine = _row("3.1", users["township-guihua"])
    assert (mine["value"], mine["status"]) == (2, "met")
    assert [c["name"] for c in township_staff(users["township-guihua"])["townships"]] == ["桂花镇"]


def test_professional_share_of_the_bureaus_established_staff(users):
    bureau = Person.objects.filter(organization__kind=OrganizationKind.EMERGENCY_BUREAU)
    # the demo: three established, two with a qualification
    assert bureau.filter(establishment=Establishment.ESTABLISHED).count() == 3
    row = _row("3.2", users["commander"])
    assert (row["value"], row["status_label"]) == (66.7, "达标")
    assert professional_share(users["commander"]) == {"established": 3, "qualified": 2, "percent": 66.7}
    Person.objects.filter(pk=bureau.exclude(qualification="").first().pk).update(qualification="")
    assert (_row("3.2", users["commander"])["value"], _row("3.2", users["commander"])["status"]) == (33.3, "not_met")
    bureau.update(establishment=Establishment.OUTSIDE)  # nobody established: no figure, never a made-up one
    row = _row("3.2", users["commander"])
    assert (row["value"], row["status"], row["note"]) == (None, "no_data", "暂无数据")


def test_the_people_registrys_excel_carries_staffing_and_reads_it_back(client, users):
    client.force_login(users["commander"])
    sheet = load_workbook(io.BytesIO(client.get("/r/core/people/export.xlsx").content)).active
    headers = [c.value for c in sheet[1]]
    assert {"应急管理专兼职", "编制", "专业学历或职业资格"} <= set(headers)
    values = [row[headers.index("应急管理专兼职")] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert "专职" in values and "兼职" in values
