"""我的检查任务: the month calendar of inspection tasks (planned day, or the inspection day once done); an inspector
sees only the tasks they are on; a bad month is a 400 naming it."""

import pytest
from django.test import Client
from django.urls import reverse

from yingji.enforcement.models import InspectionTask

pytestmark = pytest.mark.django_db


def _page(user, **query):
    client = Client()
    client.force_login(user)
    return client.get(reverse("enforcement:my-calendar"), query)


def test_the_calendar_shows_each_inspection_on_its_day(users):
    task = InspectionTask.objects.filter(is_demo=True, state="done").order_by("-inspected_on").first()
    response = _page(users["commander"], month=f"{task.inspected_on:%Y-%m}")
    text = response.content.decode()
    cell = text.split(f'data-day="{task.inspected_on:%Y-%m-%d}"', 1)[1].split("</td>", 1)[0]
    assert response.status_code == 200 and task.target.name in cell and 'data-state="done"' in cell


def test_an_inspector_sees_only_their_own_tasks_and_a_bad_month_is_a_400(users):
    inspector = users["inspector"]
    own = InspectionTask.objects.filter(lead_inspector__user=inspector) | InspectionTask.objects.filter(
        second_inspector__user=inspector)
    others = InspectionTask.objects.filter(state="assigned", due_on__isnull=True).exclude(pk__in=own.values("pk"))
    text = _page(inspector).content.decode()
    undated = text.split('id="undated-tasks"', 1)[1]
    assert all(t.code not in undated for t in others[:20])
    bad = _page(users["commander"], month="2026-13")
    assert bad.status_code == 400 and 'data-code="invalid_month"' in bad.content.decode()
