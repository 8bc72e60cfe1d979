"""信用监管: a credit record per enterprise built from events, a rule-based score and class, and the 失信/重点关注
lists with entry and exit procedures.

Score = credit_base + Σ points of the events within credit_window_days (recorded events: penalties of other
authorities, accidents, certificates …; derived events: each enforcement case of the bureau decided in the window,
each 重大事故隐患 past its deadline and still open, each day of the last 30 without the daily 安全承诺 for enterprises
that owe one). Class A ≥ 90, B ≥ 75, C ≥ 60, else D (credit_class_floors); the points per kind are credit_points.
The class sets the enforcement target's 监管类别 and so the plan's yearly inspections (supervision.py). The rules are
public (the public page)."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from yingji.core.errors import DomainError
from yingji.core.scoping import in_scope, scope_to_user

from . import supervision
from .choices import CreditEventKind, CreditList
from .config import current
from .enterprises import NotFoundError
from .models import CreditEvent, CreditListEntry

CLASSES = ("A", "B", "C", "D")


def class_of(score: int) -> str:
    floors = current().credit_class_floors
    for name, floor in zip(CLASSES, floors, strict=False):
        if score >= floor:
            return name
    return "D"


@dataclass
class CreditRecord:
    enterprise: object
    score: int
    credit_class: str
    lines: list = field(default_factory=list)  # (kind label, count, points)
    supervision_class: str = ""  # the enforcement target's 监管类别 that follows ("" when not a target)
    supervision_per_year: int = 0  # the enforcement plan's yearly inspections for it

    @property
    def supervision_label(self) -> str:
        return supervision.class_labels().get(self.supervision_class, _("未列入检查对象名录库"))


def rules() -> list[tuple[str, int]]:
    points = current().credit_points
    return [(str(CreditEventKind(code).label), value) for code, value in points.items()
            if code in CreditEventKind.values]


def records(enterprises, today=None) -> list[CreditRecord]:
    """The credit record of each enterprise of the queryset, in four queries."""
    from yingji.prevention.choices import DEADLINE_STATES
    from yingji.prevention.models import Hazard

    from .commitments import missed_periods

    today = today or timezone.localdate()
    cfg = current()
    enterprises = list(enterprises)
    ids = [e.pk for e in enterprises]
    events = {}
    for row in (CreditEvent.objects.filter(enterprise_id__in=ids,
                                           happened_on__gte=today - dt.timedelta(days=cfg.credit_window_days))
                .values("enterprise_id", "kind").annotate(n=Count("id"))):
        events.setdefault(row["enterprise_id"], {})[row["kind"]] = row["n"]
    overdue = dict(Hazard.objects.filter(enterprise_id__in=ids, grade="major", state__in=DEADLINE_STATES,
                                         deadline__lt=today).values_list("enterprise_id").annotate(n=Count("id")))
    since = today - dt.timedelta(days=cfg.credit_window_days)
    penalties = supervision.decided_penalties(ids, since)
    targets = supervision.effective_classes(ids)
    missing = missed_periods(enterprises, 30, today)
    result = []
    for enterprise in enterprises:
        counts = dict(events.get(enterprise.pk, {}))
        if overdue.get(enterprise.pk):
            counts[CreditEventKind.MAJOR_HAZARD_OVERDUE] = counts.get(CreditEventKind.MAJOR_HAZARD_OVERDUE, 0) + \
                overdue[enterprise.pk]
        if penalties.get(enterprise.pk):
            counts[CreditEventKind.ENFORCEMENT_PENALTY] = penalties[enterprise.pk]
        if missed := len(missing.get(enterprise.pk, ())):
            counts[CreditEventKind.COMMITMENT_MISSED] = counts.get(CreditEventKind.COMMITMENT_MISSED, 0) + missed
        lines, score = [], cfg.credit_base
        for kind, n in sorted(counts.items()):
            points = cfg.credit_points.get(kind, 0) * n
            score += points
            lines.append((str(CreditEventKind(kind).label), n, points))
        score = max(0, min(score, cfg.credit_base + 20))
        credit_class = class_of(score)
        result.append(CreditRecord(enterprise, score, credit_class, lines,
                                   *supervision.supervision_for(credit_class, targets.get(enterprise.pk))))
    return result


def record_of(enterprise, today=None) -> CreditRecord:
    return records([enterprise], today)[0]


def _manager(actor, enterprise):
    if actor is not None and not in_scope(actor, enterprise):
        raise NotFoundError("enterprise_not_found", _("未找到该企业，或不在您的管辖范围内"), field="enterprise")
    if actor is not None and not actor.has_perm("services.manage_credit"):
        raise DomainError("permission_denied", _("没有管理信用监管的权限"), field="enterprise")


def record_event(*, actor, enterprise, kind, happened_on, note="") -> CreditEvent:
    from .filing import _date

    _manager(actor, enterprise)
    if kind not in CreditEventKind.values or kind == CreditEventKind.ENFORCEMENT_PENALTY:  # that one is derived
        raise DomainError("invalid_event_kind", _("信用事件类别无效"), field="kind")
    day = _date(happened_on, "happened_on")
    if day > timezone.localdate():
        raise DomainError("date_in_future", _("发生日期不能晚于今天"), field="happened_on")
    return CreditEvent.objects.create(enterprise=enterprise, region_id=enterprise.region_id, kind=kind,
                                      happened_on=day, note=str(note or "")[:300],
                                      recorded_by=actor if getattr(actor, "pk", None) else None)


def open_entries(user):
    return scope_to_user(CreditListEntry.objects.filter(exited_on__isnull=True), user).select_related("enterprise")


def enter_list(*, actor, enterprise, list_kind, reason, day=None) -> CreditListEntry:
    _manager(actor, enterprise)
    if list_kind not in CreditList.values:
        raise DomainError("invalid_list", _("名单类别无效"), field="list_kind")
    reason = str(reason or "").strip()
    if not reason:
        raise DomainError("reason_required", _("请填写列入理由及依据"), field="reason")
    if CreditListEntry.objects.filter(enterprise=enterprise, list_kind=list_kind, exited_on__isnull=True).exists():
        raise DomainError("already_listed", _("该企业已在此名单中"), field="list_kind")
    return CreditListEntry.objects.create(enterprise=enterprise, region_id=enterprise.region_id, list_kind=list_kind,
                                          entered_on=day or timezone.localdate(), reason=reason[:300],
                                          entered_by=actor if getattr(actor, "pk", None) else None)


def exit_list(*, actor, entry, reason, day=None) -> CreditListEntry:
    """移出: after the minimum period on the list (失信 365 days, 重点关注 180) and, for 失信, once the enterprise's
    class is no longer D (信用修复)."""
    _manager(actor, entry.enterprise)
    day = day or timezone.localdate()
    if entry.exited_on:
        raise DomainError("already_exited", _("该记录已移出名单"), field="uuid")
    reason = str(reason or "").strip()
    if not reason:
        raise DomainError("reason_required", _("请填写移出理由（信用修复情况）"), field="reason")
    cfg = current()
    minimum = cfg.blacklist_min_days if entry.list_kind == CreditList.BLACKLIST else cfg.watchlist_min_days
    if (day - entry.entered_on).days < minimum:
        raise DomainError("exit_too_early", _("列入未满%(n)d天，不能移出") % {"n": minimum}, field="uuid")
    if entry.list_kind == CreditList.BLACKLIST and record_of(entry.enterprise, day).credit_class == "D":
        raise DomainError("exit_not_eligible", _("信用等级仍为D级，未完成信用修复，不能移出"), field="uuid")
    entry.exited_on, entry.exit_reason = day, reason[:300]
    entry.exited_by = actor if getattr(actor, "pk", None) else None
    entry.save()
    return entry


def enterprises_in_reach(user):
    from yingji.prevention.models import Enterprise

    return scope_to_user(Enterprise.objects.exclude(credit_code="").select_related("region"), user).order_by("code")
