"""The annual monitoring report: a DOCX with the 19 rows (value, target, status) under the three tables."""

import io

from docx import Document


def test_the_report_has_all_19_rows(client, users, provider):
    provider("1.4", None)
    provider("2.4", lambda user: {"value": 95.0, "unit": "%"})
    client.force_login(users["commander"])
    response = client.get("/indicators/report.docx")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxml")
    document = Document(io.BytesIO(response.content))
    rows = [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]
    body = {row[0]: row for row in rows if row[0] != "序号"}
    assert len(body) == 19 and len(document.tables) == 3
    assert body["1.4"][5:] == ["暂无数据来源", "无数据"]
    assert body["2.4"][2] == "≥90%" and body["2.4"][5:] == ["95%", "达标"]
    text = "\n".join(p.text for p in document.paragraphs)
    assert "年度指标监测报告" in text and "存在问题和下一步措施" in text


def test_a_grid_worker_gets_no_report(client, users):
    client.force_login(users["grid-guihua-01"])
    assert client.get("/indicators/report.docx").status_code == 403
