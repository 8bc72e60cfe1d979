"""Writing to the one timeline of an incident. Entries are never edited: a correction is a new entry."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from yingji.core.errors import DomainError, PermissionDeniedError
from yingji.core.events import publish, publish_many
from yingji.core.scoping import ensure_in_jurisdiction

from .choices import POSTABLE_KINDS, TimelineKind
from .models import TimelineEntry
from .titles import canonical, source_of

ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024


def entry(incident, *, kind, title, body="", actor=None, data=None, at=None, attachment=None, corrects=None):
    """An unsaved entry: `write` saves one, `write_many` several at once."""
    return TimelineEntry(
        incident=incident,
        kind=kind,
        title=title[:200],
        body=body,
        actor=actor if getattr(actor, "pk", None) else None,
        actor_name=getattr(actor, "display_name", "") or _("系统"),
        organization_name=str(getattr(actor, "organization", "") or ""),
        data={**(data or {}), **source_of(title)},
        at=at or timezone.now(),
        attachment=attachment,
        corrects=corrects,
    )


def announcement(incident, entry) -> tuple[str, dict]:
    """The live board's event for a new entry (core.events)."""
    return "incident.timeline", {"uuid": str(incident.uuid), "title": f"{incident.name} · {entry.title}",
                                 "kind": entry.kind}


def write(incident, *, kind, title, body="", actor=None, data=None, at=None, attachment=None, corrects=None):
    """Append one entry (inside the caller's transaction) and tell the live board."""
    new = entry(incident, kind=kind, title=title, body=body, actor=actor, data=data, at=at, attachment=attachment,
                corrects=corrects)
    new.save()
    publish(*announcement(incident, new), aggregate=incident, region=incident.region)
    return new


def write_many(incident, entries, *, also=()) -> None:
    """Append unsaved entries (without attachments) with one insert, and announce them and the events in `also`
    (kind, payload) with one more: the entries of a new report, written in its short transaction."""
    TimelineEntry.objects.bulk_create(entries)
    publish_many([*(announcement(incident, new) for new in entries), *also], aggregate=incident,
                 region=incident.region)


def post(incident, *, actor, kind, body, attachment=None, corrects=None, now=None):
    """A participant posts a message, a decision (会商纪要) or an attachment; or corrects an earlier entry."""
    if not actor.has_perm("incidents.add_timelineentry"):
        raise PermissionDeniedError("permission_denied", _("您没有在时间线发布信息的权限"))
    ensure_in_jurisdiction(actor, incident.region)
    if kind not in POSTABLE_KINDS:
        raise DomainError("invalid_kind", _("只能发布消息、会商纪要或附件"), field="kind")
    body = (body or "").strip()
    if not body and attachment is None:
        raise DomainError("empty_message", _("请填写内容"), field="body")
    if kind == TimelineKind.ATTACHMENT and attachment is None:
        raise DomainError("attachment_required", _("请选择要上传的附件"), field="attachment")
    if attachment is not None and attachment.size > ATTACHMENT_MAX_BYTES:
        raise DomainError("attachment_too_large", _("附件不能超过 20 MB"), field="attachment")
    if corrects is not None and corrects.incident_id != incident.pk:
        raise DomainError("invalid_correction", _("只能更正本事件时间线上的条目"), field="corrects")
    title = _title_for(kind, body, attachment, corrects)
    with transaction.atomic():
        return write(
            incident, kind=kind, title=title, body=body, actor=actor, at=now, attachment=attachment, corrects=corrects
        )


def _title_for(kind, body, attachment, corrects):
    if corrects is not None:
        return canonical(gettext_noop("更正：%(t)s"), t=corrects.title)
    if kind == TimelineKind.ATTACHMENT:
        return canonical(gettext_noop("上传附件：%(n)s"), n=attachment.name)
    return canonical(gettext_noop("%(k)s：%(b)s"), k=TimelineKind(kind).label, b=body[:60])


def entries(incident, kind: str = ""):
    queryset = incident.timeline.select_related("actor", "corrects").order_by("at", "id")
    return queryset.filter(kind=kind) if kind else queryset
