"""Plan versions: drafts are edited, published versions never change, a diff shows what changed."""

import json

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from yingji.core.errors import DomainError, PermissionDeniedError
from yingji.core.events import publish
from yingji.core.models import Organization
from yingji.core.scoping import ensure_in_jurisdiction
from yingji.resources.choices import SPECIALITIES, TeamType
from yingji.resources.models import Material

from . import checks
from . import content as schema
from .choices import VersionStatus
from .models import PlanVersion

CHANGE = "plans.change_planversion"


def _allowed(actor, plan):
    if actor is not None and not actor.has_perm(CHANGE):
        raise PermissionDeniedError("permission_denied", _("您没有编辑预案内容的权限"))
    ensure_in_jurisdiction(actor, plan.region)


def validate(content) -> dict:
    codes = schema.collect_codes(content)
    return checks.validate(content, set(Organization.objects.filter(code__in=codes).values_list("code", flat=True)),
                           set(TeamType.values),
                           set(Material.objects.filter(code__in=codes).values_list("code", flat=True)), SPECIALITIES)


def save_draft(*, actor, plan, content, note="") -> PlanVersion:
    """Edit the plan's draft, or start a new draft from the given content when only published versions exist."""
    _allowed(actor, plan)
    validate(content)
    with transaction.atomic():
        draft = plan.versions.select_for_update().filter(status=VersionStatus.DRAFT).first()
        if draft is None:
            number = (plan.versions.aggregate(n=Max("number"))["n"] or 0) + 1
            draft = PlanVersion(plan=plan, number=number, created_by=actor if getattr(actor, "pk", None) else None)
        draft.content, draft.note = content, note[:300]
        draft.save()
    return draft


def edit_version(*, actor, version, content, note=""):
    """Editing a published version is refused: the change goes into a new draft instead, by save_draft."""
    if version.status != VersionStatus.DRAFT:
        raise DomainError("version_published", _("第%(n)d版已发布，不能修改；请在新草稿中编辑") % {"n": version.number},
                          field="version")
    return save_draft(actor=actor, plan=version.plan, content=content, note=note)


def publish_version(*, actor, version, now=None) -> PlanVersion:
    _allowed(actor, version.plan)
    if version.status != VersionStatus.DRAFT:
        raise DomainError("version_published", _("第%(n)d版已发布") % {"n": version.number}, field="version")
    validate(version.content)
    with transaction.atomic():
        for old in version.plan.versions.select_for_update().filter(status=VersionStatus.PUBLISHED):
            old.status = VersionStatus.SUPERSEDED
            old.save()
        version.status, version.published_at = VersionStatus.PUBLISHED, now or timezone.now()
        version.published_by = actor if getattr(actor, "pk", None) else None
        version.save()
        publish("planversion.publish", {"uuid": str(version.uuid), "title": str(version)}, aggregate=version,
                region=version.plan.region)
    return version


def _flatten(value, prefix=""):
    if isinstance(value, dict):
        items = value.items()
    elif isinstance(value, list):
        items = ((_key(item, i), item) for i, item in enumerate(value))
    else:
        return {prefix: json.dumps(value, ensure_ascii=False)}
    flat = {}
    for key, item in items:
        flat.update(_flatten(item, f"{prefix}/{key}" if prefix else str(key)))
    return flat


def _key(item, index):
    if isinstance(item, dict):
        return item.get("key") or item.get("level") or item.get("name") or item.get("role") or item.get("code") or index
    return index


def diff(old: PlanVersion, new: PlanVersion) -> list[dict]:
    """Changed paths between two versions: added, removed, changed, with the values before and after."""
    before, after = _flatten(old.content), _flatten(new.content)
    rows = []
    for path in sorted(set(before) | set(after)):
        if before.get(path) == after.get(path):
            continue
        change = "added" if path not in before else "removed" if path not in after else "changed"
        rows.append({"path": path, "change": change, "before": before.get(path, ""), "after": after.get(path, "")})
    return rows
