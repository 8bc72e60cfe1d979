"""/indicators/: all 19 in Chinese grouped by table, a chart holder per table, no inline script; the menu link;
the entering and approving page."""

import re

from yingji.indicators.catalogue import CATALOGUE


def test_the_page_lists_all_19_by_table(client, users, provider):
    provider("1.4", None)
    client.force_login(users["commander"])
    html = client.get("/indicators/").content.decode()
    for entry in CATALOGUE:
        assert f'data-code="{entry.code}"' in html and str(entry.name) in html
    for title in ("表1 安全生产", "表2 防灾减灾", "表3 应急能力"):
        assert title in html
    assert html.count('class="yj-indicator-chart"') == 3
    assert "暂无数据来源" in html and "无数据" in html
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html.split("</main>")[0].split("<main")[-1])
    assert "indicators/indicators.js" in html and 'href="/indicators/"' in html


def test_a_grid_worker_has_no_page_and_no_link(client, users):
    client.force_login(users["grid-guihua-01"])
    assert client.get("/indicators/").status_code == 403


def test_entering_and_approving_through_the_page(client, users, evidence):
    from yingji.indicators.models import IndicatorValue

    client.force_login(users["liaison-water"])
    assert 'id="indicator-entry"' in client.get("/indicators/values/").content.decode()
    client.post("/indicators/values/enter/", {"code": "1.2", "year": 2024, "value": "0.02",
                                              "evidence": evidence()})
    record = IndicatorValue.objects.get(code="1.2")
    refused = client.post("/indicators/values/enter/", {"code": "1.2", "year": 2024, "value": "0.02"}, follow=True)
    assert "请上传佐证材料" in refused.content.decode() and IndicatorValue.objects.count() == 1
    client.force_login(users["commander"])
    html = client.get("/indicators/values/").content.decode()
    assert f"/indicators/values/{record.uuid}/approve/" in html
    client.post(f"/indicators/values/{record.uuid}/approve/")
    record.refresh_from_db()
    assert record.status == "approved"


def test_the_approver_opens_the_evidence_from_the_values_page(client, users, evidence):
    import re

    client.force_login(users["liaison-water"])
    client.post("/indicators/values/enter/", {"code": "1.2", "year": 2024, "value": "0.02", "evidence": evidence()})
    client.force_login(users["commander"])
    html = client.get("/indicators/values/").content.decode()
    link = re.search(r'<a href="(/core/attachments/[0-9a-f-]+/)">统计公报\.pdf</a>', html)
    assert link is not None
    response = client.get(link.group(1))
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
