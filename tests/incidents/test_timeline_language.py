"""Timeline titles are the official record: written in Chinese whoever acted, shown in the reader's language
(issue 14). An English-mode commander re-grades the incident, changes its status and posts a message."""

from datetime import timedelta

import pytest
from django.utils import timezone
from lxml import html

pytestmark = pytest.mark.django_db


@pytest.fixture
def landslide(users):
    from yingji.demo.townships import township
    from yingji.incidents.services import create_incident

    lon, lat = township("桂花镇").seat
    return create_incident(actor=users["duty"], data={
        "type_code": "1.4.2", "occurred_at": timezone.now() - timedelta(minutes=20), "lon": lon, "lat": lat,
        "statement": "后山滑坡"})


def _titles(client, incident, language):
    client.post("/i18n/setlang/", {"language": language, "next": "/"})
    page = html.fromstring(client.get(f"/incidents/{incident.uuid}/").content.decode())
    return [" ".join(e.text_content().split()) for e in page.xpath("//*[@id='timeline']//li//strong")]


def test_an_english_mode_user_writes_the_record_in_chinese_and_reads_it_in_english(client, users, landslide):
    client.force_login(users["commander"])
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    base = f"/incidents/{landslide.uuid}/"
    assert client.post(f"{base}grade/", {"grade": "grade_3", "reason": "Many people trapped",
                                         "version": landslide.version}).status_code == 302
    assert client.post(f"{base}transition/", {"event": "verify"}).status_code == 302
    assert client.post(f"{base}timeline/", {"kind": "message", "body": "第一批队伍已到场"}).status_code == 302
    stored = list(landslide.timeline.order_by("-id").values_list("title", flat=True)[:3])
    assert stored == ["消息：第一批队伍已到场", "状态：核实", "人工研判等级：较大"]

    english = _titles(client, landslide, "en")
    assert {"Manually assessed grade: Relatively major", "Status: Verified",
            "Message: 第一批队伍已到场"} <= set(english)
    chinese = _titles(client, landslide, "zh-hans")
    assert {"人工研判等级：较大", "状态：核实", "消息：第一批队伍已到场"} <= set(chinese)


def test_a_title_written_before_is_shown_as_it_is_or_translated_when_known(landslide):
    from django.utils import translation

    from yingji.incidents.titles import shown

    plain = landslide.timeline.create(kind="message", title="消息", body="")
    legacy = landslide.timeline.create(kind="message", title="某某旧标题", body="")
    with translation.override("en"):
        assert shown(plain) == "Message" and shown(legacy) == "某某旧标题"


def test_an_incident_filed_in_english_mode_is_recorded_in_chinese(users):
    from django.utils import translation

    from yingji.demo.townships import township
    from yingji.incidents.services import create_incident
    from yingji.incidents.titles import shown

    lon, lat = township("桂花镇").seat
    with translation.override("en"):
        incident = create_incident(actor=users["duty"], data={
            "type_code": "1.4.2", "occurred_at": timezone.now() - timedelta(minutes=5), "lon": lon, "lat": lat,
            "statement": "Landslide behind the school"})
        intake = incident.timeline.get(kind="intake")
        assert shown(intake) == f"Reported: {incident.name}"
    assert intake.title == f"接报：{incident.name}"
