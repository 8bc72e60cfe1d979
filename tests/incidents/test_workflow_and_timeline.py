"""The status flow as a table, closure rules, the immutable timeline, and concurrent edits (409)."""

import pytest

from yingji.core.errors import DomainError, PermissionDeniedError
from yingji.incidents import clocks, timeline
from yingji.incidents.models import ImmutableError, TimelineEntry
from yingji.incidents.workflows import INCIDENT_FLOW, fire_incident

pytestmark = pytest.mark.django_db


def _to_stabilized(incident, user, now):
    for event in ("verify", "respond", "stabilize"):
        incident = fire_incident(incident, event, actor=user, data={"now": now})
    return incident


def test_status_flow_writes_the_timeline(landslide, users, now):
    incident = _to_stabilized(landslide, users["duty"], now)
    assert incident.status == "stabilized" and incident.ended_at == now
    statuses = list(incident.timeline.filter(kind="status").values_list("title", flat=True))
    assert statuses == ["状态：核实", "状态：处置中", "状态：已稳定"]
    # the process has ended: the 核报 clock starts, the daily 续报 stops
    assert incident.clocks.filter(slug="nd_verification").exists()


def test_closing_with_an_unmet_clock_and_no_waiver_is_refused(landslide, users, now):
    incident = _to_stabilized(landslide, users["duty"], now)
    with pytest.raises(DomainError) as error:
        fire_incident(incident, "close", actor=users["duty"], data={"summary": "已处置完毕", "now": now})
    assert error.value.code == "clocks_unmet" and "灾情初报" in error.value.message
    incident.refresh_from_db()
    assert incident.status == "stabilized"


def test_closing_needs_a_summary_then_succeeds_when_clocks_are_settled(landslide, users, now):
    incident = _to_stabilized(landslide, users["duty"], now)
    for clock in clocks.open_required(incident):
        clocks.waive(clock, actor=users["commander"], reason="险情未造成灾情，无需报送", now=now)
    with pytest.raises(DomainError) as error:
        fire_incident(incident, "close", actor=users["duty"], data={"summary": "", "now": now})
    assert error.value.code == "summary_required"
    incident = fire_incident(incident, "close", actor=users["duty"], data={"summary": "排危完成", "now": now})
    assert incident.status == "closed" and incident.closing_summary == "排危完成"


def test_invalid_transition_and_missing_permission(landslide, users):
    with pytest.raises(DomainError) as error:
        fire_incident(landslide, "close", actor=users["duty"], data={"summary": "x"})
    assert error.value.code == "invalid_transition"
    with pytest.raises(PermissionDeniedError):
        fire_incident(landslide, "verify", actor=users["liaison-water"])
    assert {t.event for t in INCIDENT_FLOW.available(landslide, users["observer"])} == set()


def test_false_alarm_needs_a_reason_and_waives_the_clocks(landslide, users, now):
    with pytest.raises(DomainError):
        fire_incident(landslide, "mark_false", actor=users["duty"], data={"reason": ""})
    incident = fire_incident(landslide, "mark_false", actor=users["duty"], data={"reason": "村民误报", "now": now})
    assert incident.status == "false_alarm" and not clocks.open_required(incident)


def test_api_transition_errors_are_json(api, landslide, users):
    url = f"/api/incidents/incidents/{landslide.uuid}/transitions/"
    response = api(users["duty"]).post(url, {"event": "close", "summary": "x"}, format="json")
    assert response.status_code == 400 and response.json()["error"]["code"] == "invalid_transition"
    response = api(users["duty"]).post(url, {"event": "verify"}, format="json")
    assert response.status_code == 200 and response.json()["status_display"] == "核实"


def test_participants_post_and_filter_the_timeline(api, landslide, users):
    url = f"/api/incidents/incidents/{landslide.uuid}/timeline/"
    liaison = api(users["liaison-water"])
    assert liaison.post(url, {"kind": "message", "body": "水利局已派员赶赴现场"}, format="json").status_code == 201
    assert api(users["commander"]).post(url, {"kind": "decision", "body": "会商决定：转移坡下8户"},
                                        format="json").status_code == 201
    assert api(users["observer"]).post(url, {"kind": "message", "body": "x"}, format="json").status_code == 403
    decisions = liaison.get(url, {"kind": "decision"}).json()
    assert [e["body"] for e in decisions] == ["会商决定：转移坡下8户"]
    entry = liaison.get(url, {"kind": "message"}).json()[0]
    assert entry["actor_name"] == users["liaison-water"].display_name


def test_timeline_is_immutable_and_corrections_are_new_entries(landslide, users):
    entry = timeline.post(landslide, actor=users["duty"], kind="message", body="坡下有5户")
    with pytest.raises(ImmutableError):
        entry.body = "改"
        entry.save()
    with pytest.raises(ImmutableError):
        TimelineEntry.objects.get(pk=entry.pk).delete()
    correction = timeline.post(landslide, actor=users["duty"], kind="message", body="应为8户", corrects=entry)
    assert correction.title.startswith("更正") and TimelineEntry.objects.get(pk=entry.pk).body == "坡下有5户"


def test_two_officers_editing_at_once_cannot_overwrite_each_other(api, landslide, users):
    url = f"/api/incidents/incidents/{landslide.uuid}/"
    version = api(users["duty"]).get(url).json()["version"]
    first = api(users["duty"]).patch(url, {"evacuated": 12, "version": version}, format="json")
    assert first.status_code == 200
    second = api(users["commander"]).patch(url, {"evacuated": 3, "version": version}, format="json")
    assert second.status_code == 409 and second.json()["error"]["code"] == "edit_conflict"
    landslide.refresh_from_db()
    assert landslide.evacuated == 12
