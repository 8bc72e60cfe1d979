"""Activation tells every assignee through the outbox: the task shows in their "my tasks" and an in-app
message is queued for each user of the assignee organization."""

import pytest

from yingji.channels.models import Message
from yingji.core.events import dispatch_pending
from yingji.core.models import User

from .conftest import NOW


@pytest.mark.django_db
def test_the_township_hears_of_its_new_task_and_sees_it_in_my_tasks(activate, laochi_admin, client):
    response = activate()
    task = response.tasks.get(template_key="fx4-township")
    assert not Message.objects.filter(address=laochi_admin.username).exists()  # nothing before the outbox runs
    dispatch_pending(now=NOW)
    notices = Message.objects.filter(address=laochi_admin.username, channel__kind="in_app")
    assert notices.count() == 1
    notice = notices.get()
    assert task.title in notice.subject and response.incident.name in notice.body and notice.source_id == str(task.uuid)
    dispatch_pending(now=NOW)
    assert notices.count() == 1  # delivered once, whatever the retries
    client.force_login(laochi_admin)
    page = client.get("/plans/tasks/mine/").content.decode()
    assert task.title in page and 'id="inbox"' in page and notice.subject in page
    rescue = response.tasks.get(template_key="fx4-rescue")
    assert rescue.title not in page  # another organization's task is not in the township's list


@pytest.mark.django_db
def test_every_assignee_organization_gets_its_own_notice(activate, users):
    response = activate()
    dispatch_pending(now=NOW)
    reached = 0
    for task in response.tasks.select_related("organization"):
        people = set(User.objects.filter(organization=task.organization, is_active=True).values_list("username",
                                                                                                   flat=True))
        got = set(Message.objects.filter(source_id=str(task.uuid)).values_list("address", flat=True))
        assert got == people
        reached += len(got)
    assert reached >= 2  # the 老池镇 account and the 应急管理局 users of the coordination task
