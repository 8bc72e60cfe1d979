"""CAP from a higher authority: validated against the schema, stored, and re-issued locally as a draft."""

from django.db import transaction
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from yingji.core.errors import DomainError, PermissionDeniedError

from . import cap
from .models import IncomingCap
from .types import all_types

MAX_BYTES = 1_000_000
SEVERITY_TO_COLOUR = {"Extreme": "red", "Severe": "orange", "Moderate": "yellow", "Minor": "blue"}


def receive(*, actor, xml) -> IncomingCap:
    if actor is None or not actor.has_perm("alerts.add_incomingcap"):
        raise PermissionDeniedError("permission_denied", _("您没有权限接收上级预警"))
    raw = xml.encode() if isinstance(xml, str) else bytes(xml or b"")
    if not raw.strip():
        raise DomainError("malformed_cap", _("请提供 CAP XML"), field="xml")
    if len(raw) > MAX_BYTES:
        raise DomainError("malformed_cap", _("CAP 文件过大（最多 1 MB）"), field="xml")
    fields = cap.read(cap.validate(raw))
    if IncomingCap.objects.filter(identifier=fields["identifier"]).exists():
        raise DomainError("duplicate_cap", _("该 CAP 消息已接收过（标识符 %(i)s）") % {"i": fields["identifier"]},
                          field="xml")
    with transaction.atomic():
        return IncomingCap.objects.create(
            identifier=fields["identifier"], sender=fields["sender"], sender_name=fields["sender_name"],
            sent=parse_datetime(fields["sent"]), msg_type=fields["msg_type"], event=fields["event"],
            headline=fields["headline"], severity=fields["severity"], xml=raw.decode("utf-8", "replace"),
            received_by=actor)


def draft_values(incoming: IncomingCap) -> dict:
    """A starting point for re-issuing locally: the duty officer picks the area and completes the rest."""
    fields = cap.read(cap.validate(incoming.xml.encode()))
    by_event = {t.label: t.code for t in all_types().values()}
    by_event.update({t.short: t.code for t in all_types().values() if t.signal})
    type_code = next((code for name, code in by_event.items() if name and name in fields["event"]), "other")
    return {
        "type_code": type_code, "level": SEVERITY_TO_COLOUR.get(fields["severity"], "yellow"),
        "headline": fields["headline"][:200], "description": fields["description"],
        "instructions": fields["instruction"], "effective": fields["effective"] or fields["sent"],
        "onset": fields["onset"], "expires": fields["expires"],
        "source": (_("转发：%(s)s") % {"s": fields["sender_name"] or fields["sender"]})[:200],
    }
