"""The task workflow: acknowledgement, progress, blocked with a reason, overdue, "my tasks"."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from yingji.core.errors import DomainError, PermissionDeniedError
from yingji.incidents.models import TimelineEntry
from yingji.plans import tasks
from yingji.plans.workflows import TASK_FLOW, fire

from .conftest import NOW


@pytest.fixture
def township_task(activate):
    return activate().tasks.get(template_key="fx4-township")


def test_the_township_sees_and_works_its_task_to_done(township_task, laochi_admin):
    assert list(tasks.my_tasks(laochi_admin)) == [township_task]
    for event, minutes in (("accept", 5), ("start", 10), ("complete", 80)):
        township_task = fire(TASK_FLOW, township_task, event, actor=laochi_admin,
                             data={"now": NOW + timedelta(minutes=minutes)})
    assert township_task.status == "done" and township_task.acknowledged_at == NOW + timedelta(minutes=5)
    assert township_task.timeliness(NOW + timedelta(days=1)) == "on_time"
    assert not tasks.my_tasks(laochi_admin).exists()
    titles = TimelineEntry.objects.filter(incident=township_task.incident).values_list("title", flat=True)
    assert any("完成任务" in t for t in titles)


def test_a_blocked_task_needs_a_reason(township_task, laochi_admin):
    fire(TASK_FLOW, township_task, "accept", actor=laochi_admin)
    with pytest.raises(DomainError) as error:
        fire(TASK_FLOW, township_task, "block", actor=laochi_admin, data={"reason": " "})
    assert error.value.code == "reason_required"
    task = fire(TASK_FLOW, township_task, "block", actor=laochi_admin, data={"reason": "道路中断，无法进入"})
    assert task.status == "blocked" and task.blocked_reason == "道路中断，无法进入"


def test_invalid_task_transitions_are_refused(township_task, laochi_admin):
    with pytest.raises(DomainError) as error:
        fire(TASK_FLOW, township_task, "complete", actor=laochi_admin)
    assert error.value.code == "invalid_transition"
    township_task.refresh_from_db()
    assert township_task.status == "pending"


def test_others_cannot_work_a_task_that_is_not_theirs(township_task, users):
    with pytest.raises(PermissionDeniedError) as error:
        fire(TASK_FLOW, township_task, "accept", actor=users["liaison-water"])
    assert error.value.code == "not_your_task"


def test_overdue_and_late_completion_are_tracked(township_task, users):
    assert township_task.is_overdue(NOW + timedelta(minutes=91))
    commander = users["commander"]
    for event in ("accept", "start", "complete"):
        township_task = fire(TASK_FLOW, township_task, event, actor=commander,
                             data={"now": NOW + timedelta(minutes=120)})
    facts = tasks.timeliness(township_task.incident, now=NOW + timedelta(hours=3))
    assert facts["counts"]["late"] == 1 and facts["counts"]["overdue"] == 2


def test_updates_with_attachments_land_on_the_timeline(township_task, laochi_admin):
    photo = SimpleUploadedFile("现场.jpg", b"\xff\xd8\xff" + b"0" * 100, content_type="image/jpeg")
    entry = tasks.post_update(township_task, actor=laochi_admin, body="已转移 32 人", attachment=photo)
    assert entry.kind == "attachment" and "已转移 32 人" in entry.body and entry.attachment
    with pytest.raises(DomainError):
        tasks.post_update(township_task, actor=laochi_admin, body="  ")
