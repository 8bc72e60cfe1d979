"""The command hall's big screen (web/screen.py, issue 21): the page, and its SSE stream carrying what a viewer
may see — an incident opened appears in it, a township officer sees only their township's."""

import json
import warnings
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from yingji.core.models import OutboxEvent
from yingji.incidents.services import create_incident

pytestmark = pytest.mark.django_db


def _incident(actor, region, name):
    now = timezone.now()
    return create_incident(actor=actor, now=now, data={
        "type_code": "1.4.2", "occurred_at": now - timedelta(minutes=10), "lon": region.lon, "lat": region.lat,
        "statement": name, "name": name})


def _events(user, headers=None) -> list[tuple[str, str, dict]]:
    """The stream of one tick as [(event, id, data)], read the way a browser's EventSource reads it."""
    client = Client()
    client.force_login(user)
    response = client.get("/events/stream/screen/?ticks=1", headers=headers or {})
    assert response.status_code == 200 and response["Content-Type"] == "text/event-stream"
    with warnings.catch_warnings():  # the test client reads the async stream synchronously
        warnings.simplefilter("ignore")
        text = b"".join(response).decode()
    assert text.startswith("retry: 3000\n\n")
    frames = []
    for block in text.split("\n\n"):
        fields = dict(line.split(": ", 1) for line in block.splitlines() if not line.startswith(":"))
        if "data" in fields:
            frames.append((fields.get("event", "message"), fields.get("id", ""), json.loads(fields["data"])))
    return frames


def _snapshot(frames) -> dict:
    return next(data for event, _id, data in frames if event == "snapshot")


def test_an_incident_opened_appears_in_the_stream_with_its_grade_and_in_the_news(users, regions):
    before = OutboxEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
    _incident(users["duty"], regions["guihua"], "桂花镇大屏测试事件")
    # resuming after the event before it, as a browser reconnecting with Last-Event-ID does
    frames = _events(users["duty"], {"Last-Event-ID": str(before)})
    snapshot = _snapshot(frames)
    shown = [row for row in snapshot["incidents"] if row["name"] == "桂花镇大屏测试事件"]
    assert shown and shown[0]["grade"] and shown[0]["colour"].startswith("#")
    assert "新接报：桂花镇大屏测试事件" in [item["title"] for item in snapshot["news"]]
    assert snapshot["counts"]["incidents_today"] >= 1 and snapshot["active"] >= 1
    ids = [int(frame_id) for event, frame_id, _data in frames if event == "snapshot"]
    assert ids and ids[0] > before  # the next reconnection resumes after what this one showed
    assert {"incidents", "alerts", "monitoring", "duty"} <= set(snapshot["sections"])
    indicators = next(data for event, _id, data in frames if event == "indicators")
    assert len(indicators) == 19 and {row["status"] for row in indicators} <= {"met", "not_met", "no_data"}
    assert any(event == "areas" for event, _id, _data in frames)


def test_a_township_officer_sees_only_their_township(users, regions):
    _incident(users["duty"], regions["guihua"], "桂花镇大屏测试事件")
    _incident(users["duty"], regions["longfeng"], "龙凤镇大屏测试事件")
    district = [row["name"] for row in _snapshot(_events(users["duty"]))["incidents"]]
    assert {"桂花镇大屏测试事件", "龙凤镇大屏测试事件"} <= set(district)
    snapshot = _snapshot(_events(users["township-guihua"]))
    names = [row["name"] for row in snapshot["incidents"]]
    assert "桂花镇大屏测试事件" in names and "龙凤镇大屏测试事件" not in names
    assert not any("龙凤镇" in item["title"] for item in snapshot["news"])
    assert all("龙凤镇" not in row["place"] for row in snapshot["incidents"])


def test_the_screen_needs_a_role_that_sees_incidents(users):
    client = Client()
    client.force_login(users["auditor"])
    assert client.get("/screen/").status_code == 403
    assert client.get("/events/stream/screen/?ticks=1").status_code == 403
    client.force_login(users["duty"])
    page = client.get("/screen/?ticks=5").content.decode()
    assert 'data-stream-url="/events/stream/screen/?ticks=5"' in page and "<script>" not in page
    assert "指挥中心" in page and "离线" not in page  # the state is drawn by the script


def test_a_failing_section_leaves_the_others_on_the_screen(users, monkeypatch):
    from yingji.web import screen

    def broken(user, now, data):
        raise RuntimeError("the alarms app is down")

    sections = tuple((app, perm, broken if app == "monitoring" else reader) for app, perm, reader in screen.SECTIONS)
    monkeypatch.setattr(screen, "SECTIONS", sections)
    monkeypatch.setattr(screen, "indicators", lambda user: 1 / 0)
    frames = _events(users["duty"])
    snapshot = _snapshot(frames)
    assert snapshot["failed"] == ["monitoring"] and "monitoring" not in snapshot["sections"]
    assert snapshot["incidents"] and "alerts" in snapshot["sections"]
    assert not any(event == "indicators" for event, _id, _data in frames)  # nothing rather than a broken stream
