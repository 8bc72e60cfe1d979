"""Prevention documents: the 挂牌督办通知书 of a supervised 重大 hazard, the enterprise's 安全风险评估报告 (DOCX), its
风险评估表 and 风险清单 (xlsx), the download buttons on the record pages, and the reach of each download."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from yingji.core.registry import registry_for
from yingji.prevention.models import Enterprise, Hazard, RiskPoint

pytestmark = pytest.mark.django_db


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _detail(model, record) -> str:
    return reverse(registry_for(model).url_name("detail"), kwargs={"uuid": record.uuid})


def _texts(content: bytes) -> list[str]:
    document = Document(io.BytesIO(content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return [p.text for p in document.paragraphs] + cells


def _rows(content: bytes) -> list[list]:
    return [list(row) for row in load_workbook(io.BytesIO(content)).worksheets[0].iter_rows(values_only=True)]


@pytest.fixture
def enterprise(regions):
    """A small hand-built enterprise in 桂花镇: one red LEC point with two measures, one yellow LS point."""
    enterprise = Enterprise.objects.create(
        name="测试化工有限公司", credit_code="91510903MA6200001K", category="chem_storage", workers=40,
        legal_representative="赵一", safety_manager="钱二", region=regions["guihua"], address="桂花镇工业路1号")
    RiskPoint.objects.create(
        code="FXD-T1", name="液氨装卸", enterprise=enterprise, region=regions["guihua"], method="lec", lec_l=3,
        lec_e=6, lec_c=15, value=270, band="高度危险", colour="red", responsible="孙三",
        control_measures="工程技术｜安装氨气报警仪｜孙三｜每日\n管理｜装卸双人作业｜李四｜每班")
    RiskPoint.objects.create(code="FXD-T2", name="配电房", enterprise=enterprise, region=regions["guihua"],
                             method="ls", ls_l=3, ls_s=3, value=9, band="一般风险", colour="yellow",
                             point_type="equipment")
    return enterprise


@pytest.fixture
def supervised(enterprise, regions):
    return Hazard.objects.create(
        name="液氨储罐区未设置紧急切断装置", enterprise=enterprise, region=regions["guihua"], grade="major",
        supervision="city", found_on=dt.date(2015, 3, 2), state="rectifying", deadline=dt.date(2015, 6, 30),
        plan_responsible="赵一", plan_measures="加装紧急切断阀", plan_funds=Decimal("35.5"),
        plan_deadline=dt.date(2015, 6, 30), plan_contingency="液氨泄漏专项预案")


def test_the_supervision_notice_names_body_enterprise_hazard_and_the_five_implementations(users, supervised):
    response = _client(users["township-guihua"]).get(f"/prevention/hazards/{supervised.uuid}/notice.docx")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    texts = _texts(response.content)
    assert "遂宁市安全生产委员会办公室" in texts  # the red header (市级: the city's 安委办)
    assert "遂安办督〔2015〕1号" in texts
    assert "重大事故隐患挂牌督办通知书" in texts
    assert "测试化工有限公司：" in texts
    for value in ("液氨储罐区未设置紧急切断装置", "市级挂牌督办", "赵一", "加装紧急切断阀", "35.50万元",
                  "2015年6月30日", "液氨泄漏专项预案"):
        assert value in texts
    assert any("于2015年6月30日前完成整改" in t for t in texts)


def test_a_hazard_not_under_supervision_has_no_notice_and_no_button(users, supervised):
    Hazard.objects.filter(pk=supervised.pk).update(supervision="none")
    client = _client(users["township-guihua"])
    assert client.get(f"/prevention/hazards/{supervised.uuid}/notice.docx").status_code == 404
    page = client.get(_detail(Hazard, supervised))
    assert page.status_code == 200 and "download-supervision-notice" not in page.content.decode()


def test_the_hazard_page_offers_the_notice(users, supervised):
    page = _client(users["township-guihua"]).get(_detail(Hazard, supervised)).content.decode()
    assert f"/prevention/hazards/{supervised.uuid}/notice.docx" in page


def test_the_risk_report_has_facts_points_by_colour_with_factors_measures_and_counts(users, enterprise):
    response = _client(users["township-guihua"]).get(f"/prevention/enterprises/{enterprise.uuid}/risk-report.docx")
    assert response.status_code == 200
    texts = _texts(response.content)
    assert "测试化工有限公司安全风险评估报告" in texts
    assert "91510903MA6200001K" in texts and "桂花镇" in texts and "危险化学品储存" in texts
    assert any("共辨识评估风险点2处，其中重大风险（红）1处，较大风险（橙）0处，一般风险（黄）1处，低风险（蓝）0处" in t
               for t in texts)
    assert "L=3.00 E=6.00 C=15.00" in texts and "L=3 S=3" in texts
    assert "安装氨气报警仪" in texts and "装卸双人作业" in texts
    assert "经辨识，本单位未构成重大危险源。" in texts
    assert any(t.startswith("本单位存在重大风险（红色）1处") for t in texts)


def test_the_assessment_table_and_the_risk_list(users, enterprise):
    client = _client(users["township-guihua"])
    table = _rows(client.get(f"/prevention/enterprises/{enterprise.uuid}/assessment.xlsx").content)
    assert table[0] == ["测试化工有限公司安全风险评估表"] + [None] * (len(table[0]) - 1)
    header, points = table[1], table[2:]
    assert [p[header.index("风险点")] for p in points] == ["液氨装卸", "配电房"]
    assert [(p[header.index("L 可能性")], p[header.index("E 暴露频繁程度")], p[header.index("C 后果严重程度")],
             p[header.index("S 严重性")], p[header.index("风险值（D 或 R）")]) for p in points] == [
        (3, 6, 15, None, 270), (3, None, None, 3, 9)]
    assert points[0][header.index("风险等级")] == "重大风险（红）"
    listing = _rows(client.get(f"/prevention/enterprises/{enterprise.uuid}/risk-list.xlsx").content)
    header, rows = listing[1], listing[2:]
    assert [(r[header.index("风险点")], r[header.index("管控措施")]) for r in rows] == [
        ("液氨装卸", "安装氨气报警仪"), ("液氨装卸", "装卸双人作业"), ("配电房", None)]


def test_the_enterprise_page_offers_the_three_downloads(users, enterprise):
    page = _client(users["township-guihua"]).get(_detail(Enterprise, enterprise)).content.decode()
    for name in ("risk-report.docx", "assessment.xlsx", "risk-list.xlsx"):
        assert f"/prevention/enterprises/{enterprise.uuid}/{name}" in page


def test_another_township_and_another_enterprise_get_404(users, enterprise, supervised):
    for username in ("township-longfeng", "enterprise"):
        client = _client(users[username])
        assert client.get(f"/prevention/enterprises/{enterprise.uuid}/risk-report.docx").status_code == 404
        assert client.get(f"/prevention/enterprises/{enterprise.uuid}/risk-list.xlsx").status_code == 404
        assert client.get(f"/prevention/hazards/{supervised.uuid}/notice.docx").status_code == 404


def test_the_demo_supervised_hazards_have_notices(users):
    hazard = Hazard.objects.filter(grade="major").exclude(supervision="none").order_by("code").first()
    response = _client(users["commander"]).get(f"/prevention/hazards/{hazard.uuid}/notice.docx")
    assert response.status_code == 200 and hazard.supervising_body in _texts(response.content)


def _close(hazard, on=dt.date(2015, 6, 20)):
    hazard.state, hazard.closed_on = "closed", on
    hazard.save()
    return hazard


def test_a_closed_supervised_hazard_has_its_closing_notice(users, supervised):
    page = _client(users["township-guihua"]).get(_detail(Hazard, supervised)).content.decode()
    url = reverse("prevention:closing-notice", kwargs={"uuid": supervised.uuid})
    assert 'id="download-closing-notice"' not in page, "not before 销号"
    assert _client(users["township-guihua"]).get(url).status_code == 404
    _close(supervised)
    page = _client(users["township-guihua"]).get(_detail(Hazard, supervised)).content.decode()
    assert f'id="download-closing-notice" href="{url}"' in page
    response = _client(users["township-guihua"]).get(url)
    assert response.status_code == 200 and response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.wordprocessingml")
    texts = _texts(b"".join(response.streaming_content) if response.streaming else response.content)
    joined = "\n".join(texts)
    assert "重大事故隐患销号通知书" in joined and "遂宁市安全生产委员会办公室" in joined
    assert "遂安办销〔2015〕1号" in joined and "测试化工有限公司" in joined
    assert "遂安办督〔2015〕" in joined, "names the 督办 notice it lifts"
    assert "2015年6月20日" in joined and "加装紧急切断阀" in joined and "解除市级挂牌督办" in joined
    row = next(i for i, t in enumerate(texts) if t == "按期整改")
    assert texts[row + 1] == "是"


def test_the_closing_notice_is_in_reach_only(users, supervised):
    _close(supervised)
    url = reverse("prevention:closing-notice", kwargs={"uuid": supervised.uuid})
    assert _client(users["township-longfeng"]).get(url).status_code == 404
    assert _client(users["enterprise-2"]).get(url).status_code == 404
