"""Warnings within reach (issue 12 §2): a township officer never sees the district's unpublished drafts, and sees
a published warning's reach and delivery only for the township."""

import pytest

from yingji.core.events import dispatch_pending

pytestmark = pytest.mark.django_db


def test_a_township_officer_does_not_see_the_districts_drafts(users, api, client, warning_data):
    from yingji.alerts import services

    draft = services.create_draft(actor=users["duty"], data=warning_data(headline="区级预警草稿（未发布）"))
    officer = api(users["township-guihua"])
    listed = [row["uuid"] for row in officer.get("/api/alerts/warnings/").json()["results"]]
    assert str(draft.uuid) not in listed
    assert officer.get(f"/api/alerts/warnings/{draft.uuid}/").status_code == 404
    client.force_login(users["township-guihua"])
    assert "区级预警草稿" not in client.get("/alerts/").content.decode()
    assert client.get(f"/alerts/{draft.uuid}/").status_code == 404
    assert str(draft.uuid) in [row["uuid"] for row in api(users["duty"]).get("/api/alerts/warnings/").json()["results"]]


def test_a_published_warnings_reach_and_delivery_are_shown_for_the_township_only(users, api, client, warning_data,
                                                                               publish_flow):
    warning = publish_flow(warning_data())  # 桂花镇, 老池镇, 龙凤镇
    officer = api(users["township-guihua"])
    reach = officer.get(f"/api/alerts/warnings/{warning.uuid}/").json()["reach"]
    assert set(reach["townships"]) == {"桂花镇"}
    district = api(users["duty"]).get(f"/api/alerts/warnings/{warning.uuid}/").json()["reach"]
    assert set(district["townships"]) >= {"桂花镇", "老池镇", "龙凤镇"}
    assert 0 < reach["people"] < district["people"]

    dispatch_pending()  # the fan-out queues one message per recipient and channel
    rows = officer.get(f"/api/alerts/warnings/{warning.uuid}/coverage/").json()
    assert set(rows["rows"]) == {"桂花镇"} and rows["total"] > 0
    assert rows["total"] < api(users["duty"]).get(f"/api/alerts/warnings/{warning.uuid}/coverage/").json()["total"]
    client.force_login(users["township-guihua"])
    page = client.get(f"/alerts/{warning.uuid}/").content.decode()
    assert "桂花镇" in page and "龙凤镇</td>" not in page and "老池镇</td>" not in page
