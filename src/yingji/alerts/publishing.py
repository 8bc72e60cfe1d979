"""What happens when a warning is published: its signed CAP message, the earlier message closed, the fan-out
event and one push event per configured MQTT topic or webhook (alerts.push), all in the caller's transaction."""


from yingji.core.events import publish as publish_event

from . import cap, push, signing
from .models import CapMessage
from .models.warnings import MsgType


def _free_identifier(sent) -> str:
    for sequence in range(10):
        ident = cap.identifier(sent, sequence)
        if not CapMessage.objects.filter(identifier=ident).exists():
            return ident
    from datetime import timedelta

    return _free_identifier(sent + timedelta(seconds=1))


def publish(warning, *, actor, now, urgent: bool) -> CapMessage:
    from .workflows import WARNING_FLOW

    warning.publisher, warning.published_at, warning.urgent = actor, now, urgent
    warning.save()
    ident = _free_identifier(now)
    document = signing.sign(cap.build(warning, ident, now))
    message = CapMessage.objects.create(identifier=ident, warning=warning, sent=now, xml=document.decode("utf-8"))
    previous = warning.references
    if previous is not None and previous.in_force:
        event = "cancel" if warning.msg_type == MsgType.CANCEL else "supersede"
        WARNING_FLOW.fire(previous, event, actor=None, data={"now": now})
    if not warning.is_demo:
        publish_event("warning.published", {"uuid": str(warning.uuid), "identifier": ident,
                                            "msg_type": warning.msg_type, "title": warning.headline},
                      aggregate=warning, region=warning.region, key=f"warning.published:{ident}")
        push.schedule(message, warning)
    return message
