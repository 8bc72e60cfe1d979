"""An invitation acknowledged through the link of its SMS: the channels app publishes `message.acknowledged` for
the message, whose source is the invitee (consultation.Invitee)."""

from yingji.core.events import consumer

from .models import Invitee
from .services import acknowledge_by_link

SOURCE = Invitee._meta.label


@consumer("consultation.sms_ack", kinds=("message.acknowledged",))
def acknowledged(event) -> None:
    payload = event.payload
    if payload.get("source_type") != SOURCE or not str(payload.get("source_id", "")).isdigit():
        return
    acknowledge_by_link(invitee_id=int(payload["source_id"]), message_uuid=payload.get("uuid"))
