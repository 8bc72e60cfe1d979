"""Assignees hear about their tasks: an outbox consumer turns `plans.task_assigned` into in-app messages for
the organization's user accounts, and an SMS to its contact people (units such as the fire brigade often have
no account here) when the task SMS channel is configured and enabled."""

import os

from django.utils.translation import gettext as _

from yingji.channels.models import Channel, ChannelKind
from yingji.channels.services import Recipient, enqueue
from yingji.core.events import consumer
from yingji.core.models import Person, User
from yingji.core.timefmt import MINUTE, local_text

from .models import Task


@consumer("plans.notify_assignees", kinds=("plans.task_assigned",))
def notify_assignees(event) -> int:
    payload = event.payload
    users = User.objects.filter(organization__code=payload["organization"], is_active=True)
    recipients = [Recipient(name=u.display_name, contacts={"username": u.username, "phone": u.phone},
                            region_code=u.region.code if u.region_id else "") for u in users]
    body = _("%(i)s：%(t)s，完成时限 %(d)s") % {"i": payload.get("incident", ""), "t": payload.get("title", ""),
                                             "d": local_text(payload.get("deadline"), MINUTE)}
    task = Task.objects.filter(uuid=payload["uuid"]).first()
    subject, key = payload.get("title", ""), f"task:{payload['uuid']}"
    written = 0
    for channel in Channel.objects.filter(enabled=True, kind=ChannelKind.IN_APP):
        written += enqueue(channel=channel, recipients=recipients, subject=subject, body=body, key_prefix=key,
                           source=task)
    sms = Channel.objects.filter(code=task_sms_channel_code(), enabled=True).first()
    if sms is not None:
        written += enqueue(channel=sms, recipients=_contact_people(payload["organization"]), subject=subject,
                           body=f"{subject}。{body}", key_prefix=key, source=task)
    return written


def task_sms_channel_code() -> str:
    return os.environ.get("YINGJI_TASK_SMS_CHANNEL", "TASK-SMS")


def _contact_people(organization_code: str) -> list[Recipient]:
    people = Person.objects.filter(organization__code=organization_code).exclude(mobile="").select_related("region")
    return [Recipient(name=p.name, contacts={"phone": p.mobile}, region_code=p.region.code if p.region_id else "")
            for p in people]
