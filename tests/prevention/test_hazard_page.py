"""The hazard page: its state, clock and history, a button (and small form) for exactly the steps the user may take,
each refused form with its error next to the field and the input kept, nothing half-saved."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from yingji.prevention.models import Enterprise, Hazard, HazardStep

pytestmark = pytest.mark.django_db


def _hazard(**fields):
    own = Enterprise.objects.get(code="QY-HX-01")  # the demo enterprise account's, in its township
    return Hazard.objects.create(name="储罐区防火堤破损", enterprise=own, region=own.region, **fields)


def _page(client, user, hazard):
    client.force_login(user)
    response = client.get(reverse("registry:prevention-hazards-detail", kwargs={"uuid": hazard.uuid}))
    assert response.status_code == 200
    return response.content.decode()


def _buttons(page) -> list[str]:
    return re.findall(r'id="step-(\w+)-button"', page)


def _post(client, user, hazard, event, **data):
    client.force_login(user)
    return client.post(reverse("prevention:hazard-step", kwargs={"uuid": hazard.uuid, "event": event}), data)


def _township_officer(hazard, users):
    return next(u for u in users.values()
                if u.role == "township_admin" and hazard.region.path.startswith(u.region.path))


def test_each_user_sees_exactly_the_steps_they_may_take(client, users):
    reported = _hazard()
    officer = _township_officer(reported, users)
    assert _buttons(_page(client, officer, reported)) == ["verify", "return"]
    assert _buttons(_page(client, users["inspector"], reported)) == ["verify", "return"]
    page = _page(client, users["enterprise"], reported)
    assert _buttons(page) == [] and 'id="hazard-no-steps"' in page
    ordered = _hazard(state="ordered", deadline=timezone.localdate() + dt.timedelta(days=20))
    assert _buttons(_page(client, users["enterprise"], ordered)) == ["start"]
    assert _buttons(_page(client, users["observer"], ordered)) == []
    rechecked = _hazard(state="rechecked", deadline=timezone.localdate() + dt.timedelta(days=20))
    page = _page(client, users["commander"], rechecked)
    assert _buttons(page) == ["return", "close"]
    assert re.search(r'id="step-close"[^>]*data-confirm="确定销号', page), "销号 asks for confirmation"


def test_a_step_from_the_page_moves_the_hazard_and_shows_in_its_history(client, users):
    hazard = _hazard()
    officer = _township_officer(hazard, users)
    response = _post(client, officer, hazard, "verify")
    assert response.status_code == 302
    hazard.refresh_from_db()
    assert hazard.state == "verified"
    deadline = (timezone.localdate() + dt.timedelta(days=30)).isoformat()
    assert _post(client, officer, hazard, "order", deadline=deadline).status_code == 302
    page = _page(client, officer, hazard)
    assert 'id="hazard-state" data-state="ordered"' in page
    history = page.split('class="table table-sm hazard-history"')[1]
    assert 'data-event="verify"' in history and 'data-event="order"' in history
    assert officer.display_name in history
    assert _buttons(page) == ["start"]  # township officers hold every prevention right


def test_return_needs_a_reason_shown_next_to_its_field(client, users):
    hazard = _hazard()
    response = _post(client, users["inspector"], hazard, "return", reason="  ")
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="step-return-reason_error" data-field="reason">' in page and "退回须填写理由" in page
    assert 'name="reason" id="step-return-reason" rows="2" class="form-control form-control-sm mb-1 is-invalid"' in page
    hazard.refresh_from_db()
    assert hazard.state == "reported" and not HazardStep.objects.filter(hazard=hazard).exists()


def test_order_refuses_a_past_deadline_on_its_field_and_keeps_the_input(client, users):
    hazard = _hazard(state="verified")
    past = (timezone.localdate() - dt.timedelta(days=2)).isoformat()
    response = _post(client, users["inspector"], hazard, "order", deadline=past)
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="step-order-deadline_error" data-field="deadline">' in page and "整改期限不能早于今天" in page
    assert f'value="{past}"' in page
    hazard.refresh_from_db()
    assert (hazard.state, hazard.deadline) == ("verified", None)


def test_a_major_hazard_order_form_has_the_five_implementations_prefilled(client, users):
    hazard = _hazard(state="verified", grade="major", plan_responsible="王厂长", plan_measures="更换防火堤")
    page = _page(client, users["inspector"], hazard)
    form = page.split('id="step-order"')[1].split("</form>")[0]
    for name in ("plan_responsible", "plan_measures", "plan_funds", "plan_deadline", "plan_contingency"):
        assert f'name="{name}"' in form
    assert 'value="王厂长"' in form and ">更换防火堤</textarea>" in form
    deadline = (timezone.localdate() + dt.timedelta(days=30)).isoformat()
    response = _post(client, users["inspector"], hazard, "order", deadline=deadline, plan_responsible="王厂长",
                     plan_measures="更换防火堤", plan_funds="", plan_deadline=deadline, plan_contingency="专项预案")
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="step-order-plan_funds_error" data-field="plan_funds">' in page
    assert 'value="王厂长"' in page and f'value="{deadline}"' in page and ">专项预案</textarea>" in page
    hazard.refresh_from_db()
    assert (hazard.state, hazard.deadline, hazard.plan_contingency) == ("verified", None, "")
    response = _post(client, users["inspector"], hazard, "order", deadline=deadline, plan_responsible="王厂长",
                     plan_measures="更换防火堤", plan_funds="8", plan_deadline=deadline, plan_contingency="专项预案")
    hazard.refresh_from_db()
    assert response.status_code == 302 and hazard.state == "ordered" and hazard.plan_contingency == "专项预案"


def test_a_step_the_user_may_not_take_is_refused_and_another_townships_hazard_is_404(client, users):
    hazard = _hazard()
    response = _post(client, users["enterprise"], hazard, "verify")
    assert response.status_code == 403 and "您没有权限执行" in response.content.decode()
    hazard.refresh_from_db()
    assert hazard.state == "reported"
    other = next(u for u in users.values() if u.role == "township_admin" and u != _township_officer(hazard, users))
    assert _post(client, other, hazard, "verify").status_code == 404
    assert _post(client, users["inspector"], hazard, "fly").status_code == 404
