"""CAP from other authorities: received (uploaded, posted to the API or polled from a feed), stored with everything
it carries, linked to the messages it updates or cancels, and re-issued locally as a draft.

CAP's key of a message is (sender, identifier, sent). An incoming Update or Cancel closes the stored messages it
references; a Cancel also withdraws the draft a duty officer made from them, or — when that local warning is already
published — asks for it to be cancelled (`prompts`, shown on the page and in the to-do inbox).
"""

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from yingji.core.errors import DomainError, PermissionDeniedError

from . import capread
from .cap import profile_time
from .models import IncomingCap, IncomingState, Warning, WarningStatus
from .types import all_types

MAX_BYTES = 1_000_000
SEVERITY_TO_COLOUR = {"Extreme": "red", "Severe": "orange", "Moderate": "yellow", "Minor": "blue"}
UNPUBLISHED = (WarningStatus.DRAFT, WarningStatus.PENDING_REVIEW, WarningStatus.PENDING_SIGN)
# The elements behind each stored column, to name them when one is too long.
ELEMENTS = {"identifier": "identifier", "sender": "sender", "sender_name": "senderName", "status": "status",
            "msg_type": "msgType", "scope": "scope", "event": "event", "headline": "headline", "severity": "severity",
            "language": "language", "languages": "language", "encoding": "encoding"}


def receive(*, actor, xml) -> list[IncomingCap]:
    """A person (page or API) hands in a document: one alert, or several in an EDXL-DE or <alerts> wrapper."""
    if actor is None or not actor.has_perm("alerts.add_incomingcap"):
        raise PermissionDeniedError("permission_denied", _("您没有权限接收上级预警"))
    records = ingest(xml, actor=actor)
    if not records:
        raise DomainError("duplicate_cap", _("该 CAP 消息已接收过（发布者、标识符和发布时间均相同）"), field="xml")
    return records


def ingest(xml, *, actor=None, feed=None) -> list[IncomingCap]:
    """Store the document's alerts that are new (by sender, identifier, sent); duplicates are skipped."""
    raw = capread.as_bytes(xml)
    if len(raw) > MAX_BYTES:
        raise DomainError("malformed_cap", _("CAP 文件过大（最多 1 MB）"), field="xml")
    document = capread.parse_document(raw)
    alerts = [_values(alert, document) for alert in capread.read_alerts(document)]
    records = []
    with transaction.atomic():
        for values in alerts:
            key = {k: values[k] for k in ("sender", "identifier", "sent")}
            if IncomingCap.objects.filter(**key).exists():
                continue
            record = IncomingCap.objects.create(**values, received_by=actor, feed=feed)
            _follow_references(record)
            records.append(record)
    return records


def _values(alert: capread.ReceivedAlert, document: capread.Document) -> dict:
    read = capread.fields(alert.root)
    infos, main = read["infos"], capread.main_info(read["infos"])
    times = {name: [t for t in (_moment(i[name]) for i in infos) if t] for name in ("effective", "onset", "expires")}
    values = {
        **{k: read[k] for k in ("identifier", "sender", "sent", "status", "msg_type", "scope", "references")},
        "sender_name": main.get("sender_name", ""), "event": main.get("event", ""),
        "headline": main.get("headline", ""), "severity": main.get("severity", ""),
        "language": main.get("language", ""), "infos": infos,
        "languages": " ".join(dict.fromkeys(i["language"] for i in infos)),
        "effective": min(times["effective"], default=None), "onset": min(times["onset"], default=None),
        "expires": max(times["expires"], default=None),
        "raw": document.raw, "encoding": document.encoding, "xml": document.text,
        "cap_version": alert.version, "envelope": alert.envelope,
        "signature": alert.verdict.status, "signer": alert.verdict.signer, "signer_trusted": alert.verdict.trusted,
    }
    _check_lengths(values)
    return values


def _moment(text: str):
    from django.utils.dateparse import parse_datetime

    return parse_datetime(text) if text else None


def _check_lengths(values: dict) -> None:
    """The database does not enforce lengths everywhere (SQLite): refuse here, naming the element."""
    for name, element in ELEMENTS.items():
        limit = IncomingCap._meta.get_field(name).max_length
        if len(values.get(name) or "") > limit:
            raise DomainError("too_long", _("CAP 的 <%(e)s> 过长（%(n)d 个字符，最多 %(m)d 个）") % {
                "e": element, "n": len(values[name]), "m": limit}, field="xml")


def _follow_references(record: IncomingCap) -> None:
    if record.msg_type not in ("Update", "Cancel"):
        return
    keys = capread.reference_keys(record.references)
    if not keys:
        return
    match = Q(pk__in=[])
    for sender, identifier in keys:
        match |= Q(sender=sender, identifier=identifier)
    cancel = record.msg_type == "Cancel"
    for earlier in IncomingCap.objects.filter(match).exclude(pk=record.pk).select_related("reissued_as"):
        earlier.state = IncomingState.CANCELLED if cancel else IncomingState.UPDATED
        earlier.replaced_by = record
        earlier.notice = _local_follow_up(earlier.reissued_as, cancel)
        if earlier.notice and not record.notice:
            record.notice = earlier.notice
        if cancel and earlier.reissued_as_id and earlier.reissued_as.status in UNPUBLISHED:
            earlier.reissued_as.delete()  # audited; its history goes with it
            earlier.reissued_as = None
        earlier.save()
    record.save()


def _local_follow_up(local: Warning | None, cancel: bool) -> str:
    if local is None:
        return ""
    if local.status in UNPUBLISHED:
        return _("上级已解除，本地转发草稿《%(h)s》已作废") % {"h": local.headline} if cancel else \
            _("上级已更新，请按更新内容修改本地转发草稿《%(h)s》") % {"h": local.headline}
    from .services import in_force

    root = local.root
    if not in_force().filter(Q(pk=root.pk) | Q(original=root)).exists():  # already ended here: nothing to do
        return ""
    return _("上级已解除，请解除本地转发的预警《%(h)s》") % {"h": local.headline} if cancel else \
        _("上级已更新，请核对并更新本地转发的预警《%(h)s》") % {"h": local.headline}


def prompts():
    """Received messages whose upstream was cancelled (or updated) while the local reissue is still in force."""
    from .services import in_force

    live = in_force().values("pk")
    cancelled = Q(reissued_as__in=live) | Q(reissued_as__thread__in=live)
    return IncomingCap.objects.filter(Q(state=IncomingState.CANCELLED) & cancelled |
                                      Q(state=IncomingState.UPDATED, reissued_as__in=live)
                                      ).select_related("reissued_as", "replaced_by").distinct()


# Re-issuing as a local warning.

def check_reissuable(record: IncomingCap, now=None) -> None:
    """Only an actual, live Alert or Update can become a local warning."""
    now = now or timezone.now()
    if record.msg_type == "Cancel":
        raise DomainError("reissue_cancel", _("这是一条解除（Cancel）消息，不能转发为预警；如已转发，请解除本地预警"),
                          field="msg_type")
    if record.msg_type not in ("Alert", "Update"):
        raise DomainError("reissue_not_alert", _("%(t)s 消息不是预警，不能转发") % {"t": record.msg_type},
                          field="msg_type")
    if record.status != "Actual":
        raise DomainError("reissue_not_actual", _("这是一条%(s)s消息（status=%(v)s），不能转发为正式预警") % {
            "s": {"Test": _("测试"), "Exercise": _("演练"), "System": _("系统"), "Draft": _("草稿")}.get(
                record.status, ""), "v": record.status}, field="status")
    if record.state == IncomingState.CANCELLED:
        raise DomainError("reissue_cancelled", _("上级已解除该预警，不能再转发"), field="state")
    if record.state == IncomingState.UPDATED:
        raise DomainError("reissue_outdated", _("上级已更新该预警，请转发最新的更新消息"), field="state")
    if record.expires is not None and record.expires <= now:
        raise DomainError("reissue_expired", _("该预警已于 %(t)s 失效，不能转发") % {"t": profile_time(record.expires)},
                          field="expires")
    if record.reissued_as_id:
        raise DomainError("already_reissued", _("该消息已转发为本地预警"), field="reissued_as")


def draft_values(record: IncomingCap) -> dict:
    """A starting point for the local draft, from the Chinese (or first) block, nothing cut short: text over the
    local limits comes back as a form to edit. The area: the block's geocodes that are our townships or villages,
    else the whole district."""
    info = capread.main_info(record.infos)
    by_event = {t.label: t.code for t in all_types().values()}
    by_event.update({t.short: t.code for t in all_types().values() if t.signal})
    event = info.get("event", "")
    type_code = next((code for name, code in by_event.items() if name and name in event), "other")
    codes = _local_regions(info)
    return {
        "type_code": type_code, "level": SEVERITY_TO_COLOUR.get(info.get("severity"), "yellow"),
        "headline": info.get("headline", ""), "description": info.get("description") or info.get("headline", ""),
        "instructions": info.get("instruction", ""), "effective": info.get("effective") or record.sent.isoformat(),
        "onset": info.get("onset", ""), "expires": info.get("expires", ""),
        "source": _("转发：%(s)s") % {"s": info.get("sender_name") or record.sender_name or record.sender},
        "area_kind": "regions" if codes else "district", "area_regions": codes,
    }


def _local_regions(info: dict) -> list[str]:
    from yingji.core.models import Region, RegionLevel

    values = {g["value"] for area in info.get("areas", []) for g in area["geocodes"]}
    found = Region.objects.filter(code__in=values, level__in=[RegionLevel.TOWNSHIP, RegionLevel.VILLAGE])
    return sorted(found.values_list("code", flat=True))


def reissue(*, actor, record: IncomingCap, data: dict | None = None, now=None) -> Warning:
    """The local draft made from a received message (`data`: the duty officer's edited values)."""
    from . import services

    check_reissuable(record, now)
    values = data if data is not None else draft_values(record)
    local = _local_predecessor(record)
    with transaction.atomic():
        if local is not None:  # an upstream Update of a message we re-issued: an Update of our warning
            warning = services.start_update(actor=actor, reference=str(local.uuid), data=values)
        else:
            warning = services.create_draft(actor=actor, data=values)
        record.reissued_as = warning
        record.save(update_fields=["reissued_as"])
    return warning


def _local_predecessor(record: IncomingCap) -> Warning | None:
    """For an Update: the local warning in force that was re-issued from a message it references."""
    from .services import in_force

    keys = capread.reference_keys(record.references) if record.msg_type == "Update" else []
    for sender, identifier in keys:
        earlier = IncomingCap.objects.filter(sender=sender, identifier=identifier, reissued_as__isnull=False).first()
        if earlier is not None:
            root = earlier.reissued_as.root
            current = in_force().filter(Q(pk=root.pk) | Q(original=root)).first()
            if current is not None:
                return current
    return None


def as_dict(record: IncomingCap, *, full: bool = False) -> dict:
    """What the API and pages show of a received message (`full`: with every info block and the document)."""
    from django.urls import reverse

    data = {
        "uuid": str(record.uuid), "identifier": record.identifier, "sender": record.sender,
        "sender_name": record.sender_name, "sent": record.sent.isoformat(), "status": record.status,
        "msg_type": record.msg_type, "scope": record.scope, "references": record.references,
        "event": record.event, "headline": record.headline, "severity": record.severity,
        "language": record.language, "languages": record.languages.split(),
        "effective": record.effective.isoformat() if record.effective else None,
        "onset": record.onset.isoformat() if record.onset else None,
        "expires": record.expires.isoformat() if record.expires else None,
        "cap_version": record.cap_version, "envelope": record.envelope, "encoding": record.encoding,
        "signature": record.signature, "signer": record.signer, "signer_trusted": record.signer_trusted,
        "state": record.state, "replaced_by": str(record.replaced_by.uuid) if record.replaced_by_id else None,
        "notice": record.notice, "feed": record.feed.name if record.feed_id else None,
        "received": record.received.isoformat(),
        "reissued_as": str(record.reissued_as.uuid) if record.reissued_as_id else None,
        "url": reverse("alerts:incoming-detail", kwargs={"uuid": record.uuid}),
    }
    if full:
        data.update(infos=record.infos, xml=record.xml)
    return data


def filtered(queryset, params):
    """The received messages matching the list filters of the page and the API (unknown values match nothing)."""
    from yingji.core.timefmt import parse_aware

    exact = {name: params.get(name) for name in ("sender", "identifier", "status", "msg_type", "state", "signature")}
    queryset = queryset.filter(**{name: value.strip() for name, value in exact.items() if value and value.strip()})
    for name, lookup in (("since", "sent__gte"), ("until", "sent__lt")):
        if params.get(name):
            try:
                moment = parse_aware(params[name])
            except ValueError:
                moment = None
            if moment is None:
                raise DomainError("invalid_datetime", _("时间格式不正确：%(v)s") % {"v": params[name]}, field=name)
            queryset = queryset.filter(**{lookup: moment})
    if params.get("q"):
        queryset = queryset.filter(Q(headline__icontains=params["q"]) | Q(event__icontains=params["q"]))
    if params.get("language"):
        wanted = params["language"].strip()
        queryset = queryset.filter(Q(languages__iexact=wanted) | Q(languages__istartswith=f"{wanted} ") |
                                   Q(languages__iendswith=f" {wanted}") | Q(languages__icontains=f" {wanted} "))
    return queryset.order_by("-received", "-id")
