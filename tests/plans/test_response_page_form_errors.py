"""The small forms of the response page and of 我的任务 show a refusal beside the form it concerns (issue 14 §3):
the box marked, the message right under it inside the same form, what was typed kept, nothing saved."""

import pytest
from lxml import html

from yingji.incidents.models import TimelineEntry
from yingji.plans import recommend
from yingji.plans.models import MaterialOrder, Task, TeamOrder
from yingji.plans.workflows import TASK_FLOW, fire
from yingji.resources.models import RescueTeam

from .conftest import NOW

pytestmark = pytest.mark.django_db


def _beside(reply, input_id):
    """The input is marked, and its message is right under it, in the same form."""
    page = html.fromstring(reply.content.decode())
    box = page.get_element_by_id(input_id)
    feedback = page.get_element_by_id(f"{input_id}_error")
    assert "is-invalid" in box.get("class") and feedback.get("id") in box.get("aria-describedby", "")
    assert next(box.iterancestors("form")) is next(feedback.iterancestors("form"))
    return box, feedback.text_content()


def _under_form(reply, form_id, error_id):
    page = html.fromstring(reply.content.decode())
    return page.get_element_by_id(error_id) in page.get_element_by_id(form_id).iterdescendants()


def test_a_level_change_without_a_reason_is_refused_beside_the_reason_box(client, activate, users):
    response = activate()
    entries = TimelineEntry.objects.count()
    client.force_login(users["commander"])
    reply = client.post(f"/plans/response/{response.uuid}/transition/", {"event": "raise", "reason": "  "})
    assert reply.status_code == 400
    box, message = _beside(reply, f"response-{response.uuid}-raise-reason")
    assert message == "请填写调整或终止响应的理由" and box.get("value") == "  "
    assert next(box.iterancestors("details")).get("open") is not None  # the confirmation step stays open
    response.refresh_from_db()
    assert response.level == "response_4" and TimelineEntry.objects.count() == entries


def test_observations_that_are_not_numbers_are_marked_and_kept(client, flood, users):
    client.force_login(users["commander"])
    reply = client.get(f"/plans/incident/{flood.uuid}/", {"rainfall_mm": "很大", "water_level_m": "1.2"})
    box, message = _beside(reply, "rainfall_mm")
    assert message == "请输入数字" and box.get("value") == "很大"
    assert html.fromstring(reply.content.decode()).get_element_by_id("water_level_m").get("value") == "1.2"


def test_a_blocked_task_without_a_reason_is_refused_on_my_tasks(client, activate, laochi_admin):
    activate()
    task = Task.objects.filter(organization=laochi_admin.organization).first()
    fire(TASK_FLOW, task, "accept", actor=laochi_admin, data={"now": NOW})
    client.force_login(laochi_admin)
    reply = client.post(f"/plans/task/{task.uuid}/transition/", {"event": "block", "reason": "",
                                                                 "next": "/plans/tasks/mine/"})
    assert reply.status_code == 400 and reply.templates[0].name == "plans/my_tasks.html"
    _box, message = _beside(reply, f"task-{task.uuid}-block-reason")
    assert message == "请填写受阻原因"
    task.refresh_from_db()
    assert task.status == "accepted"


def test_an_empty_progress_report_is_refused_beside_its_box(client, activate, laochi_admin):
    activate()
    task = Task.objects.filter(organization=laochi_admin.organization).first()
    entries = TimelineEntry.objects.count()
    client.force_login(laochi_admin)
    reply = client.post(f"/plans/tasks/{task.uuid}/update/", {"body": "   ", "next": "/plans/tasks/mine/"})
    assert reply.status_code == 400
    _box, message = _beside(reply, f"update-{task.uuid}-body")
    assert message == "请填写进展或选择附件" and TimelineEntry.objects.count() == entries


def test_a_material_order_with_no_line_is_refused_under_the_table(client, activate, flood, users):
    activate()
    assert recommend.recommend(flood)["materials"]["lines"]
    client.force_login(users["commander"])
    reply = client.post(f"/plans/incident/{flood.uuid}/order-materials/", {})
    assert reply.status_code == 400 and _under_form(reply, "materials", "materials_error")
    assert "请至少选择一种物资" in html.fromstring(reply.content).get_element_by_id("materials_error").text_content()
    assert not MaterialOrder.objects.filter(incident=flood).exists()


def test_a_team_sent_meanwhile_is_refused_in_the_summary(client, activate, flood, users):
    """Two officers on the same page: the second one's form is gone from the page, the summary says why."""
    activate()
    row = next(r for r in recommend.recommend(flood)["teams"] if r["teams"])
    team = RescueTeam.objects.get(code=row["teams"][0]["code"])
    client.force_login(users["commander"])
    first = client.post(f"/plans/incident/{flood.uuid}/dispatch-team/", {"team": str(team.uuid)})
    assert first.status_code == 302
    again = client.post(f"/plans/incident/{flood.uuid}/dispatch-team/", {"team": str(team.uuid)})
    assert again.status_code == 400 and team.name in again.content.decode()
    assert TeamOrder.objects.filter(team=team, incident=flood).count() == 1
