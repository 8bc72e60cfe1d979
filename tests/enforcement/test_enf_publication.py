"""一公开 within 20 working days (STANDARDS §11): an inspected 双随机 result waits for 审核公示 with a clock (running /
amber / overdue), in the to-do inbox and on the 抽查结果公示 page; the public page shows the result only once
published; E.6 counts the results published on time; publishing twice or before the inspection is a 400 on `tasks`."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from enf_helpers import inspected_task, open_task

from yingji.core import extensions as ext
from yingji.enforcement import indicators, publication
from yingji.enforcement.models import InspectionTask
from yingji.enforcement.rights import working_days_after

pytestmark = pytest.mark.django_db


def _public_row(task) -> str:
    page = Client().get(reverse("enforcement:public")).content.decode()
    return next(row for row in page.split("<tr>") if task.target.name in row and task.draw.code in row)


def test_an_inspected_result_is_public_only_once_published_within_its_clock(api, users):
    boss = users["commander"]
    task = inspected_task(api, boss)
    today = timezone.localdate()
    clock = publication.clock(task)
    assert clock.deadline == working_days_after(today, 20) and clock.state == "running"
    assert publication.clock(task, clock.deadline - dt.timedelta(days=1)).state == "amber"
    assert publication.clock(task, clock.deadline + dt.timedelta(days=1)).state == "overdue"
    row = _public_row(task)
    assert "待公示" in row and "发现问题" not in row
    listed = api(boss).get("/api/enforcement/publication/").json()
    assert any(r["code"] == task.code and r["clock"] == "running" for r in listed)
    response = api(boss).post(f"/api/enforcement/tasks/{task.uuid}/publish/", format="json")
    assert response.status_code == 200 and response.json()["published_on"] == f"{today:%Y-%m-%d}"
    assert response.json()["clock"] is None
    assert "发现问题 1 项" in _public_row(task)
    again = api(boss).post(f"/api/enforcement/tasks/{task.uuid}/publish/", format="json")
    assert again.status_code == 400 and again.json()["error"]["code"] == "already_published"
    assert "tasks" in str(again.json()["error"]["fields"])


def test_a_result_cannot_be_published_before_the_inspection_nor_by_an_inspector(api, users):
    task = open_task()
    early = api(users["commander"]).post(f"/api/enforcement/tasks/{task.uuid}/publish/", format="json")
    assert early.status_code == 400 and early.json()["error"]["code"] == "task_not_inspected"
    assert InspectionTask.objects.get(pk=task.pk).published_on is None
    done = inspected_task(api, users["commander"])
    assert api(users["inspector"]).post(f"/api/enforcement/tasks/{done.uuid}/publish/",
                                        format="json").status_code == 403


def test_an_overdue_result_is_flagged_in_the_inbox_the_page_and_e6(api, users):
    boss = users["commander"]
    task = inspected_task(api, boss)
    before = indicators.publication_rate(boss)
    InspectionTask.objects.filter(pk=task.pk).update(inspected_on=timezone.localdate() - dt.timedelta(days=40))
    late = indicators.publication_rate(boss)
    assert late["denominator"] == before["denominator"] + 1 and late["numerator"] == before["numerator"]
    inbox = dict((p.key, items) for p, items in ext.todo_items(boss))
    assert any(task.target.name in str(i.title) for i in inbox["enforcement.publication"])
    client = Client()
    client.force_login(boss)
    page = client.get(reverse("enforcement:publication")).content.decode()
    assert f'data-task="{task.code}" data-clock="overdue"' in page and 'id="publication-overdue"' in page
    assert client.post(reverse("enforcement:publication"), {"task": [str(task.uuid)]}).status_code == 302
    assert InspectionTask.objects.get(pk=task.pk).published_on == timezone.localdate()
    after = indicators.publication_rate(boss)
    assert after["denominator"] == late["denominator"] and after["numerator"] == late["numerator"]  # published late
    nothing = client.post(reverse("enforcement:publication"), {"task": ["not-a-uuid"]})
    assert nothing.status_code == 400 and 'data-code="tasks_required"' in nothing.content.decode()
