"""A grid worker's or information officer's patrol pages are kept by the site's service worker (OFFLINE_PAGES scope
/prevention/patrols/): 我的巡查任务 and the patrol page of each of their open tasks, so a task given this morning opens
in a village without a signal although it was never opened; never another worker's task or a finished one, and
nothing for an account with no open patrol task."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from yingji.core.services import save_record
from yingji.prevention.models import PatrolTask
from yingji.prevention.registrations_patrols import PATROL_TASKS

pytestmark = pytest.mark.django_db


def _task(worker, name):
    return save_record(PATROL_TASKS, actor=None, data={
        "name": name, "region": worker.region, "worker_username": worker.username, "starts_on": "2026-01-01",
        "ends_on": "2026-12-31"})


def _kept(client, user):
    client.force_login(user)
    return client.get("/offline/pages/").json()


def test_a_grid_worker_gets_the_patrol_pages_of_their_open_tasks(client, users):
    worker = users["grid-guihua-01"]
    open_task, done_task = _task(worker, "离线巡查：未完成"), _task(worker, "离线巡查：已完成")
    PatrolTask.objects.filter(pk=done_task.pk).update(state="done")
    someone_else = PatrolTask.objects.exclude(worker=worker).first()
    body = _kept(client, worker)
    page = reverse("prevention:patrol", kwargs={"uuid": open_task.uuid})
    assert "/prevention/patrols/" in body["scopes"]
    assert page in body["pages"] and reverse("prevention:my-patrols") in body["pages"]
    assert reverse("prevention:patrol", kwargs={"uuid": done_task.uuid}) not in body["pages"]
    if someone_else is not None:
        assert reverse("prevention:patrol", kwargs={"uuid": someone_else.uuid}) not in body["pages"]
    html = client.get(page).content.decode()
    assert "data-offline-safe" in html  # the page's form queues the report without a network
    assets = re.findall(r'(?:src|href)="(/static/[^"?]+)', html)
    assert [a for a in assets if finders.find(a.removeprefix("/static/")) is None] == []


def test_an_account_with_no_open_patrol_task_gets_no_patrol_pages(client, users):
    body = _kept(client, users["commander"])
    assert "/prevention/patrols/" not in body["scopes"]
    assert not [p for p in body["pages"] if p.startswith("/prevention/")]
