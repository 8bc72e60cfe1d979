"""责令限期整改 and 整改复查: the order moves the task's hazards to 已下达整改 with its deadline and issues the
责令限期整改指令书; its clock turns amber and red; the re-check's 合格 closes the hazards through prevention's
workflow and issues the 整改复查意见书; the public page then says 已整改. Steps out of order are a 400 on the field
and save nothing."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from enf_helpers import body_of, docx_texts, inspected_task, open_task

from yingji.enforcement import orders
from yingji.enforcement.models import IssuedDocument, RectificationOrder
from yingji.prevention.models import Hazard

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _order(api, user, task, **body):
    return api(user).post(f"/api/enforcement/tasks/{task.uuid}/order/", body, format="json")


def _recheck(api, user, order_uuid, **body):
    return api(user).post(f"/api/enforcement/orders/{order_uuid}/recheck/", body, format="json")


def _in(days):
    return (timezone.localdate() + dt.timedelta(days=days)).isoformat()


def test_an_order_puts_the_hazards_under_rectification_and_issues_the_numbered_order(api, users):
    task = inspected_task(api, users["commander"], note="疏散通道堵塞")
    response = _order(api, users["commander"], task, deadline=_in(10), requirements="清理疏散通道")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["state"] == "ordered" and body["clock"] == {"state": "running", "days_left": 10}
    hazard = Hazard.objects.get(code=body["hazards"][0]["code"])
    assert hazard.state == "ordered" and hazard.deadline.isoformat() == _in(10)
    [document] = body["documents"]
    year = timezone.localdate().year
    assert document["kind"] == "order" and document["number"].startswith(f"船应急责改〔{year}〕")
    text = docx_texts(body_of(api(users["commander"]).get(document["download"])))
    assert "责令限期整改指令书" in text and "疏散通道堵塞" in text and "清理疏散通道" in text
    assert task.target.enterprise.name in text


@pytest.mark.parametrize("body, field, code", [
    ({}, "deadline", "date_required"),
    ({"deadline": "tomorrow"}, "deadline", "invalid_date"),
    ({"deadline": "2000-01-01"}, "deadline", "deadline_in_past"),
])
def test_a_bad_deadline_is_a_400_on_deadline_and_saves_nothing(api, users, body, field, code):
    task = inspected_task(api, users["commander"])
    states = list(Hazard.objects.filter(pk__in=task.findings.values("hazard")).values_list("state", flat=True))
    response = _order(api, users["commander"], task, **body)
    assert response.status_code == 400, response.content
    assert response.json()["error"]["code"] == code and field in str(response.json()["error"]["fields"])
    assert not RectificationOrder.objects.filter(task=task).exists()
    assert not IssuedDocument.objects.filter(task=task).exists()
    assert list(Hazard.objects.filter(pk__in=task.findings.values("hazard")).values_list("state", flat=True)) == states


def test_an_order_before_the_inspection_or_twice_is_a_400_on_task(api, users):
    before = _order(api, users["commander"], open_task(), deadline=_in(5))
    assert before.status_code == 400 and before.json()["error"]["code"] == "task_not_inspected"
    task = inspected_task(api, users["commander"])
    assert _order(api, users["commander"], task, deadline=_in(5)).status_code == 201
    again = _order(api, users["commander"], task, deadline=_in(5))
    assert again.status_code == 400 and again.json()["error"]["code"] == "order_exists"
    assert "task" in str(again.json()["error"]["fields"])


def test_the_clock_turns_amber_near_the_deadline_and_red_after_it(api, users):
    task = inspected_task(api, users["commander"])
    order = RectificationOrder.objects.get(uuid=_order(api, users["commander"], task, deadline=_in(10)).json()["uuid"])
    today = timezone.localdate()
    assert orders.clock_of(order, today + dt.timedelta(days=8)).state == "amber"
    late = orders.clock_of(order, today + dt.timedelta(days=12))
    assert late.state == "overdue" and late.text == "逾期 2 天"


def test_a_passed_recheck_closes_the_hazards_issues_the_opinion_and_the_public_page_says_rectified(api, users):
    task = inspected_task(api, users["commander"])
    order_uuid = _order(api, users["commander"], task, deadline=_in(10)).json()["uuid"]
    response = _recheck(api, users["commander"], order_uuid, result="pass", note="已清理")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["state"] == "passed" and body["clock"] is None
    assert all(h["state"] == "closed" for h in body["hazards"])
    hazard = Hazard.objects.get(code=body["hazards"][0]["code"])
    assert hazard.steps.filter(event="close").exists() and hazard.closed_on == timezone.localdate()
    opinion = next(d for d in body["documents"] if d["kind"] == "recheck")
    text = docx_texts(body_of(api(users["commander"]).get(opinion["download"])))
    assert "整改复查意见书" in text and "复查合格" in text and body["documents"][0]["number"] in text
    assert api(users["commander"]).post(f"/api/enforcement/tasks/{task.uuid}/publish/").status_code == 200
    page = Client().get(reverse("enforcement:public")).content.decode()
    assert task.target.name in page and "已整改" in page
    again = _recheck(api, users["commander"], order_uuid, result="pass")
    assert again.status_code == 400 and again.json()["error"]["code"] == "invalid_transition"


def test_a_failed_recheck_keeps_the_hazards_open(api, users):
    task = inspected_task(api, users["commander"])
    order_uuid = _order(api, users["commander"], task, deadline=_in(10)).json()["uuid"]
    body = _recheck(api, users["commander"], order_uuid, result="fail", note="未整改").json()
    assert body["state"] == "failed" and all(h["state"] == "ordered" for h in body["hazards"])
    assert [d["kind"] for d in body["documents"]] == ["order", "recheck"]


@pytest.mark.parametrize("body, field, code", [
    ({"result": "maybe"}, "result", "invalid_result"),
    ({"result": "pass", "rechecked_on": "2000-01-01"}, "rechecked_on", "invalid_date"),
    ({"result": "pass", "rechecked_on": "soon"}, "rechecked_on", "invalid_date"),
])
def test_a_bad_recheck_is_a_400_on_the_field_and_closes_nothing(api, users, body, field, code):
    task = inspected_task(api, users["commander"])
    order_uuid = _order(api, users["commander"], task, deadline=_in(10)).json()["uuid"]
    response = _recheck(api, users["commander"], order_uuid, **body)
    assert response.status_code == 400, response.content
    assert response.json()["error"]["code"] == code and field in str(response.json()["error"]["fields"])
    order = RectificationOrder.objects.get(uuid=order_uuid)
    assert order.state == "ordered" and order.hazards().filter(state="closed").count() == 0


def test_the_task_page_orders_and_the_hazard_page_links_to_the_recheck(api, users):
    task = inspected_task(api, users["commander"])
    client = Client()
    client.force_login(users["commander"])
    detail = client.get(reverse("registry:enforcement-tasks-detail", kwargs={"uuid": task.uuid})).content.decode()
    assert 'id="order-form"' in detail and "下达责令限期整改指令书" in detail
    response = client.post(reverse("enforcement:task-order", kwargs={"uuid": task.uuid}), {"deadline": _in(3)})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert 'data-clock="amber"' in page and "责令限期整改指令书" in page and 'id="recheck-form"' in page
    hazard = RectificationOrder.objects.get(task=task).hazards().first()
    hazard_page = client.get(reverse("registry:prevention-hazards-detail", kwargs={"uuid": hazard.uuid}))
    assert response["Location"] in hazard_page.content.decode()
    bad = client.post(response["Location"], {"result": "pass", "rechecked_on": "2000-01-01"})
    assert bad.status_code == 400 and 'data-code="invalid_date"' in bad.content.decode()
    done = client.post(response["Location"], {"result": "pass"})
    assert done.status_code == 302
    assert 'data-state="passed"' in client.get(response["Location"]).content.decode()
