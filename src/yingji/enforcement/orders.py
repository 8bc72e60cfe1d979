"""责令限期整改 and 整改复查 (issue 17): an inspected task's 不合格 items (their prevention hazards) are ordered to be
rectified by a deadline — the hazards move to 已下达整改 with that deadline and the 责令限期整改指令书 is issued —
and the re-check's 合格 closes every linked hazard through prevention's workflow (fire_hazard: 开始整改 → 申请验收 →
复查合格 → 销号, the steps not yet taken) and issues the 整改复查意见书. All or nothing."""

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yingji.core.errors import DomainError
from yingji.prevention.choices import HazardState as H
from yingji.prevention.clocks import AMBER, OVERDUE, RUNNING, get_config
from yingji.prevention.workflows import fire_hazard

from . import documents
from .choices import DocumentKind, ItemResult, OrderState, TaskState
from .models import RectificationOrder

# The prevention steps still to take, from each state, for an order (to 已下达整改) and a 合格 re-check (to 销号).
TO_ORDERED = {H.REPORTED: ("verify", "order"), H.VERIFIED: ("order",)}
TO_CLOSED = {H.ORDERED: ("start", "apply", "recheck", "close"), H.RECTIFYING: ("apply", "recheck", "close"),
             H.ACCEPTANCE: ("recheck", "close"), H.RECHECKED: ("close",)}
RECHECK_RESULTS = {"pass": OrderState.PASSED, "fail": OrderState.FAILED}


def _day(value, field, label, *, default=None) -> dt.date:
    if value in (None, "") and default is not None:
        return default
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value or "").strip())
    except ValueError:
        raise DomainError("date_required" if not value else "invalid_date",
                          _("请填写%(l)s（YYYY-MM-DD）") % {"l": label}, field=field) from None


def _check_task(task) -> None:
    if task.state != TaskState.DONE:
        raise DomainError("task_not_inspected", _("该任务尚未录入检查结果"), field="task")
    if not task.findings.filter(result=ItemResult.FAIL, hazard__isnull=False).exists():
        raise DomainError("no_findings", _("该任务没有不合格事项，无需责令整改"), field="task")
    if task.orders.exists():
        raise DomainError("order_exists", _("该任务已下达责令限期整改"), field="task")


def issue_order(task, *, actor, deadline, requirements="", today=None) -> RectificationOrder:
    """`today` (the day of issue) is for the demo loader's past orders; requests always issue today."""
    today = today or timezone.localdate()
    _check_task(task)
    deadline = _day(deadline, "deadline", _("整改期限"))
    if deadline < today:
        raise DomainError("deadline_in_past", _("整改期限不能早于今天"), field="deadline")
    with transaction.atomic():
        order = RectificationOrder.objects.create(
            task=task, region_id=task.region_id, requirements=str(requirements or "")[:2000], issued_on=today,
            deadline=deadline, created_by=actor if getattr(actor, "pk", None) else None, is_demo=task.is_demo)
        for hazard in order.hazards():
            for event in TO_ORDERED.get(hazard.state, ()):
                hazard = fire_hazard(hazard, event, actor=actor, data={"deadline": deadline, "today": today})
        documents.issue(DocumentKind.ORDER, actor=actor, task=task, order=order, day=today,
                        build=documents.order_document(order))
    return order


def recheck(order, *, actor, result, note="", rechecked_on=None) -> RectificationOrder:
    if order.state != OrderState.ORDERED:
        raise DomainError("invalid_transition", _("该整改指令已复查"), field="result")
    if result not in RECHECK_RESULTS:
        raise DomainError("invalid_result", _("复查结果应为合格或不合格"), field="result")
    day = _day(rechecked_on, "rechecked_on", _("复查日期"), default=timezone.localdate())
    if day > timezone.localdate() or day < order.issued_on:
        raise DomainError("invalid_date", _("复查日期应在下达日期和今天之间"), field="rechecked_on")
    with transaction.atomic():
        order = RectificationOrder.objects.select_for_update().get(pk=order.pk)
        if order.state != OrderState.ORDERED:
            raise DomainError("invalid_transition", _("该整改指令已复查"), field="result")
        order.state, order.rechecked_on, order.recheck_note = RECHECK_RESULTS[result], day, str(note or "")[:1000]
        order.save()
        if order.state == OrderState.PASSED:
            _close_hazards(order, actor)
        documents.issue(DocumentKind.RECHECK, actor=actor, task=order.task, order=order, day=day,
                        build=documents.recheck_document(order))
    return order


def _close_hazards(order, actor) -> None:
    ordered = order.documents.filter(kind=DocumentKind.ORDER).first()
    note = _("执法复查合格（%(n)s）") % {"n": ordered.number if ordered else order.task.code}
    for hazard in order.hazards():
        for event in TO_CLOSED.get(hazard.state, ()):
            hazard = fire_hazard(hazard, event, actor=actor, data={"note": note, "today": order.rechecked_on})


@dataclass(frozen=True)
class DayClock:
    """A deadline in days as a clock, drawn like prevention's (running / amber / overdue): an order's 整改期限, a
    result's 公示 deadline (publication.py)."""

    state: str
    deadline: dt.date
    days_left: int

    @property
    def text(self) -> str:
        if self.days_left < 0:
            return _("逾期 %(n)d 天") % {"n": -self.days_left}
        return _("今天到期") if self.days_left == 0 else _("剩余 %(n)d 天") % {"n": self.days_left}


def clock_of(order, today=None) -> DayClock | None:
    if order.state != OrderState.ORDERED:
        return None
    left = (order.deadline - (today or timezone.localdate())).days
    state = OVERDUE if left < 0 else AMBER if left <= get_config().amber_days else RUNNING
    return DayClock(state, order.deadline, left)
