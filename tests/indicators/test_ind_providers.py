"""The providers of 2.1, 2.2 (incidents), 3.5 (plans) and 3.7 (enforcement) on fixed data (3.1 and 3.2, from the
people registry: test_ind_staff.py)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from yingji.core.models import Region, RegionLevel
from yingji.incidents.choices import IncidentStatus
from yingji.incidents.indicators import yearly
from yingji.incidents.models import Incident
from yingji.incidents.services import create_incident
from yingji.indicators.catalogue import BY_CODE
from yingji.indicators.status import evaluate

pytestmark = pytest.mark.django_db


def _row(code, user):
    return evaluate(BY_CODE[code], user)


def _disaster(actor, region, name, type_code="1.4.2", **counts):
    now = timezone.now()
    incident = create_incident(actor=actor, now=now, data={
        "type_code": type_code, "occurred_at": now - timedelta(minutes=10), "lon": region.lon, "lat": region.lat,
        "statement": name, "name": name})
    Incident.objects.filter(pk=incident.pk).update(**counts)
    return incident


def _population(user):
    from yingji.core.scoping import scope_to_user

    return sum(scope_to_user(Region.objects.filter(level=RegionLevel.TOWNSHIP), user).values_list(
        "population", flat=True))


def test_disaster_deaths_and_affected_per_population_count_natural_disasters_of_the_year_in_reach(users, regions):
    officer = users["township-guihua"]
    before_21, before_22 = _row("2.1", officer)["value"], _row("2.2", officer)["value"]
    population = _population(officer)
    assert population == regions["guihua"].population > 0
    _disaster(users["duty"], regions["guihua"], "桂花镇滑坡", dead=2, missing=1, affected=300)
    _disaster(users["duty"], regions["longfeng"], "龙凤镇滑坡", dead=5, affected=900)  # not the officer's
    accident = _disaster(users["duty"], regions["guihua"], "桂花镇工贸事故", type_code="2.1", dead=4)  # not natural
    false = _disaster(users["duty"], regions["guihua"], "桂花镇误报", dead=9, affected=99)
    Incident.objects.filter(pk=false.pk).update(status=IncidentStatus.FALSE_ALARM)
    assert accident.type_code == "2.1"
    deaths, affected = _row("2.1", officer), _row("2.2", officer)
    years = len(yearly(officer))  # the 年均: every year from the earliest recorded to this one
    assert deaths["value"] == pytest.approx(before_21 + round(3 * 1_000_000 / population / years, 2), abs=0.011)
    assert affected["value"] == pytest.approx(before_22 + round(300 * 100_000 / population / years, 2), abs=0.011)
    assert deaths["status"] == "not_met" and deaths["url"].startswith("/incidents/")  # 3 deaths: above 1 per million
    assert "自然灾害" in deaths["formula"]


def test_plan_making_and_drill_rates_take_the_lower_and_need_each_townships_plan(users, regions):
    from yingji.plans.indicators import figures
    from yingji.plans.models import Plan

    officer = users["township-guihua"]
    assert _row("3.5", officer)["value"] == 0 and _row("3.5", officer)["status"] == "not_met"  # no township plan
    plan = Plan(name="桂花镇突发事件应急预案", code="YA-GH-1", plan_type="township", region=regions["guihua"],
                organization=users["township-guihua"].organization, issued_on=timezone.localdate())
    plan.full_clean()
    plan.save()
    mine = figures(officer)
    assert (mine["required"], mine["made"], mine["made_rate"]) == (1, 1, 100.0)
    assert mine["drill_rate"] is None  # a township plan has no statutory drill cycle
    assert _row("3.5", officer)["value"] == 100 and _row("3.5", officer)["status"] == "met"
    district = figures(users["commander"])
    assert district["required"] == Region.objects.filter(level__in=(RegionLevel.DISTRICT, RegionLevel.TOWNSHIP)).count()
    overdue = Plan.objects.filter(plan_type="special").first()
    Plan.objects.filter(pk=overdue.pk).update(next_drill_due=timezone.localdate() - timedelta(days=1))
    after = figures(users["commander"])
    assert after["drilled"] == district["drilled"] - (1 if overdue.next_drill_due >= timezone.localdate() else 0)
    assert _row("3.5", users["commander"])["value"] == min(after["made_rate"], after["drill_rate"])


def test_online_handling_rate_counts_tasks_done_with_their_results_entered(users):
    from yingji.enforcement.choices import TaskState
    from yingji.enforcement.models import InspectionTask

    district = users["commander"]
    before = _row("3.7", district)
    done = InspectionTask.objects.filter(state=TaskState.DONE, inspected_on__year=timezone.localdate().year,
                                         findings__isnull=False).distinct()
    assert before["value"] is not None and done.exists()
    task = done.first()
    task.findings.all().delete()  # marked done, but nothing entered online
    after = _row("3.7", district)
    assert after["value"] < before["value"] and after["status"] == "not_met"
    assert _row("3.7", users["township-guihua"])["value"] in (None, *range(0, 101))
