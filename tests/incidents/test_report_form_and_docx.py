"""The 初报 form starts from the figures already on the incident (issue 14 §2); the DOCX 初报 opens with a summary
written from the structured fields, and the caller's words go to an annex (issue 14 §5)."""

import io

import pytest
from docx import Document
from lxml import html

from yingji.incidents.exports import summary_text
from yingji.incidents.reporting import create_report
from yingji.incidents.services import create_incident
from yingji.incidents.workflows import fire_report

from .conftest import accident_data, landslide_data

pytestmark = pytest.mark.django_db


def _inputs(response) -> dict:
    page = html.fromstring(response.content)
    return {i.get("name"): i.get("value") for i in page.xpath('//form[@id="report-form"]//input') if i.get("name")}


def test_the_initial_report_form_is_filled_with_the_incidents_figures(client, users, now):
    flood = create_incident(actor=users["duty"], now=now, data=landslide_data(
        type_code="1.1.1", affected=300, evacuated=120, trapped=5, dead=1, direct_loss_cny=500_000))
    client.force_login(users["duty"])
    values = _inputs(client.get(f"/incidents/{flood.uuid}/reports/new/?kind=initial"))
    assert values["figure_affected"] == "300" and values["figure_relocated"] == "120"
    assert values["figure_dead"] == "1" and values["figure_direct_loss_wan"] == "50"
    accident = create_incident(actor=users["duty"], now=now, data=accident_data())
    values = _inputs(client.get(f"/incidents/{accident.uuid}/reports/new/?kind=initial"))
    assert values["figure_dead"] == "1" and values["figure_injured"] == "2"


def test_a_township_officer_starts_from_the_townships_last_report(client, users, now, landslide):
    officer = users["township-guihua"]
    first = create_report(landslide, actor=officer, kind="initial", now=now, data={"figures": {"relocated": 40}})
    for event, actor in (("submit", officer), ("sign", users["commander"])):
        first = fire_report(first, event, actor=actor, data={"now": now})
    client.force_login(officer)
    values = _inputs(client.get(f"/incidents/{landslide.uuid}/reports/new/?kind=continuation"))
    assert values["figure_relocated"] == "40"


def test_the_summary_is_written_from_the_structured_fields(users, now):
    flood = create_incident(actor=users["duty"], now=now, data=landslide_data(
        type_code="1.1.1", affected=300, evacuated=120, trapped=5, address="河边安置点"))
    figures = {"affected": 300, "relocated": 120, "dead": 0, "collapsed_households": 3, "collapsed_rooms": 12,
               "direct_loss_wan": 50.0}
    text = summary_text(flood, figures, "镇村干部已组织群众转移")
    assert text.startswith("2025年7月10日23时10分，桂花镇漆家桥村（河边安置点）发生洪涝灾害。")
    assert "据初步统计，受灾人口300人、紧急转移安置120人、倒塌房屋3户12间、直接经济损失50万元，暂无人员伤亡报告" in text
    assert "另有5人被困" in text and "经初步研判，事件等级为一般（Ⅳ级）" in text
    assert text.endswith("事件发生后，镇村干部已组织群众转移。")


def test_the_docx_opens_with_the_summary_and_keeps_the_transcript_in_an_annex(api, users, now, landslide):
    report = create_report(landslide, actor=users["duty"], kind="initial", now=now, data={
        "figures": {"relocated": 26}, "texts": {"course": "后山滑坡冲毁偏房一间", "measures": "已组织坡下26人转移"}})
    response = api(users["observer"]).get(f"/api/incidents/reports/{report.uuid}/export-docx/")
    paragraphs = [p.text for p in Document(io.BytesIO(response.content)).paragraphs if p.text.strip()]
    title = paragraphs.index(report.title)
    opening = paragraphs[title + 2]  # after the title: the addressee, then the summary
    assert opening.startswith("2025年7月10日23时10分，桂花镇") and "发生滑坡灾害" in opening
    assert "紧急转移安置26人" in opening and "事件发生后，已组织坡下26人转移" in opening
    assert "后山滑坡，冲毁一间偏房" not in opening  # the caller's words are not the opening any more
    assert paragraphs.count("已组织坡下26人转移") == 0  # the measures are in the summary, not repeated
    note = paragraphs.index("附件：接报原始记录")
    assert note < paragraphs.index("遂宁市船山区应急管理局", note)  # 附件说明 under the body, before the issuer
    annex = paragraphs.index("附件")
    assert paragraphs[annex + 1] == "接报原始记录" and annex > note
    transcript = "\n".join(paragraphs[annex:])
    assert "后山滑坡，冲毁一间偏房，无人受伤" in transcript and "李大爷" in transcript
    assert "139****1111" in transcript and "13900001111" not in transcript
