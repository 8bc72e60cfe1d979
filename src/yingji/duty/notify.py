"""Sending duty notifications through the shared channels layer, each with an acknowledgement link: the body
ends with the literal "{ack_url}", which the channels layer expands per recipient when it sends."""

from django.utils.translation import gettext as _

from yingji.channels.models import Channel, ChannelKind
from yingji.channels.services import Recipient, enqueue

from .oncall import holders


def recipient(person) -> Recipient:
    extra = person.extra or {}
    contacts = {"phone": person.mobile, "username": extra.get("username", ""), "email": extra.get("email", "")}
    return Recipient(name=person.name, contacts={k: v for k, v in contacts.items() if v},
                     region_code=person.region.code if person.region_id else "")


def usable_channel(channel):
    """The channel itself, or (when it is switched off) its fallback or the in-app channel, with a note."""
    if channel.enabled:
        return channel, ""
    spare = channel.fallback if channel.fallback_id and channel.fallback.enabled else None
    spare = spare or Channel.objects.filter(kind=ChannelKind.IN_APP, enabled=True).order_by("code").first()
    if spare is None:
        return None, _("通道“%(c)s”已停用，且无可用的备用通道") % {"c": channel.name}
    return spare, _("通道“%(c)s”已停用，改用“%(s)s”") % {"c": channel.name, "s": spare.name}


def send(*, channel, people, subject, body, key, source=None) -> tuple[int, str]:
    """Queue one message per person (idempotent by key). Returns (messages written, note)."""
    channel, note = usable_channel(channel)
    people = [p for p in people if p is not None]
    if channel is None or not people:
        return 0, note or _("无人可通知（空岗）")
    body = f"{body}\n{_('确认收到请点击')}：{{ack_url}}"
    written = enqueue(channel=channel, recipients=[recipient(p) for p in people], subject=subject, body=body,
                      key_prefix=key, source=source)
    return written, note


def notify_holders(*, channel, region, at, subject, body, key, source=None, organization=None, roles=None):
    rows = holders(at, region=region, roles=roles)
    if organization is not None:
        rows = [r for r in rows if r.post.organization_id == organization.pk]
    return send(channel=channel, people=[r.person for r in rows], subject=subject, body=body, key=key, source=source)
