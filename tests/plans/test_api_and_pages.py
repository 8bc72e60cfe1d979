"""The API and the pages: what a commander and an assignee see and do, and clear errors for bad input."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from yingji.plans.models import Plan, PlanVersion


def test_suggest_activate_and_dispatch_through_the_api(api, users, flood):
    client = api(users["commander"])
    found = client.get(f"/api/plans/incidents/{flood.uuid}/suggestions/", {"rainfall_mm": 60}).json()["results"]
    flood_plan = next(s for s in found if s["plan_code"] == "YA-FX")
    reply = client.post(f"/api/plans/incidents/{flood.uuid}/activate/",
                        {"version": flood_plan["version"], "level": flood_plan["level"]}, format="json")
    assert reply.status_code == 201 and reply.json()["level_label"] == "Ⅳ级应急响应"
    order = client.post("/api/plans/team-orders/", {"incident": str(flood.uuid), "team": "TEAM-S001"}, format="json")
    assert order.status_code == 201
    again = client.post("/api/plans/team-orders/", {"incident": str(flood.uuid), "team": "TEAM-S001"}, format="json")
    assert again.status_code == 409 and again.json()["error"]["code"] == "team_busy"
    step = client.post(f"/api/plans/teamorder/{order.json()['uuid']}/transitions/", {"event": "arrive"}, format="json")
    assert step.status_code == 400 and step.json()["error"]["code"] == "invalid_transition"
    summary = client.get(f"/api/plans/incidents/{flood.uuid}/summary/").json()
    assert summary["levels"][0]["level"] == "response_4" and summary["teams"][0]["name"] == "船山区观音湖水上救援队"
    assert summary["timeliness"]["total"] == 3


def test_a_duty_officer_may_not_approve_the_flood_level(api, users, flood, flood_plan):
    reply = api(users["duty"]).post(f"/api/plans/incidents/{flood.uuid}/activate/",
                                    {"version": str(flood_plan.uuid), "level": "response_4"}, format="json")
    assert reply.status_code == 403 and "指挥长" in reply.json()["error"]["message"]


def test_allocation_compares_with_nearest_first(api, users, flood):
    reply = api(users["commander"]).post(f"/api/plans/incidents/{flood.uuid}/allocate/",
                                         {"demand": {"3010101": 9000, "2010101": 80}}, format="json").json()
    assert reply["total"] <= reply["greedy_total"] and sum(
        ln["quantity"] for ln in reply["lines"] if ln["material"] == "3010101") == 9000


def test_editing_a_published_version_is_refused_and_a_draft_is_made_instead(api, users, flood_plan):
    client, url = api(users["duty"]), f"/api/plans/plans/{flood_plan.plan.uuid}/versions/"
    refused = client.put(f"{url}{flood_plan.number}/", {"content": flood_plan.content}, format="json")
    assert refused.status_code == 400 and refused.json()["error"]["code"] == "version_published"
    changed = {**flood_plan.content, "incident_types": ["1.1", "1.2"]}
    draft = client.post(url, {"content": changed, "note": "增加气象灾害"}, format="json")
    assert draft.status_code == 201 and draft.json()["number"] == flood_plan.number + 1
    flood_plan.refresh_from_db()
    assert flood_plan.content["incident_types"] == ["1.1"]
    diff = client.get(f"{url}{flood_plan.number + 1}/diff/").json()["changes"]
    assert {"path": "incident_types/1", "change": "added", "before": "", "after": '"1.2"'} in diff


def test_bad_content_is_refused_with_the_reason(api, users, flood_plan):
    bad = {**flood_plan.content, "levels": [{"level": "response_9", "approvers": ["commander"]}]}
    reply = api(users["duty"]).post(f"/api/plans/plans/{flood_plan.plan.uuid}/versions/", {"content": bad},
                                    format="json")
    assert reply.status_code == 400 and reply.json()["error"]["code"] == "unknown_level"
    assert not PlanVersion.objects.filter(plan=flood_plan.plan, status="draft").exists()


def test_capability_lists_the_shortfalls(api, users):
    plan = Plan.objects.get(code="YA-SL")
    reply = api(users["commander"]).get(f"/api/plans/plans/{plan.uuid}/capability/", {"level": "response_4"}).json()
    assert not reply["sufficient"] and any("半专业森林扑火队伍" in s for s in reply["shortfalls"])


def test_plan_dates_follow_the_rules(db):
    plan = Plan.objects.get(code="YA-AQ")  # issued Wednesday 2024-11-20, not yet filed
    assert str(plan.filing_deadline) == "2024-12-18" and str(plan.evaluation_due) == "2027-11-20"
    assert str(plan.next_drill_due) == "2027-11-20"


def test_the_dashboard_shows_overdue_plans(client, users):
    client.force_login(users["commander"])
    page = client.get("/plans/").content.decode()
    assert "船山区防汛抗旱应急预案" in page and "逾期未备案" in page and "演练已逾期" in page


@pytest.mark.parametrize("name, head, ok", [("预案.pdf", b"%PDF-1.7", True), ("预案.docx", b"PK\x03\x04", True),
                                           ("预案.exe", b"MZ", False), ("假的.pdf", b"GIF89a", False)])
def test_the_original_document_is_checked(client, users, name, head, ok):
    plan = Plan.objects.get(code="YA-FX")
    client.force_login(users["commander"])
    client.post(f"/plans/{plan.uuid}/document/", {"document": SimpleUploadedFile(name, head + b"0" * 50)})
    plan.refresh_from_db()
    assert bool(plan.document) is ok


def test_pages_render_for_the_story(client, users, flood, activate):
    activate()
    client.force_login(users["commander"])
    plan = Plan.objects.get(code="YA-FX").uuid
    for url in ("/plans/", "/plans/responses/", f"/plans/incident/{flood.uuid}/", "/plans/tasks/mine/",
                f"/plans/{plan}/", f"/plans/{plan}/versions/2/diff/", f"/plans/{plan}/edit/"):
        assert client.get(url).status_code == 200, url
    page = client.get(f"/plans/incident/{flood.uuid}/").content.decode()
    assert "Ⅳ级应急响应" in page and "抢险救援组" in page and "船山区观音湖水上救援队" in page
