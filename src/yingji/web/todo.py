"""The personal to-do inbox (我的待办): every app's waiting work (core.extensions.TODO_PROVIDERS) on one page,
its count in the navbar, and a notice to the people who can act when an item appears.

The notice: after an outbox event a provider names in `notify_on`, its `notice(event)` gives the new item and
who can act on it; each of them gets an in-app message and, when the work-notice SMS channel is configured and
enabled (YINGJI_TODO_SMS_CHANNEL, default TASK-SMS, the channel of task notices), an SMS with the link.
"""

import os

from django.conf import settings
from django.utils.translation import gettext as _

from yingji.channels.notices import notify_users
from yingji.core.events import consumer
from yingji.core.extensions import TODO_PROVIDERS, TodoNotice

CONSUMER = "web.todo_notice"


def todo_sms_channel_code() -> str:
    return os.environ.get("YINGJI_TODO_SMS_CHANNEL", "TASK-SMS")


def register() -> None:
    """Listen to every event a provider names (run once every app has registered its providers)."""
    kinds = tuple(sorted({kind for provider in TODO_PROVIDERS for kind in provider.notify_on}))
    consumer(CONSUMER, kinds=kinds)(notify)


def notify(event) -> int:
    written = 0
    for provider in TODO_PROVIDERS:
        if event.kind in provider.notify_on and provider.notice is not None:
            notice = provider.notice(event)
            if notice is not None and notice.users:
                written += send(notice, key=f"todo:{provider.key}:{event.pk}")
    return written


def send(notice: TodoNotice, *, key: str) -> int:
    item = notice.item
    subject = _("待办：%(k)s") % {"k": item.kind}
    return notify_users(notice.users, subject=subject, body=_("%(t)s（请在“我的待办”中办理）") % {"t": item.title},
                        key=key, sms_channel_code=todo_sms_channel_code(),
                        sms_body=f"{subject}：{item.title} {settings.PUBLIC_URL}{item.url}")
