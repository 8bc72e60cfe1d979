"""Escalations are shown and acknowledged within the user's jurisdiction (issue 12 §2)."""

import pytest
from django.utils import timezone

from yingji.duty.models import Escalation, EscalationChain

pytestmark = pytest.mark.django_db


def _running(region, title):
    return Escalation.objects.create(key=f"test:{title}", chain=EscalationChain.objects.order_by("id").first(),
                                     event_kind="incident.reported", source_id=title, region=region, title=title,
                                     started_at=timezone.now())


def test_a_township_officer_sees_and_acknowledges_only_the_townships_escalations(users, regions, client, api):
    _running(regions["guihua"], "桂花镇的升级")
    theirs = _running(regions["longfeng"], "龙凤镇的升级")
    client.force_login(users["township-guihua"])
    page = client.get("/duty/escalations/").content.decode()
    assert "桂花镇的升级" in page and "龙凤镇的升级" not in page
    client.force_login(users["duty"])
    assert "龙凤镇的升级" in client.get("/duty/escalations/").content.decode()

    response = api(users["township-guihua"]).post(f"/api/duty/escalations/{theirs.uuid}/acknowledge/")
    assert response.json()["error"]["code"] == "unknown_escalation"  # as if it did not exist
    theirs.refresh_from_db()
    assert theirs.status == "active"
