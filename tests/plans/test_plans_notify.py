"""Activation tells every assignee through the outbox: the task shows in their "my tasks" and an in-app
message is queued for each user of the assignee organization."""

import pytest

from yingji.channels.models import Channel, Message
from yingji.core.events import dispatch_pending
from yingji.core.models import User

from .conftest import NOW


@pytest.mark.django_db
def test_the_township_hears_of_its_new_task_and_sees_it_in_my_tasks(activate, laochi_admin, client):
    response = activate()
    task = response.tasks.get(template_key="fx4-township")
    assert not Message.objects.filter(address=laochi_admin.username).exists()  # nothing before the outbox runs
    dispatch_pending(now=NOW)
    # (the demo's own pending events, e.g. a drill's, tell the township other things in the same pass)
    notices = Message.objects.filter(address=laochi_admin.username, channel__kind="in_app", source_id=str(task.uuid))
    assert notices.count() == 1
    notice = notices.get()
    assert task.title in notice.subject and response.incident.name in notice.body
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


@pytest.mark.django_db
def test_units_without_accounts_hear_of_their_task_by_sms(activate, http_sink):
    """The 抢险救援组's lead unit (the fire brigade) has no user account here: its contact people get an SMS
    once the task SMS channel is set up, through the real channel adapter."""
    from yingji.channels.services import deliver_pending
    from yingji.core.models import Person
    from yingji.plans.notify import task_sms_channel_code

    Channel.objects.filter(code=task_sms_channel_code()).update(enabled=True, config={"url": f"{http_sink.url}/sms"})
    response = activate()
    rescue = response.tasks.select_related("organization").get(template_key="fx4-rescue")
    dispatch_pending(now=NOW)
    deliver_pending(now=NOW)
    phones = set(Person.objects.filter(organization=rescue.organization).exclude(mobile="")
                 .values_list("mobile", flat=True))
    texts = {str(r["json"]) for r in http_sink.requests}
    assert phones and all(any(phone in text and rescue.title in text for text in texts) for phone in phones)


@pytest.mark.django_db
def test_no_sms_while_the_task_sms_channel_is_off(activate):
    activate()
    dispatch_pending(now=NOW)
    assert not Message.objects.filter(channel__kind="sms_http").exists()
