"""All writes of warnings: compose, edit, the workflow steps, updates, cancels and the expiry sweep.

Views, the API, the CLI and tasks call these; each runs in one transaction, and bad input raises a
DomainError before anything is saved or sent.
"""

import uuid

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from yingji.core.errors import DomainError, PermissionDeniedError
from yingji.core.models import Region, RegionLevel
from yingji.core.scoping import ensure_in_jurisdiction

from . import compose
from .models import GuidanceTemplate, Warning, WarningEvent, WarningStatus
from .models.warnings import MsgType
from .workflows import WARNING_FLOW

COPY_FIELDS = ("type_code", "level", "headline", "description", "instructions", "effective", "onset", "expires",
               "source", "incident_uuid", "area_kind", "area_shape", "area_desc", "population")


def _need(actor, perm: str, label: str):
    if actor is None or not actor.has_perm(perm):
        raise PermissionDeniedError("permission_denied", _("您没有权限%(l)s") % {"l": label})


def _store(warning, values: dict) -> Warning:
    regions, committees = values.pop("regions"), values.pop("committees")
    for name, value in values.items():
        setattr(warning, name, value)
    warning.save()
    warning.area_regions.set(regions)
    warning.committees.set(committees)
    return warning


def _district():
    return Region.objects.get(level=RegionLevel.DISTRICT)


def create_draft(*, actor, data: dict, msg_type=MsgType.ALERT, references=None, now=None) -> Warning:
    _need(actor, "alerts.add_warning", _("制作预警"))
    values = compose.clean(data)
    with transaction.atomic():
        warning = Warning(author=actor, region=getattr(actor, "region", None) or _district(), msg_type=msg_type,
                          references=references, original=references.root if references else None)
        ensure_in_jurisdiction(actor, warning.region)
        _store(warning, values)
        WarningEvent.objects.create(warning=warning, at=now or timezone.now(), actor=actor, event="draft",
                                    label=_("制作") if msg_type == MsgType.ALERT else _("制作更新"))
    return warning


def edit_draft(*, actor, warning: Warning, data: dict) -> Warning:
    _need(actor, "alerts.change_warning", _("修改预警"))
    if warning.status != WarningStatus.DRAFT:
        raise DomainError("not_editable", _("只有制作中的预警可以修改"), field="status")
    ensure_in_jurisdiction(actor, warning.region)
    values = compose.clean(data)
    with transaction.atomic():
        return _store(warning, values)


def fire(warning: Warning, event: str, *, actor, data: dict | None = None) -> Warning:
    """One workflow step. Signing publishes at once (签发 → 发布 by the signer's authority)."""
    ensure_in_jurisdiction(actor, warning.region)
    with transaction.atomic():
        warning = WARNING_FLOW.fire(warning, event, actor=actor, data=data or {})
        if event == "sign":
            warning = WARNING_FLOW.fire(warning, "publish", actor=actor, data=data or {})
    return warning


def current_in_force(uuid_or_identifier: str) -> Warning:
    """The published, not cancelled message of the thread a uuid or CAP identifier belongs to."""
    warning = _find(uuid_or_identifier)
    thread = Warning.objects.filter(Q(pk=warning.root.pk) | Q(original=warning.root))
    if thread.filter(msg_type=MsgType.CANCEL, status=WarningStatus.PUBLISHED).exists():
        raise DomainError("warning_cancelled", _("该预警已解除，不能再更新或解除"), field="references")
    current = thread.filter(status=WarningStatus.PUBLISHED).exclude(msg_type=MsgType.CANCEL).first()
    if current is None:
        raise DomainError("warning_not_in_force", _("该预警未发布或已结束，不能更新或解除"), field="references")
    return current


def _find(key: str) -> Warning:
    key = str(key or "").strip()
    warning = Warning.objects.filter(cap__identifier=key).first()
    if warning is None:
        try:
            warning = Warning.objects.filter(uuid=uuid.UUID(key)).first()
        except ValueError:
            warning = None
    if warning is None:
        raise DomainError("unknown_warning", _("找不到该预警：%(k)s") % {"k": key}, field="references")
    return warning


def start_update(*, actor, reference: str, data: dict) -> Warning:
    """An Update draft referencing the message in force; it goes through 审核 and 签发 like the first."""
    current = current_in_force(reference)
    pending = Warning.objects.filter(references=current).exclude(status=WarningStatus.DRAFT).exclude(
        status=WarningStatus.PUBLISHED).exists()
    if pending:
        raise DomainError("update_pending", _("该预警已有一条更新在审批中"), field="references")
    return create_draft(actor=actor, data=data, msg_type=MsgType.UPDATE, references=current)


def cancel(*, actor, reference: str, reason: str, now=None) -> Warning:
    """解除: a Cancel message referencing the message in force, published at once (needs 解除 permission)."""
    _need(actor, "alerts.cancel_warning", _("解除预警"))
    if not str(reason or "").strip():
        raise DomainError("reason_required", _("请填写解除理由"), field="reason")
    now = now or timezone.now()
    with transaction.atomic():
        current = current_in_force(reference)
        ensure_in_jurisdiction(actor, current.region)
        notice = Warning(msg_type=MsgType.CANCEL, references=current, original=current.root, author=actor,
                         region=current.region, **{f: getattr(current, f) for f in COPY_FIELDS})
        notice.headline = (_("解除：%(h)s") % {"h": current.headline})[:200]
        notice.description, notice.instructions = reason.strip(), ""
        notice.expires = max(current.expires, now + timezone.timedelta(hours=1))
        notice.save()
        notice.area_regions.set(current.area_regions.all())
        return WARNING_FLOW.fire(notice, "issue_cancel", actor=actor, data={"now": now, "reason": reason})


def sweep_expired(now=None) -> int:
    """Close every published warning whose expiry has passed (run by the worker and `alerts_tick`)."""
    now = now or timezone.now()
    due = Warning.objects.filter(status=WarningStatus.PUBLISHED, expires__lte=now).exclude(msg_type=MsgType.CANCEL)
    count = 0
    for warning in due:
        WARNING_FLOW.fire(warning, "expire", actor=None, data={"now": now})
        count += 1
    return count


def save_guidance(*, actor, type_code: str, level: str, text: str) -> GuidanceTemplate:
    _need(actor, "alerts.change_guidancetemplate", _("修改防御指南"))
    compose.check_level(type_code, level)
    if not str(text or "").strip():
        raise DomainError("required", _("请填写防御指南"), field="text")
    template, _created = GuidanceTemplate.objects.get_or_create(type_code=type_code, level=level,
                                                                defaults={"text": text.strip()})
    template.text = text.strip()
    template.save()
    return template


def thread_of(warning: Warning):
    root = warning.root
    return Warning.objects.filter(Q(pk=root.pk) | Q(original=root)).order_by("created", "id")


def in_force(now=None):
    """Published, not a cancel notice, and not past its expiry (even before the sweeper has run)."""
    return Warning.objects.filter(status=WarningStatus.PUBLISHED, expires__gt=now or timezone.now()).exclude(
        msg_type=MsgType.CANCEL)
