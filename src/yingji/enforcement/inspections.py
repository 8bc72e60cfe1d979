"""Recording an inspection: one result per item (合格/不合格/不适用); each 不合格 item opens a prevention hazard
(source 执法检查) in the same step. All or nothing."""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yingji.core.errors import DomainError
from yingji.prevention.choices import HazardSource

from .choices import ItemResult, TaskState
from .models import Finding, InspectionItem, InspectionTask, Inspector


def items_for(task: InspectionTask):
    return InspectionItem.objects.filter(sector=task.target.sector, status="active").order_by("code")


def _inspected_on(value) -> dt.date:
    if value in (None, ""):
        return timezone.localdate()
    try:
        day = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
    except ValueError:
        raise DomainError("invalid_date", _("请填写检查日期（YYYY-MM-DD）"), field="inspected_on") from None
    if day > timezone.localdate():
        raise DomainError("date_in_future", _("检查日期不能晚于今天"), field="inspected_on")
    return day


def _rows(task, rows) -> list[tuple[InspectionItem, str, str]]:
    if not isinstance(rows, list) or not rows:
        raise DomainError("findings_required", _("请逐项填写检查结果"), field="findings")
    items = {item.code: item for item in items_for(task)}
    parsed, seen = [], set()
    for number, row in enumerate(rows, 1):
        row = row if isinstance(row, dict) else {}
        code, result = str(row.get("item") or ""), str(row.get("result") or "")
        if code not in items or code in seen:
            raise DomainError("unknown_item", _("第%(n)d项：不是本行业的检查事项或重复填写") % {"n": number},
                              field="findings")
        if result not in ItemResult.values:
            raise DomainError("invalid_result", _("第%(n)d项：结果应为合格、不合格或不适用") % {"n": number},
                              field="findings")
        seen.add(code)
        parsed.append((items[code], result, str(row.get("note") or "")[:500]))
    return parsed


def _signers_qualified(task, day) -> None:
    for inspector in Inspector.objects.filter(pk__in=task.inspector_ids()):
        reason = inspector.unqualified_reason(day)
        if reason:
            message = _("%(n)s不能签字执法：%(r)s") % {"n": inspector.name, "r": reason}
            raise DomainError("inspector_unqualified", message, field="lead_inspector")


def record_inspection(task: InspectionTask, *, actor, findings, inspected_on=None) -> InspectionTask:
    if task.state != TaskState.ASSIGNED or task.status == "cancelled":
        raise DomainError("invalid_transition", _("该任务已检查或已作废"), field="findings")
    day = _inspected_on(inspected_on)
    rows = _rows(task, findings)
    _signers_qualified(task, day)
    with transaction.atomic():
        for item, result, note in rows:
            hazard = _open_hazard(task, item, note, day, actor) if result == ItemResult.FAIL else None
            Finding.objects.create(task=task, item=item, result=result, note=note, hazard=hazard)
        task.state, task.inspected_on = TaskState.DONE, day
        task.updated_by = actor if getattr(actor, "pk", None) else task.updated_by
        task.save()
    return task


def _open_hazard(task, item, note, day, actor):
    from yingji.prevention.models import Hazard

    user = actor if getattr(actor, "pk", None) else None
    enterprise = task.target.enterprise
    return Hazard.objects.create(
        name=f"{item.name}（{note}）" if note else item.name, enterprise=enterprise, region_id=enterprise.region_id,
        source=HazardSource.ENFORCEMENT, found_on=day, lon=enterprise.lon, lat=enterprise.lat,
        description=_("执法检查 %(t)s 发现；检查事项依据：%(b)s") % {"t": task.code, "b": item.legal_basis},
        created_by=user, updated_by=user, is_demo=task.is_demo)


def rectification_status(task: InspectionTask) -> str:
    """For the public page: 无需整改 / 整改中 / 已整改 / 未检查."""
    if task.state != TaskState.DONE:
        return str(_("待检查"))
    hazards = [f.hazard for f in task.findings.all() if f.result == ItemResult.FAIL]
    if not hazards:
        return str(_("无需整改"))
    if all(h is not None and h.state == "closed" for h in hazards):
        return str(_("已整改"))
    return str(_("整改中"))


def result_label(task: InspectionTask) -> str:
    if task.state != TaskState.DONE:
        return str(_("待检查"))
    failed = sum(1 for f in task.findings.all() if f.result == ItemResult.FAIL)
    return str(_("发现问题 %(n)d 项") % {"n": failed}) if failed else str(_("未发现问题"))
