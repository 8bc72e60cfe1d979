"""The live feed (SSE /events/stream/, web.views.latest_events) shows an event only to those who may see the record
it describes: by the role's permission to view that kind of record, and by jurisdiction (issue 12 §2)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from yingji.core.models import OutboxEvent
from yingji.incidents.services import create_incident
from yingji.web.views import latest_events

pytestmark = pytest.mark.django_db


def _incident(actor, region, name):
    now = timezone.now()
    return create_incident(actor=actor, now=now, data={
        "type_code": "1.4.2", "occurred_at": now - timedelta(minutes=10), "lon": region.lon, "lat": region.lat,
        "statement": name, "name": name})


def _titles(user, after):
    return {event["payload"].get("title", "") for event in latest_events(user, after, limit=100)}


def test_incident_events_go_only_to_roles_that_see_incidents_in_their_jurisdiction(users, regions):
    after = OutboxEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
    _incident(users["duty"], regions["guihua"], "桂花镇测试事件")
    _incident(users["duty"], regions["longfeng"], "龙凤镇测试事件")
    assert {"新接报：桂花镇测试事件", "新接报：龙凤镇测试事件"} <= _titles(users["duty"], after)
    guihua = _titles(users["township-guihua"], after)
    assert "新接报：桂花镇测试事件" in guihua and not any("龙凤镇" in title for title in guihua)
    for name in ("enterprise", "auditor", "secadmin"):  # district-wide accounts without incidents.view_incident
        assert not users[name].has_perm("incidents.view_incident")
        assert not any("测试事件" in title for title in _titles(users[name], after)), name


def test_a_district_warnings_publication_reaches_township_feeds_but_its_drafting_does_not(users, regions):
    from yingji.core.events import publish

    after = OutboxEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
    from yingji.alerts.models import Warning

    warning = Warning.objects.filter(region=regions["district"]).first()
    district = warning.region
    publish("warning.published", {"title": "区级暴雨红色预警已发布"}, aggregate=warning, region=district)
    publish("warning.submit", {"title": "区级预警草稿已提交"}, aggregate=warning, region=district)
    guihua = _titles(users["township-guihua"], after)
    assert "区级暴雨红色预警已发布" in guihua and "区级预警草稿已提交" not in guihua
    assert {"区级暴雨红色预警已发布", "区级预警草稿已提交"} <= _titles(users["duty"], after)
