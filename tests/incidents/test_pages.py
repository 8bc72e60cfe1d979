"""The pages: duty-desk intake with form errors, the incident page, the public page, the board, the review."""

import io
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from docx import Document

from yingji.incidents.models import Incident, IntakeReport

from .conftest import GUIHUA, landslide_data

pytestmark = pytest.mark.django_db


def _local(delta):
    return timezone.localtime(timezone.now() - delta).strftime("%Y-%m-%dT%H:%M")


def _intake(**changes):
    data = {"type_code": "1.4.2", "occurred_at": _local(timedelta(minutes=30)), "received_at": _local(timedelta()),
            "statement": "后山滑坡", "caller_name": "李大爷", "lon": GUIHUA[0], "lat": GUIHUA[1]}
    data.update(changes)
    return data


def test_duty_desk_form_records_the_call_and_shows_grade_and_clocks(client, users):
    client.force_login(users["duty"])
    response = client.post("/incidents/new/", _intake(), follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert "按伤亡初判为一般" in page and "灾情初报" in page and "李大爷" in page


@pytest.mark.parametrize(("changes", "message"), [
    ({"occurred_at": _local(timedelta(days=-2))}, "发生时间不能晚于当前时间"),
    ({"received_at": _local(timedelta(hours=2))}, "接报时间不能早于发生时间"),
    ({"dead": "-2"}, "死亡不能为负数"),
    ({"lon": "104.06", "lat": "30.67"}, "坐标不在船山区范围内"),
])
def test_form_errors_are_shown_and_nothing_is_saved(client, users, changes, message):
    client.force_login(users["duty"])
    before = Incident.objects.count()
    response = client.post("/incidents/new/", _intake(**changes))
    assert response.status_code == 400 and message in response.content.decode()
    assert Incident.objects.count() == before


def test_incident_page_actions_post_close_error(client, users, landslide):
    client.force_login(users["duty"])
    url = f"/incidents/{landslide.uuid}/"
    client.post(url + "timeline/", {"kind": "message", "body": "已通知桂花镇派员"})
    response = client.post(url + "transition/", {"event": "close", "summary": "x"}, follow=True)
    page = response.content.decode()
    assert "已通知桂花镇派员" in page and "当前状态“接报”不能执行该操作" in page


def test_public_report_without_login(client):
    cache.clear()
    response = client.get("/incidents/report/")
    assert response.status_code == 200 and "突发事件群众报告" in response.content.decode()
    photo = SimpleUploadedFile("a.jpg", b"\xff\xd8\xff\xe0" + b"0" * 100, content_type="image/jpeg")
    response = client.post("/incidents/report/", {"kind": "2.1.4", "statement": "楼下商铺冒烟",
                                                  "address": "南津路100号", "phone": "13800001234", "photo": photo})
    assert response.status_code == 200 and "已收到您的报告" in response.content.decode()
    intake = IntakeReport.objects.get(caller_phone="13800001234")
    assert intake.incident.source == "public" and intake.photo and intake.incident.type_code == "2.1.4"


def test_public_report_spam_protection(client):
    cache.clear()
    before = Incident.objects.count()
    bot = {"kind": "2", "statement": "buy now", "address": "x", "phone": "13800000000", "website": "http://spam"}
    assert client.post("/incidents/report/", bot).status_code == 200
    assert Incident.objects.count() == before  # the honeypot was filled: looks fine, nothing saved
    fake = SimpleUploadedFile("a.jpg", b"MZ not an image", content_type="image/jpeg")
    response = client.post("/incidents/report/", {**bot, "website": "", "photo": fake})
    assert response.status_code == 400 and "照片只能是 JPG 或 PNG 图片" in response.content.decode()
    real = {**bot, "website": ""}
    codes = [client.post("/incidents/report/", real).status_code for _ in range(6)]
    assert codes[:5] == [200] * 5 and codes[5] == 429
    cache.clear()


def test_board_feed_counts_and_colours(client, users, accident, landslide, now):
    from yingji.incidents.services import create_incident

    create_incident(actor=users["duty"], data=landslide_data(type_code="3.1", statement="发热病例聚集"), now=now)
    client.force_login(users["commander"])
    assert client.get("/incidents/board/").status_code == 200
    data = client.get("/incidents/board/data/").json()
    names = [i["name"] for i in data["incidents"]]
    assert accident.name in names and landslide.name in names
    grades = {row["name"]: row["colour"] for row in data["by_grade"]}
    assert grades["一般"] == "#1E6FD9" and "未定级" in grades
    assert any(c["name"] == "灾情初报" for c in data["clocks"])


def test_incidents_layer_on_the_one_map(client, users, landslide):
    client.force_login(users["observer"])
    features = client.get("/api/onemap/layers/incidents/").json()["features"]
    assert landslide.name in [f["properties"]["name"] for f in features]


def test_historical_rainstorm_is_browsable_with_its_reports_and_review(client, users):
    rainstorm = Incident.objects.get(code="SJ20200813-0001")
    assert rainstorm.status == "closed" and rainstorm.affected == 15144 and rainstorm.dead == 0
    assert float(rainstorm.direct_loss_cny) == 86_870_000
    client.force_login(users["observer"])
    page = client.get(f"/incidents/{rainstorm.uuid}/").content.decode()
    assert "初报" in page and "续报（第5期）" in page and "核报" in page
    rollup = client.get(f"/incidents/{rainstorm.uuid}/rollup/").content.decode()
    assert "15,144" in rollup and "1,164.2" in rollup and "8,687.00" in rollup
    review = client.get(f"/incidents/{rainstorm.uuid}/review/").content.decode()
    assert "超时 20分 完成" in review and "统一乡镇灾情统计口径" in review
    document = Document(io.BytesIO(client.get(f"/incidents/{rainstorm.uuid}/review.docx").content))
    assert "应急评估报告" in "\n".join(p.text for p in document.paragraphs)
    kinds = list(rainstorm.reports.filter(region__level=1).values_list("kind", flat=True))
    assert kinds == ["initial"] + ["continuation"] * 5 + ["verification"]
    assert all(r.signer_id != r.author_id for r in rainstorm.reports.all())
