"""Suggesting a plan, activating a level, raising, lowering and ending it; what a user notices."""

from datetime import timedelta

import pytest

from yingji.core.errors import DomainError, PermissionDeniedError
from yingji.core.models import OutboxEvent
from yingji.incidents.models import TimelineEntry
from yingji.plans.models import Response, Task
from yingji.plans.suggest import suggest
from yingji.plans.workflows import RESPONSE_FLOW, fire

from .conftest import NOW


def test_a_flood_suggests_the_flood_plan_with_its_reason(flood):
    found = {s["plan_code"]: s for s in suggest(flood)}
    assert found["YA-FX"]["level"] == "response_4"
    assert any("被困" in reason for reason in found["YA-FX"]["reasons"])
    assert "YA-SL" not in found  # the forest-fire plan does not cover floods


def test_heavier_rain_suggests_a_higher_level(flood):
    found = {s["plan_code"]: s for s in suggest(flood, {"rainfall_mm": 120})}
    assert found["YA-FX"]["level"] == "response_3"
    assert any("降雨" in reason and "120" in reason for reason in found["YA-FX"]["reasons"])


def test_activation_forms_command_and_tasks_with_deadlines_in_one_go(activate, flood):
    response = activate()
    roles = list(response.posts.values_list("role", flat=True))
    assert roles[:2] == ["指挥长", "副指挥长"] and "抢险救援组" in roles
    assert response.posts.get(role="指挥长").person.title == "分管负责人"
    tasks = {t.template_key: t for t in response.tasks.all()}
    assert set(tasks) == {"fx4-watch", "fx4-rescue", "fx4-township"}
    assert tasks["fx4-rescue"].group == "抢险救援组" and tasks["fx4-rescue"].organization.code == "ORG-FIRE"
    assert tasks["fx4-township"].organization.name.endswith("老池镇人民政府")
    assert tasks["fx4-watch"].deadline == NOW + timedelta(minutes=60)
    assert OutboxEvent.objects.filter(kind="plans.task_assigned").count() >= 3
    flood.refresh_from_db()
    assert flood.status == "responding"
    assert TimelineEntry.objects.filter(incident=flood, title__contains="启动应急响应").exists()


def test_raising_adds_the_next_level_tasks_and_keeps_the_others(activate, users):
    response = activate()
    first = set(response.tasks.values_list("pk", flat=True))
    response = fire(RESPONSE_FLOW, response, "raise", actor=users["commander"], data={"now": NOW, "reason": "雨势加大"})
    assert response.level == "response_3" and response.highest_level == "response_3"
    keys = set(response.tasks.values_list("template_key", flat=True))
    assert {"fx3-pumps", "fx3-shelter", "fx3-traffic"} <= keys and first <= set(response.tasks.values_list("pk",
                                                                                                        flat=True))
    assert TimelineEntry.objects.filter(incident=response.incident, title__contains="提升响应级别").exists()


def test_lower_and_end_are_recorded(activate, users):
    response = fire(RESPONSE_FLOW, activate("response_3"), "lower", actor=users["commander"],
                    data={"now": NOW, "reason": "雨势减弱"})
    assert response.level == "response_4" and response.tasks.count() == 7  # tasks are kept
    response = fire(RESPONSE_FLOW, response, "end", actor=users["commander"], data={"now": NOW, "reason": "险情解除"})
    assert response.level == "ended" and response.ended_at == NOW
    titles = list(TimelineEntry.objects.filter(incident=response.incident).values_list("title", flat=True))
    assert any("降低响应级别" in t for t in titles) and any("终止响应" in t for t in titles)


def test_a_level_the_user_may_not_approve_is_refused_and_nothing_changes(activate, users, flood):
    with pytest.raises(PermissionDeniedError) as error:
        activate(actor=users["duty"])
    assert error.value.code == "approver_required" and "指挥长" in error.value.message
    assert not Response.objects.filter(incident=flood).exists() and not Task.objects.filter(incident=flood).exists()


def test_people_without_the_permission_cannot_activate(activate, users):
    with pytest.raises(PermissionDeniedError):
        activate(actor=users["liaison-water"])


def test_activating_on_a_closed_incident_is_refused(activate, flood):
    flood.status = "closed"
    flood.save()
    with pytest.raises(DomainError) as error:
        activate()
    assert error.value.code == "incident_closed" and "已结束" in error.value.message
    assert not Response.objects.filter(incident=flood).exists()


def test_the_same_plan_cannot_be_activated_twice(activate):
    activate()
    with pytest.raises(DomainError) as error:
        activate()
    assert error.value.code == "already_active"


def test_invalid_level_steps_are_refused(activate, users):
    response = fire(RESPONSE_FLOW, activate(), "end", actor=users["commander"], data={"now": NOW, "reason": "误报"})
    with pytest.raises(DomainError) as error:
        fire(RESPONSE_FLOW, response, "raise", actor=users["commander"])
    assert error.value.code == "invalid_transition"
    with pytest.raises(DomainError):
        fire(RESPONSE_FLOW, activate(), "lower", actor=users["commander"])  # Ⅳ is the lowest
