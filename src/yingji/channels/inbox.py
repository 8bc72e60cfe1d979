"""A person's in-app messages: the notices the platform sends to accounts (tasks, to-do items)."""

from .models import ChannelKind, Message


def in_app_messages(username: str, limit: int = 20):
    """The in-app messages addressed to an account, newest first (task notices, to-do notices). The username
    condition matches the partial index channels_msg_to_account, so a million-row warning is never scanned."""
    return Message.objects.filter(contacts__has_key="username", address=username,
                                  channel__kind=ChannelKind.IN_APP).select_related("channel").order_by(
        "-created", "-id")[:limit]
