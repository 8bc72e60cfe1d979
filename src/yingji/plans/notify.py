"""Assignees hear about their tasks: an outbox consumer turns `plans.task_assigned` into in-app messages
(and any other enabled channel that reaches them) through yingji.channels."""

from django.utils.translation import gettext as _

from yingji.channels.models import Channel, ChannelKind, Message
from yingji.channels.services import Recipient, enqueue
from yingji.core.events import consumer
from yingji.core.models import User

from .models import Task


@consumer("plans.notify_assignees", kinds=("plans.task_assigned",))
def notify_assignees(event) -> int:
    payload = event.payload
    users = User.objects.filter(organization__code=payload["organization"], is_active=True)
    recipients = [Recipient(name=u.display_name, contacts={"username": u.username, "phone": u.phone},
                            region_code=u.region.code if u.region_id else "") for u in users]
    body = _("%(i)s：%(t)s，完成时限 %(d)s") % {"i": payload.get("incident", ""), "t": payload.get("title", ""),
                                             "d": payload.get("deadline", "")[:16].replace("T", " ")}
    task = Task.objects.filter(uuid=payload["uuid"]).first()
    written = 0
    for channel in Channel.objects.filter(enabled=True, kind=ChannelKind.IN_APP):
        written += enqueue(channel=channel, recipients=recipients, subject=payload.get("title", ""), body=body,
                           key_prefix=f"task:{payload['uuid']}", source=task)
    return written


def inbox(user, limit=20):
    """The in-app messages addressed to the user (newest first): the task notices among them."""
    return Message.objects.filter(channel__kind=ChannelKind.IN_APP, address=user.username).select_related(
        "channel").order_by("-created", "-id")[:limit]
