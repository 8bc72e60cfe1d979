"""The unit's 治理方案: an enterprise account starts the rectification of a 重大 hazard (开始整改) with the 五落实
prefilled from the order and may revise them; all five are required, a missing one is refused on its field with
nothing saved. The hazard page's history opens with the report itself and records the plan on the steps that set it."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from yingji.prevention.models import Enterprise, Hazard, HazardCriterion, HazardStep

pytestmark = pytest.mark.django_db

PLAN = {"plan_responsible": "王厂长", "plan_measures": "更换防火堤", "plan_funds": "12.5",
        "plan_contingency": "储罐区泄漏专项预案"}


def _major_ordered(users):
    own = Enterprise.objects.get(code="QY-HX-01")  # the demo `enterprise` account's unit
    deadline = timezone.localdate() + dt.timedelta(days=30)
    return Hazard.objects.create(
        name="液氨储罐区防火堤破损", enterprise=own, region=own.region, grade="major", state="ordered",
        deadline=deadline, criterion=HazardCriterion.objects.get(code="PD-HG-12"), created_by=users["inspector"],
        plan_deadline=deadline, **{**PLAN, "plan_funds": 10})


def _page(client, user, hazard) -> str:
    client.force_login(user)
    return client.get(reverse("registry:prevention-hazards-detail", kwargs={"uuid": hazard.uuid})).content.decode()


def _start(client, user, hazard, **data):
    client.force_login(user)
    return client.post(reverse("prevention:hazard-step", kwargs={"uuid": hazard.uuid, "event": "start"}), data)


def test_the_enterprise_starts_with_its_plan_prefilled_and_revised(client, users):
    hazard = _major_ordered(users)
    page = _page(client, users["enterprise"], hazard)
    assert 'id="step-start-plan_responsible"' in page and 'value="王厂长"' in page
    assert "请核对并提交治理方案（五落实）" in page
    deadline = hazard.deadline.isoformat()
    response = _start(client, users["enterprise"], hazard, **{**PLAN, "plan_funds": "18", "plan_deadline": deadline})
    assert response.status_code == 302
    hazard.refresh_from_db()
    assert hazard.state == "rectifying" and hazard.plan_funds == 18
    step = HazardStep.objects.get(hazard=hazard, event="start")
    assert step.note.startswith("治理方案（五落实）——治理责任人：王厂长") and "治理资金（万元）：18" in step.note


def test_a_plan_without_its_funds_is_refused_on_the_field_and_nothing_saved(client, users):
    hazard = _major_ordered(users)
    response = _start(client, users["enterprise"], hazard, **{**PLAN, "plan_funds": ""},
                      plan_deadline=hazard.deadline.isoformat())
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="step-start-plan_funds_error" data-field="plan_funds"' in page and "尚缺：资金" in page
    assert 'value="王厂长"' in page  # what was typed is kept
    hazard.refresh_from_db()
    assert hazard.state == "ordered" and hazard.plan_funds == 10 and not hazard.steps.exists()


def test_a_general_hazard_starts_without_a_plan(client, users):
    hazard = _major_ordered(users)
    Hazard.objects.filter(pk=hazard.pk).update(grade="general", criterion=None)
    hazard.refresh_from_db()
    assert 'id="step-start-plan_responsible"' not in _page(client, users["enterprise"], hazard)
    assert _start(client, users["enterprise"], hazard).status_code == 302
    assert HazardStep.objects.get(hazard=hazard, event="start").note == ""


def test_the_history_opens_with_the_report(client, users):
    hazard = _major_ordered(users)
    history = _page(client, users["inspector"], hazard).split('class="table table-sm hazard-history"')[1]
    first = history.split("<tr", 2)[2]
    assert first.startswith(' data-event="report"') and "上报" in first and "自查" in first
    assert users["inspector"].display_name in first
