"""A notice to platform users: one in-app message on every enabled in-app channel and, when the named SMS channel
is configured and enabled, one SMS each (idempotent by key, like every enqueue). The to-do inbox's notices
(web/todo.py) and the licence reminders (services) send through here."""

from .models import Channel, ChannelKind
from .services import Recipient, enqueue


def user_recipients(users) -> list[Recipient]:
    return [Recipient(name=user.display_name, contacts={"username": user.username, "phone": user.phone},
                      region_code=user.region.code if user.region_id else "") for user in users]


def notify_users(users, *, subject: str, body: str, key: str, sms_channel_code: str = "", sms_body: str = "",
                 source=None) -> int:
    """Messages written (0 for a key already sent)."""
    recipients = user_recipients(users)
    if not recipients:
        return 0
    written = 0
    for channel in Channel.objects.filter(enabled=True, kind=ChannelKind.IN_APP):
        written += enqueue(channel=channel, recipients=recipients, subject=subject, body=body, key_prefix=key,
                           source=source)
    sms = Channel.objects.filter(code=sms_channel_code, enabled=True).first() if sms_channel_code else None
    if sms is not None:
        written += enqueue(channel=sms, recipients=recipients, subject=subject, body=sms_body or body,
                           key_prefix=key, source=source)
    return written
