"""Pages: compose, detail with reach preview, workflow buttons, progress; public page, CAP XML, Atom feed."""

import pytest
from lxml import etree

from yingji.alerts.models import Warning

pytestmark = pytest.mark.django_db


def test_duty_composes_a_draft_and_sees_the_reach_preview(client, users, warning_data):
    client.force_login(users["duty"])
    assert "制作预警" in client.get("/alerts/new/").content.decode()
    data = warning_data(effective="2030-07-01T10:00", expires="2030-07-01T22:00")
    response = client.post("/alerts/new/", data)
    assert response.status_code == 302
    warning = Warning.objects.get(uuid=response.url.strip("/").split("/")[-1])
    page = client.get(response.url).content.decode()
    assert "发送范围预估" in page and "桂花镇" in page and "提交审核" in page
    assert f"{warning.population} 人" in page


def test_bad_input_on_the_form_shows_the_reason_and_saves_nothing(client, users, warning_data):
    client.force_login(users["duty"])
    before = Warning.objects.count()
    response = client.post("/alerts/new/", warning_data(effective="2030-07-01T10:00", expires="2030-07-01T09:00"))
    assert response.status_code == 400 and "失效时间必须晚于生效时间" in response.content.decode()
    response = client.post("/alerts/new/", warning_data(type_code="met.drought", level="blue"))
    assert response.status_code == 400 and "干旱预警信号没有蓝色级别" in response.content.decode()
    assert Warning.objects.count() == before


def test_public_page_feed_and_cap_need_no_login(client):
    page = client.get("/cap/")
    assert page.status_code == 200 and "暴雨黄色预警" in page.content.decode() and "防御指南" in page.content.decode()
    feed = etree.fromstring(client.get("/cap/feed.atom").content)
    entries = feed.findall("{http://www.w3.org/2005/Atom}entry")
    assert len(entries) == 1
    link = entries[0].find("{http://www.w3.org/2005/Atom}link").get("href")
    xml = client.get(link.split("testserver")[-1])
    assert xml.status_code == 200 and b"urn:oasis:names:tc:emergency:cap:1.2" in xml.content
    assert client.get("/cap/51090300100000_19990101000000_0.xml").status_code == 404
    assert client.get("/cap/warnings.geojson").json()["features"]


def test_list_and_pages_for_each_role_never_fail(client, users):
    warning = Warning.objects.filter(is_demo=True).first()
    for name in ("duty", "commander", "observer", "township-guihua"):
        client.force_login(users[name])
        for url in ("/alerts/", f"/alerts/{warning.uuid}/", "/alerts/incoming/", "/alerts/guidance/"):
            assert client.get(url).status_code in (200, 403), url
    client.force_login(users["grid-guihua-01"])
    assert client.get("/alerts/").status_code == 403


def test_the_progress_of_a_published_warning_is_json_with_coverage(client, users, warning_data, publish_flow):
    warning = publish_flow(warning_data(area_regions=["510903200000"]))
    client.force_login(users["commander"])
    data = client.get(f"/alerts/{warning.uuid}/progress.json").json()
    assert data["percent"] == 0.0 and data["statuses"]["待发送"] == 0 and not data["done"]
    page = client.get(f"/alerts/{warning.uuid}/").content.decode()
    assert "发送进度" in page and "解除预警" in page and "发布更新" in page
