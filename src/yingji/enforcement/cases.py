"""行政处罚 as a core.workflow table (shared/STANDARDS.md §11): 立案 → 调查取证 → 案件审核 → (法制审核, for a
重大执法决定) → 告知 (行政处罚告知书: 陈述申辩, and 听证 when the case carries that right) → 决定 (行政处罚决定书) →
送达 → 执行 → 结案. Each step's legal deadline is a clock (case_clock); a step out of order is a 400 on `event`."""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yingji.core.errors import DomainError
from yingji.core.scoping import in_scope
from yingji.core.workflow import Transition, Workflow
from yingji.prevention.clocks import AMBER, OVERDUE, RUNNING

from . import case_documents, documents, payments, rights
from .choices import CaseState as C
from .choices import DocumentKind
from .config import current
from .models import PenaltyCase

HANDLE = "enforcement.handle_penaltycase"
LEGAL = "enforcement.legal_review_penaltycase"


def _legal_review_done(case, actor, data):
    if case.is_major and case.state != C.LEGAL_REVIEWED:
        raise DomainError("legal_review_required", _("重大执法决定须先经法制审核"), field="event")


def _rights_settled(case, actor, data):
    rights.check_settled(case)


def _fine_paid(case, actor, data):
    payments.check_paid(case)


def _needs_major(case, actor, data):
    if not case.is_major:
        raise DomainError("legal_review_not_needed", _("该案件不属于重大执法决定，无需法制审核"), field="event")


def _write(case, transition, actor, data):
    today = data.get("today") or timezone.localdate()  # a past day only from the demo loader (not from requests)
    dates = {"notify": "notified_on", "decide": "decided_on", "serve": "served_on", "close": "closed_on"}
    if transition.event in dates:
        setattr(case, dates[transition.event], today)
    case.updated_by = actor if getattr(actor, "pk", None) else case.updated_by
    case.save()
    if transition.event == "notify":
        documents.issue(DocumentKind.NOTICE, actor=actor, case=case, task=case.task, day=today,
                        build=case_documents.notice(case))
    elif transition.event == "decide":
        documents.issue(DocumentKind.DECISION, actor=actor, case=case, task=case.task, day=today,
                        build=case_documents.decision(case))


CASE_FLOW = Workflow(
    "enforcement_case",
    state_field="state",
    transitions=[
        Transition((C.FILED,), "investigate", C.INVESTIGATING, gettext_lazy("调查取证"), permission=HANDLE),
        Transition((C.INVESTIGATING,), "review", C.REVIEWING, gettext_lazy("提交案件审核"), permission=HANDLE),
        Transition((C.REVIEWING,), "legal_review", C.LEGAL_REVIEWED, gettext_lazy("法制审核通过"), permission=LEGAL,
                   guards=(_needs_major,)),
        Transition((C.REVIEWING, C.LEGAL_REVIEWED), "notify", C.NOTIFIED, gettext_lazy("告知"), permission=HANDLE,
                   guards=(_legal_review_done,)),
        Transition((C.NOTIFIED,), "decide", C.DECIDED, gettext_lazy("作出决定"), permission=HANDLE,
                   guards=(_rights_settled,)),
        Transition((C.DECIDED,), "serve", C.SERVED, gettext_lazy("送达"), permission=HANDLE),
        Transition((C.SERVED,), "execute", C.EXECUTED, gettext_lazy("执行完毕"), permission=HANDLE,
                   guards=(_fine_paid,)),
        Transition((C.EXECUTED,), "close", C.CLOSED, gettext_lazy("结案"), permission=HANDLE),
    ],
    on_transition=_write,
)


def fire_case(case: PenaltyCase, event: str, *, actor, data: dict | None = None) -> PenaltyCase:
    if actor is not None and not in_scope(actor, case):
        raise DomainError("not_found", _("未找到该案件"), field="uuid")
    return CASE_FLOW.fire(case, event, actor=actor, data=data or {})


@dataclass(frozen=True)
class CaseClock:
    """The legal deadline of the case's current step (行政处罚法), drawn like the other clocks."""

    what: str
    deadline: dt.date
    state: str
    days_left: int


def _deadlines(case) -> list[tuple[str, dt.date]]:
    config, days = current(), dt.timedelta
    decide = (_("作出处罚决定（立案后%(n)d日内）") % {"n": config.decision_days},
              case.filed_on + days(config.decision_days)) if case.filed_on else None
    if case.state in (C.FILED, C.INVESTIGATING, C.REVIEWING, C.LEGAL_REVIEWED) and decide:
        return [decide]
    if case.state == C.NOTIFIED and case.notified_on:
        found = rights.rights_clocks(case)  # 陈述申辩, 申请听证, 举行听证: working days (第八十五条)
        return [*found, decide] if decide else found
    if case.state == C.DECIDED and case.decided_on:
        return [(_("送达决定书（决定后%(n)d个工作日内）") % {"n": config.service_days},
                 rights.working_days_after(case.decided_on, config.service_days))]
    if case.state == C.SERVED and case.served_on and payments.fine_of(case) \
            and not payments.payment_status(case)["settled"]:
        return [(_("缴纳罚款（送达后%(n)d日内）") % {"n": config.payment_days}, payments.due_on(case))]
    return []


def case_clocks(case, today=None) -> list[CaseClock]:
    today = today or timezone.localdate()
    clocks = []
    for what, deadline in _deadlines(case):
        left = (deadline - today).days
        state = OVERDUE if left < 0 else AMBER if left <= 2 else RUNNING
        clocks.append(CaseClock(what, deadline, state, left))
    return clocks


def open_case(task, *, actor, penalty_kind="fine", amount=None, facts="", legal_basis="") -> PenaltyCase:
    """立案 from an inspected task: the task's target is the party unit, the task's documents join the 案卷."""
    from django.core.exceptions import ValidationError

    from yingji.core.errors import validation_error_fields

    if task.state != "done":
        raise DomainError("task_not_inspected", _("该任务尚未录入检查结果"), field="task")
    user = actor if getattr(actor, "pk", None) else None
    failed = "；".join(f.item.name for f in task.findings.filter(result="fail").select_related("item"))
    case = PenaltyCase(name=_("%(t)s安全生产违法案") % {"t": task.target.name}, target=task.target, task=task,
                       region_id=task.region_id, penalty_kind=str(penalty_kind or ""),
                       facts=str(facts or failed)[:4000], legal_basis=str(legal_basis or "")[:300],
                       created_by=user, updated_by=user)
    try:
        case.amount = amount if amount not in (None, "") else 0
        case.full_clean()
    except ValidationError as exc:
        code, message, fields = validation_error_fields(exc)
        raise DomainError(code, message, fields=fields) from None
    case.save()
    return case
