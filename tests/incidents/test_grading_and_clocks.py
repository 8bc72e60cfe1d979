"""Grading by the standards rules, human override, and the reporting clocks run as rows."""

from datetime import timedelta

import pytest

from yingji.core.models import OutboxEvent
from yingji.incidents import clocks, grading
from yingji.incidents.services import create_incident, update_incident
from yingji.standards import configure, reset_config

from .conftest import accident_data

pytestmark = pytest.mark.django_db


def test_accident_is_graded_with_the_rule_that_produced_it(accident):
    assert accident.grade == "grade_4"
    assert "一般事故" in accident.grade_rule


def test_grade_is_recomputed_when_the_figures_change(accident, users, now):
    accident = update_incident(accident, actor=users["duty"], data={"dead": 3}, expected_version=accident.version,
                               now=now)
    assert accident.grade == "grade_3" and "死亡3人" in accident.grade_rule
    titles = list(accident.timeline.filter(kind="grade").values_list("title", flat=True))
    assert titles[-1] == "初判等级：较大"
    # 较大 reaches the province within 2 steps of 2 hours, and 3 dead triggers the 30-minute fast report
    slugs = set(accident.clocks.values_list("slug", flat=True))
    assert {"sa_escalate_province", "sa_fast_report"} <= slugs


def test_human_override_keeps_its_reason_and_survives_recomputation(accident, users, now):
    accident = grading.override(accident, actor=users["commander"], grade="grade_3", reason="社会影响较大", now=now)
    accident = update_incident(accident, actor=users["duty"], data={"injured": 4}, now=now)
    assert accident.grade == "grade_3" and accident.grade_overridden
    assert accident.grade_override_reason == "社会影响较大" and accident.grade_auto == "grade_4"


def test_override_needs_a_reason_and_the_right(accident, users):
    from yingji.core.errors import DomainError, PermissionDeniedError

    with pytest.raises(DomainError) as error:
        grading.override(accident, actor=users["commander"], grade="grade_3", reason=" ")
    assert error.value.code == "reason_required"
    with pytest.raises(PermissionDeniedError):
        grading.override(accident, actor=users["township-longfeng"], grade="grade_3", reason="x")


def test_social_security_events_have_no_grade(users, now):
    from yingji.core.errors import DomainError

    incident = create_incident(actor=users["duty"], now=now, data=accident_data(type_code="4.2", dead=0))
    assert incident.grade is None and incident.grade_rule == "社会安全事件无法定分级"
    assert not incident.clocks.exists()
    with pytest.raises(DomainError) as error:
        grading.override(incident, actor=users["commander"], grade="grade_4", reason="试试")
    assert error.value.code == "no_statutory_grade"


def test_safety_accident_clocks_know_their_level_and_the_unit_report_is_met_at_intake(accident):
    rows = {c.slug: c for c in accident.clocks.all()}
    assert rows["sa_unit_report"].met_at == accident.received_at
    city = rows["sa_escalate_city"]
    assert city.report_to == "设区的市级应急管理部门"
    assert city.due_at == accident.received_at + timedelta(hours=2)
    assert not rows["sa_supplement_short"].required  # a 补报 window does not block closing


def test_clocks_turn_amber_then_red_and_raise_one_overdue_event(landslide, now):
    initial = landslide.clocks.get(slug="nd_initial_report")
    assert initial.due_at == landslide.occurred_at + timedelta(hours=2)
    assert initial.state(now) == "running"
    amber_time = initial.due_at - timedelta(minutes=20)
    assert initial.state(amber_time) == "amber"
    assert clocks.sweep(now=amber_time)["amber"] >= 1
    late = initial.due_at + timedelta(minutes=1)
    assert clocks.sweep(now=late)["overdue"] >= 1
    assert clocks.sweep(now=late + timedelta(minutes=5))["overdue"] == 0  # once only
    events = OutboxEvent.objects.filter(kind="incident.deadline_overdue", aggregate_id=str(landslide.uuid))
    assert events.count() == 1 and events.get().payload["clock"] == "nd_initial_report"
    initial.refresh_from_db()
    assert initial.state(late) == "overdue"
    assert landslide.timeline.filter(kind="clock", title__contains="报送超时").exists()


def test_deadline_values_are_configurable(users, now):
    configure(nd_initial_report_hours=1)
    try:
        incident = create_incident(actor=users["duty"], now=now, data=accident_data(type_code="1.4.2", dead=0))
        assert incident.clocks.get(slug="nd_initial_report").due_at == incident.occurred_at + timedelta(hours=1)
    finally:
        reset_config()


def test_waiving_a_clock_needs_a_reason_and_is_kept_on_the_timeline(landslide, users, now):
    from yingji.core.errors import DomainError

    clock = landslide.clocks.get(slug="nd_daily_report")
    with pytest.raises(DomainError):
        clocks.waive(clock, actor=users["duty"], reason="")
    clocks.waive(clock, actor=users["duty"], reason="险情已排除，不再续报", now=now)
    clock.refresh_from_db()
    assert clock.state() == "waived" and clock.waived_by == users["duty"]
    assert landslide.timeline.filter(kind="clock", body="险情已排除，不再续报").exists()


def test_check_clocks_command_runs(capsys):
    from django.core.management import call_command

    call_command("check_clocks")
    assert "即将到期" in capsys.readouterr().out
