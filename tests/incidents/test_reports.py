"""Situation reports: the 初报/续报/核报 chain, sign-off with signer ≠ author, validation, roll-up, exports."""

import io
from datetime import timedelta

import pytest
from docx import Document
from openpyxl import load_workbook

from yingji.core.errors import DomainError, PermissionDeniedError
from yingji.incidents.models import SituationReport
from yingji.incidents.reporting import create_report, rollup, update_report
from yingji.incidents.workflows import fire_report

pytestmark = pytest.mark.django_db


def _sent(report, author, signer, now):
    for event, actor in (("submit", author), ("sign", signer), ("send", author)):
        report = fire_report(report, event, actor=actor, data={"now": now})
    return report


def test_initial_report_signed_by_another_user_meets_its_clock(landslide, users, now):
    duty, commander = users["duty"], users["commander"]
    report = create_report(landslide, actor=duty, kind="initial", now=now,
                           data={"figures": {"relocated": 8}, "texts": {"course": "后山滑坡"}})
    assert report.status == "draft" and report.region.level == 1 and report.issuer == "遂宁市船山区应急管理局"
    report = fire_report(report, "submit", actor=duty, data={"now": now})
    with pytest.raises(PermissionDeniedError):
        fire_report(report, "sign", actor=duty)  # a duty officer drafts and sends but cannot sign
    sent_at = now + timedelta(minutes=15)
    report = fire_report(report, "sign", actor=commander, data={"now": sent_at})
    report = fire_report(report, "send", actor=duty, data={"now": sent_at})
    assert report.status == "sent" and report.signer == commander
    clock = landslide.clocks.get(slug="nd_initial_report")
    assert clock.met_by == report and clock.state() == "met"
    assert landslide.timeline.filter(kind="report", title__contains="报送").exists()


def test_signer_must_differ_from_author(api, landslide, users, now):
    commander = users["commander"]
    report = create_report(landslide, actor=commander, kind="initial", now=now)
    fire_report(report, "submit", actor=commander)
    response = api(commander).post(f"/api/incidents/reports/{report.uuid}/transitions/", {"event": "sign"},
                                   format="json")
    assert response.status_code == 400
    message = "签发人不能是拟稿人本人，请由其他有签发权限的人员签发"
    assert response.json()["error"] == {"code": "signer_is_author", "fields": {"signer": [message]}, "message": message}
    report.refresh_from_db()
    assert report.status == "pending" and report.signer is None


def test_return_needs_a_reason_and_the_author_can_fix_and_resubmit(landslide, users, now):
    report = create_report(landslide, actor=users["duty"], kind="initial", now=now)
    report = fire_report(report, "submit", actor=users["duty"])
    with pytest.raises(DomainError):
        fire_report(report, "return", actor=users["commander"], data={"reason": ""})
    report = fire_report(report, "return", actor=users["commander"], data={"reason": "请补充转移人数"})
    report = update_report(report, actor=users["duty"], data={"figures": {"relocated": 8}})
    assert fire_report(report, "submit", actor=users["duty"]).status == "pending"


def test_chain_rules(landslide, users, now):
    with pytest.raises(DomainError) as error:
        create_report(landslide, actor=users["duty"], kind="continuation", now=now)
    assert error.value.code == "initial_missing"
    create_report(landslide, actor=users["duty"], kind="initial", now=now)
    with pytest.raises(DomainError) as error:
        create_report(landslide, actor=users["duty"], kind="verification", now=now)
    assert error.value.code == "process_not_ended"


def test_cumulative_figures_cannot_fall_or_jump_without_explanation(landslide, users, now):
    from django.core.exceptions import ValidationError

    first = create_report(landslide, actor=users["duty"], kind="initial", now=now,
                          data={"figures": {"affected": 300, "relocated": 40}})
    _sent(first, users["duty"], users["commander"], now)
    with pytest.raises(ValidationError) as error:
        create_report(landslide, actor=users["duty"], kind="continuation", now=now,
                      data={"figures": {"affected": 250}})
    assert error.value.error_dict["explanation"][0].code == "figure_decreased"
    with pytest.raises(ValidationError) as error:
        create_report(landslide, actor=users["duty"], kind="continuation", now=now,
                      data={"figures": {"affected": 5000}})
    assert error.value.error_dict["explanation"][0].code == "figure_jump"
    assert SituationReport.objects.filter(incident=landslide, kind="continuation").count() == 0
    report = create_report(landslide, actor=users["duty"], kind="continuation", now=now,
                           data={"figures": {"affected": 250}, "explanation": "重复统计已剔除"})
    assert report.figures["affected"] == 250


def test_negative_or_non_numeric_figure_is_refused(api, landslide, users):
    url = f"/api/incidents/incidents/{landslide.uuid}/reports/"
    response = api(users["duty"]).post(url, {"kind": "initial", "figures": {"affected": -3}}, format="json")
    assert response.status_code == 400 and response.json()["error"]["code"] == "negative_value"
    assert not landslide.reports.exists()


def test_township_user_files_only_for_own_township(api, landslide, users, regions):
    url = f"/api/incidents/incidents/{landslide.uuid}/reports/"
    own = api(users["township-guihua"]).post(url, {"kind": "initial"}, format="json")
    assert own.status_code == 201 and own.json()["region_name"] == "桂花镇"
    other = api(users["township-guihua"]).post(
        url, {"kind": "initial", "region": regions["longfeng"].code}, format="json")
    assert other.status_code == 403 and other.json()["error"]["code"] == "not_own_township"
    with pytest.raises(PermissionDeniedError):
        create_report(landslide, actor=users["grid-guihua-01"], kind="initial", region=regions["longfeng"])


def test_township_reports_roll_up_into_the_district_view(landslide, users, regions, now):
    for user, region, affected in (("township-guihua", "guihua", 120), ("duty", "longfeng", 80)):
        report = create_report(landslide, actor=users[user], kind="initial", region=regions[region], now=now,
                               data={"figures": {"affected": affected, "crop_affected_ha": 1.5}})
        _sent(report, users[user], users["commander"], now)
    data = rollup(landslide)
    assert [t.name for t, _r in data["rows"]] == ["龙凤镇", "桂花镇"]
    assert data["total"]["affected"] == 200 and float(data["total"]["crop_affected_ha"]) == 3.0
    # township reports do not meet the district's clock
    assert landslide.clocks.get(slug="nd_initial_report").met_at is None


def test_docx_export_in_the_official_layout(api, landslide, users, now):
    report = create_report(landslide, actor=users["duty"], kind="initial", now=now,
                           data={"figures": {"relocated": 8}, "texts": {"course": "后山滑坡冲毁偏房一间"}})
    report = _sent(report, users["duty"], users["commander"], now)
    response = api(users["observer"]).get(f"/api/incidents/reports/{report.uuid}/export-docx/")
    assert response.status_code == 200
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert report.title in text and "签发人：" in text and users["commander"].display_name in text
    assert "后山滑坡冲毁偏房一间" in text and "遂宁市船山区应急管理局" in text
    cells = [c.text for row in document.tables[0].rows for c in row.cells]
    assert "紧急转移安置（人）" in cells and "8" in cells


def test_xlsx_export_of_the_chain(api, landslide, users, now):
    _sent(create_report(landslide, actor=users["duty"], kind="initial", now=now,
                        data={"figures": {"affected": 30}}), users["duty"], users["commander"], now)
    response = api(users["duty"]).get(f"/api/incidents/incidents/{landslide.uuid}/reports-xlsx/")
    sheet = load_workbook(io.BytesIO(response.content))["报告"]
    rows = list(sheet.values)
    assert rows[0][0] == "报告" and rows[1][0] == "初报" and rows[1][3] == "已报送"
    assert 30 in rows[1]
