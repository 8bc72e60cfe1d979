"""责任部门 and their ranking for 督查问效 (docs/indicators.md "Departments ranking").

The director role assigns each indicator a responsible department (`IndicatorOwner`, an Organization). For a
year, each department is counted on the indicators it owns: how many of its entered indicators (and of its
computed ones, none: their figures come from the data) were entered on time — a value for that year submitted
by the due date, 31 March of the following year — how many have an approved value for that year, and how many of
all it owns met their target that year (status.for_year). Departments are ranked by indicators met, then
approved, then entered on time."""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yingji.core.errors import DomainError, PermissionDeniedError
from yingji.core.models import Organization

from . import status
from .catalogue import BY_CODE, CATALOGUE, ENTERED
from .models import IndicatorOwner, IndicatorValue, ValueState

ASSIGN = "indicators.approve_indicatorvalue"  # the director role
DUE_MONTH, DUE_DAY = 3, 31  # a year's value is due by 31 March of the following year (statistical yearbooks)


def due_date(year: int) -> date:
    return date(year + 1, DUE_MONTH, DUE_DAY)


def assign(*, actor, data) -> IndicatorOwner | None:
    """Set (or, with an empty department, clear) the responsible department of an indicator."""
    if not actor.has_perm(ASSIGN):
        raise PermissionDeniedError("permission_denied", _("没有指定责任部门的权限"))
    entry = BY_CODE.get(str(data.get("code") or ""))
    if entry is None:
        raise DomainError("unknown_indicator", _("没有这个指标"), field="code")
    raw = str(data.get("department") or "").strip()
    with transaction.atomic():
        if not raw:
            IndicatorOwner.objects.filter(indicator=entry.code).delete()
            return None
        department = Organization.objects.filter(code=raw).first()
        if department is None:
            raise DomainError("invalid_department", _("请选择责任部门"), field="department")
        owner, _created = IndicatorOwner.objects.update_or_create(
            indicator=entry.code, defaults={"department": department, "assigned_by": actor})
    return owner


def candidates():
    """The organizations a department may be chosen from: the bureau, the functional departments and the
    government bodies."""
    return Organization.objects.filter(kind__in=("emergency", "department", "government", "fire_rescue")) \
        .defer("geometry").order_by("kind", "code")


def _local_day(moment) -> date:
    return timezone.localtime(moment).date()


def ranking(user, year=None) -> dict:
    """The year's figures per department, ranked: `rows` [{rank, department, codes, owned, to_enter, on_time,
    approved, met}], `unassigned` (entries without a department) and the due date."""
    year = year or timezone.localdate().year
    owners = list(IndicatorOwner.objects.select_related("department").order_by("indicator"))
    codes = [o.indicator for o in owners]
    first_entered, approved = {}, set()
    for code, entered_at, state in IndicatorValue.objects.filter(year=year, code__in=codes) \
            .values_list("code", "entered_at", "status"):
        day = _local_day(entered_at)
        first_entered[code] = min(day, first_entered.get(code, day))
        if state == ValueState.APPROVED:
            approved.add(code)
    due = due_date(year)
    statuses = {code: status.for_year(BY_CODE[code], year, user)["status"] for code in codes}
    by_department = {}
    for owner in owners:
        by_department.setdefault(owner.department_id, {"department": owner.department, "codes": []})["codes"] \
            .append(owner.indicator)
    rows = []
    for item in by_department.values():
        to_enter = [c for c in item["codes"] if BY_CODE[c].source == ENTERED]
        rows.append({**item, "owned": len(item["codes"]), "to_enter": len(to_enter),
                     "on_time": sum(1 for c in to_enter if c in first_entered and first_entered[c] <= due),
                     "approved": sum(1 for c in to_enter if c in approved),
                     "met": sum(1 for c in item["codes"] if statuses[c] == status.MET)})
    rows.sort(key=lambda r: (-r["met"], -r["approved"], -r["on_time"], r["department"].code))
    for rank, row in enumerate(rows, start=1):
        row["rank"] = rank
    owned = set(codes)
    return {"year": year, "due": due, "rows": rows, "unassigned": [e for e in CATALOGUE if e.code not in owned]}
