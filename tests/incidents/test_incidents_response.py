"""The incident pages show the plans response: a link to it, the board panel per active incident (level,
task progress, teams, materials), the task timeliness in the review and its Word document, and the
response, task and dispatch entries on the timeline under their own kinds."""

import io
from datetime import timedelta

import pytest
from docx import Document

from yingji.demo.townships import township
from yingji.incidents.board import board_data
from yingji.plans import dispatch
from yingji.plans.activation import activate
from yingji.plans.models import Plan
from yingji.plans.workflows import TASK_FLOW, TEAM_FLOW, fire
from yingji.resources.models import RescueTeam

from .conftest import NOW

pytestmark = pytest.mark.django_db
LAOCHI = township("老池镇").seat


@pytest.fixture
def flood(users):
    from yingji.incidents.services import create_incident

    data = {"type_code": "1.1.1", "occurred_at": NOW - timedelta(minutes=40),
            "received_at": NOW - timedelta(minutes=10),
            "lon": LAOCHI[0] + 0.002, "lat": LAOCHI[1] + 0.001, "statement": "老池镇场镇暴雨积水", "trapped": 4}
    return create_incident(actor=users["duty"], data=data, now=NOW)


@pytest.fixture
def response(users, flood):
    version = Plan.objects.get(code="YA-FX").current_version()
    return activate(actor=users["commander"], incident=flood, version=version, level="response_4", now=NOW)


@pytest.fixture
def team_order(users, flood, response):
    team = RescueTeam.objects.get(code="TEAM-S001")
    return dispatch.dispatch_team(actor=users["commander"], incident=flood, team=team, response=response, now=NOW)


def test_the_board_shows_the_response_panel_and_the_team_on_its_way(users, flood, team_order):
    data = board_data(users["commander"], now=NOW)
    row = next(r for r in data["responses"] if r["uuid"] == str(flood.uuid))
    assert "防汛" in row["html"] and "Ⅳ级" in row["html"] and team_order.team.name in row["html"]
    assert [t["name"] for t in row["teams"]] == [team_order.team.name] and not row["teams"][0]["on_scene"]
    fire(TEAM_FLOW, team_order, "respond", actor=users["commander"])
    fire(TEAM_FLOW, team_order, "depart", actor=users["commander"])
    fire(TEAM_FLOW, team_order, "arrive", actor=users["commander"])
    row = next(r for r in board_data(users["commander"])["responses"] if r["uuid"] == str(flood.uuid))
    assert row["teams"][0]["on_scene"] and "到场" in row["html"]


def test_the_incident_page_links_to_the_response_and_shows_its_panel(client, users, flood, response):
    client.force_login(users["commander"])
    page = client.get(f"/incidents/{flood.uuid}/").content.decode()
    assert f"/plans/incident/{flood.uuid}/" in page and 'id="plans-panel"' in page and "Ⅳ级" in page


def test_an_incident_without_a_response_has_the_link_but_no_panel(client, users, flood):
    client.force_login(users["commander"])
    page = client.get(f"/incidents/{flood.uuid}/").content.decode()
    assert 'id="response-link"' in page and 'id="plans-panel"' not in page


def test_the_review_and_its_document_show_task_timeliness(client, users, flood, response):
    task = response.tasks.order_by("deadline").first()
    actor = users["commander"]
    fire(TASK_FLOW, task, "accept", actor=actor, data={"now": NOW + timedelta(minutes=5)})
    fire(TASK_FLOW, task, "start", actor=actor, data={"now": NOW + timedelta(minutes=6)})
    fire(TASK_FLOW, task, "complete", actor=actor, data={"now": NOW + timedelta(minutes=20)})
    client.force_login(actor)
    page = client.get(f"/incidents/{flood.uuid}/review/").content.decode()
    assert 'id="timeliness"' in page and task.title in page and "按时完成" in page
    document = Document(io.BytesIO(client.get(f"/incidents/{flood.uuid}/review.docx").content))
    cells = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
    assert task.title in cells and "按时完成" in cells


def test_response_task_and_dispatch_entries_have_their_own_kinds(users, flood, response, team_order):
    task = response.tasks.first()
    fire(TASK_FLOW, task, "accept", actor=users["commander"])
    kinds = {e.title: e.kind for e in flood.timeline.filter(data__source="plans")}
    assert {"response", "task", "dispatch"} <= set(kinds.values())
    assert kinds[next(t for t in kinds if t.startswith("启动应急响应"))] == "response"
    assert kinds[next(t for t in kinds if t.startswith("派遣队伍"))] == "dispatch"
