"""Every transition the issue lists and every refusal, with what a user would notice: timestamps, readiness,
stock, clear error codes, and nothing changed when refused."""

from datetime import timedelta
from decimal import Decimal

import pytest

from yingji.core.errors import DomainError, PermissionDeniedError
from yingji.plans import dispatch
from yingji.plans.activation import activate as run_activate
from yingji.plans.models import MaterialOrder, PlanVersion, Response, TeamOrder
from yingji.plans.versions import edit_version
from yingji.plans.workflows import MATERIAL_FLOW, RESPONSE_FLOW, TASK_FLOW, TEAM_FLOW, fire
from yingji.resources.models import Depot, Material, RescueTeam
from yingji.resources.stock import available_by_depot

from .conftest import NOW

SANDBAGS = "3010101"


def at(minutes):
    return {"now": NOW + timedelta(minutes=minutes)}


@pytest.fixture
def task(activate):
    return activate().tasks.get(template_key="fx4-township")


@pytest.fixture
def team():
    return RescueTeam.objects.get(code="TEAM-S001")


@pytest.fixture
def order(flood, users, team):
    return dispatch.dispatch_team(actor=users["commander"], incident=flood, team=team, now=NOW)


# Tasks: 待接收 → 已接收 → 进行中 → 已完成, 受阻 with a reason, back to 进行中.

def test_each_task_step_is_stamped(task, laochi_admin):
    stamps = {}
    for event, minutes, stamp in (("accept", 3, "acknowledged_at"), ("start", 7, "started_at"),
                                  ("complete", 50, "completed_at")):
        task = fire(TASK_FLOW, task, event, actor=laochi_admin, data=at(minutes))
        stamps[stamp] = getattr(task, stamp)
    assert task.status == "done" and stamps == {"acknowledged_at": NOW + timedelta(minutes=3),
                                                "started_at": NOW + timedelta(minutes=7),
                                                "completed_at": NOW + timedelta(minutes=50)}


def test_a_blocked_task_resumes_and_its_reason_is_cleared(task, laochi_admin):
    fire(TASK_FLOW, task, "accept", actor=laochi_admin, data=at(2))
    task = fire(TASK_FLOW, task, "block", actor=laochi_admin, data={**at(10), "reason": "桥梁被冲毁"})
    assert task.get_status_display() == "受阻" and task.blocked_reason == "桥梁被冲毁"
    task = fire(TASK_FLOW, task, "start", actor=laochi_admin, data=at(30))
    assert task.status == "in_progress" and task.blocked_reason == ""


@pytest.mark.parametrize(("done", "event"), [
    ((), "start"), ((), "block"), (("accept",), "accept"), (("accept",), "complete"),
    (("accept", "start", "complete"), "block"), (("accept", "start", "complete"), "start"),
])
def test_invalid_task_steps_are_refused_and_nothing_changes(task, laochi_admin, done, event):
    for step in done:
        task = fire(TASK_FLOW, task, step, actor=laochi_admin, data={"reason": "x"})
    status = task.status
    with pytest.raises(DomainError) as refused:
        fire(TASK_FLOW, task, event, actor=laochi_admin, data={"reason": "道路中断"})
    task.refresh_from_db()
    assert refused.value.code == "invalid_transition" and task.status == status


# Team orders: 已派遣 → 已响应 → 出发 → 到场 → 返回 → 解除.

def test_each_order_step_is_stamped_and_readiness_follows(order, users, team):
    readiness = []
    for minutes, event in enumerate(("respond", "depart", "arrive", "return", "release"), start=1):
        order = fire(TEAM_FLOW, order, event, actor=users["commander"], data=at(minutes * 10))
        team.refresh_from_db()
        readiness.append(team.readiness)
    assert order.times == {"dispatched": NOW.isoformat(), "responded": (NOW + timedelta(minutes=10)).isoformat(),
                           "departed": (NOW + timedelta(minutes=20)).isoformat(),
                           "arrived": (NOW + timedelta(minutes=30)).isoformat(),
                           "returning": (NOW + timedelta(minutes=40)).isoformat(),
                           "released": (NOW + timedelta(minutes=50)).isoformat()}
    assert readiness == ["on_mission"] * 4 + ["resting"] and not order.active


@pytest.mark.parametrize(("done", "event"), [
    ((), "depart"), ((), "arrive"), ((), "return"), (("respond",), "arrive"),
    (("respond", "depart"), "release"), (("respond", "depart", "arrive"), "release"),
    (("respond", "depart", "arrive", "return", "release"), "respond"),
])
def test_invalid_order_steps_are_refused(order, users, done, event):
    for step in done:
        order = fire(TEAM_FLOW, order, step, actor=users["commander"])
    status = order.status
    with pytest.raises(DomainError) as refused:
        fire(TEAM_FLOW, order, event, actor=users["commander"])
    order.refresh_from_db()
    assert refused.value.code == "invalid_transition" and order.status == status


def test_a_team_on_an_order_for_another_incident_is_refused(order, users, team):
    from yingji.incidents.services import create_incident

    other = create_incident(actor=users["duty"], data={
        "type_code": "1.1.1", "occurred_at": NOW - timedelta(minutes=5), "received_at": NOW,
        "lon": order.incident.lon + 0.05, "lat": order.incident.lat, "statement": "另一处积水"}, now=NOW)
    with pytest.raises(DomainError) as refused:
        dispatch.dispatch_team(actor=users["commander"], incident=other, team=team, now=NOW)
    assert refused.value.code == "team_busy" and order.code in refused.value.message
    assert not TeamOrder.objects.filter(incident=other).exists()


def test_a_released_team_can_be_sent_again(order, users, team):
    fire(TEAM_FLOW, order, "release", actor=users["commander"])
    again = dispatch.dispatch_team(actor=users["commander"], incident=order.incident, team=team, now=NOW)
    team.refresh_from_db()
    assert again.active and team.readiness == "on_mission"


def test_a_team_cannot_be_sent_to_a_closed_incident(flood, users, team):
    flood.status = "closed"
    flood.save()
    with pytest.raises(DomainError) as refused:
        dispatch.dispatch_team(actor=users["commander"], incident=flood, team=team, now=NOW)
    team.refresh_from_db()
    assert refused.value.code == "incident_closed" and team.readiness == "standby"


# Material orders: reserve, issue, receipt, return.

def _free(depot, material):
    return available_by_depot(material, Decimal("0"), [depot]).get(depot.pk, Decimal(0))


@pytest.fixture
def sandbags(flood, users):
    depot, material = Depot.objects.get(code="DEP-F02"), Material.objects.get(code=SANDBAGS)
    order = dispatch.order_materials(actor=users["commander"], incident=flood, lines=[(depot, material, 500)],
                                     now=NOW)
    return order, order.lines.get()


def test_receiving_more_than_issued_is_refused(sandbags, users):
    order, line = sandbags
    order = fire(MATERIAL_FLOW, order, "dispatch", actor=users["commander"], data={"issue": {line.pk: "400"}})
    with pytest.raises(DomainError) as refused:
        fire(MATERIAL_FLOW, order, "receive", actor=users["commander"], data={"received": {line.pk: "401"}})
    order.refresh_from_db()
    assert refused.value.code == "exceeds_issued" and order.status == "issued"


def test_returning_more_than_received_is_refused_and_stock_is_unchanged(sandbags, users):
    order, line = sandbags
    commander = users["commander"]
    order = fire(MATERIAL_FLOW, order, "dispatch", actor=commander)
    order = fire(MATERIAL_FLOW, order, "receive", actor=commander, data={"received": {line.pk: "450"}})
    free = _free(line.depot, line.material)
    with pytest.raises(DomainError) as refused:
        fire(MATERIAL_FLOW, order, "close", actor=commander, data={"returned": {line.pk: "451"}})
    order.refresh_from_db()
    assert refused.value.code == "exceeds_received" and order.status == "received"
    assert _free(line.depot, line.material) == free


def test_every_material_step_is_stamped(sandbags, users):
    order, _line = sandbags
    for minutes, event in enumerate(("dispatch", "receive", "close"), start=1):
        order = fire(MATERIAL_FLOW, order, event, actor=users["commander"], data=at(minutes * 15))
    assert order.status == "closed" and set(order.times) == {"reserved", "issued", "received", "closed"}
    assert order.times["received"] == (NOW + timedelta(minutes=30)).isoformat()


@pytest.mark.parametrize(("done", "event"), [((), "receive"), ((), "close"), (("dispatch",), "cancel"),
                                             (("cancel",), "dispatch")])
def test_invalid_material_steps_are_refused(sandbags, users, done, event):
    order, _line = sandbags
    for step in done:
        order = fire(MATERIAL_FLOW, order, step, actor=users["commander"])
    with pytest.raises(DomainError) as refused:
        fire(MATERIAL_FLOW, order, event, actor=users["commander"])
    assert refused.value.code == "invalid_transition"


def test_an_order_for_a_material_the_depot_does_not_hold_is_refused(flood, users):
    material = Material.objects.create(code="1999998", name="演示无库存物资", gb_code="1999998", use="living",
                                       unit="件", region=flood.region.parent or flood.region)
    depot = Depot.objects.get(code="DEP-F02")
    with pytest.raises(DomainError) as refused:
        dispatch.order_materials(actor=users["commander"], incident=flood, lines=[(depot, material, 1)], now=NOW)
    assert refused.value.code == "insufficient_stock" and not MaterialOrder.objects.filter(incident=flood).exists()


def test_an_order_with_no_lines_is_refused(flood, users):
    with pytest.raises(DomainError) as refused:
        dispatch.order_materials(actor=users["commander"], incident=flood, lines=[], now=NOW)
    assert refused.value.code == "no_lines"


# Activation and level changes.

def test_a_draft_version_cannot_be_activated(flood, users, flood_plan):
    draft = PlanVersion.objects.create(plan=flood_plan.plan, number=flood_plan.number + 1, content=flood_plan.content)
    with pytest.raises(DomainError) as refused:
        run_activate(actor=users["commander"], incident=flood, version=draft, level="response_4", now=NOW)
    assert refused.value.code == "version_not_published" and not Response.objects.filter(incident=flood).exists()


def test_a_level_the_plan_does_not_define_is_refused(flood, users, flood_plan):
    with pytest.raises(DomainError) as refused:
        run_activate(actor=users["commander"], incident=flood, version=flood_plan, level="response_9", now=NOW)
    assert refused.value.code == "level_not_defined"


def test_raising_needs_the_approver_of_the_target_level(activate, users):
    response = activate()
    with pytest.raises(PermissionDeniedError):
        fire(RESPONSE_FLOW, response, "raise", actor=users["duty"])
    response.refresh_from_db()
    assert response.level == "response_4" and response.tasks.count() == 3


def test_raising_on_a_closed_incident_is_refused(activate, users, flood):
    response = activate()
    flood.status = "closed"
    flood.save()
    with pytest.raises(DomainError) as refused:
        fire(RESPONSE_FLOW, response, "raise", actor=users["commander"])
    assert refused.value.code == "incident_closed"


def test_raise_twice_then_lower_keeps_every_task(activate, users):
    response = activate()
    response = fire(RESPONSE_FLOW, response, "raise", actor=users["commander"],
                    data={**at(30), "reason": "按现场研判调整"})
    response = fire(RESPONSE_FLOW, response, "raise", actor=users["commander"],
                    data={**at(60), "reason": "按现场研判调整"})
    count = response.tasks.count()
    response = fire(RESPONSE_FLOW, response, "lower", actor=users["commander"],
                    data={**at(90), "reason": "按现场研判调整"})
    assert response.level == "response_3" and response.highest_level == "response_2"
    assert response.tasks.count() == count
    raised = response.tasks.filter(level="response_2").first()
    assert raised.deadline == raised.assigned_at + timedelta(minutes=120) and raised.assigned_at == NOW + timedelta(
        minutes=60)


def test_editing_a_published_version_is_refused_in_the_service(users, flood_plan):
    content = {**flood_plan.content, "incident_types": ["1.1.1"]}
    with pytest.raises(DomainError) as refused:
        edit_version(actor=users["commander"], version=flood_plan, content=content)
    flood_plan.refresh_from_db()
    assert refused.value.code == "version_published" and flood_plan.content["incident_types"] == ["1.1"]
