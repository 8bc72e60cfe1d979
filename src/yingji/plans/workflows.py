"""The four state machines of the plans app, as transition tables (DESIGN §4.3).

Each transition's effect (timestamps, stock movements, new tasks, team readiness) runs inside the
workflow's transaction, followed by one entry on the incident timeline, so a failure changes nothing.
"""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from yingji.core.errors import DomainError, PermissionDeniedError
from yingji.core.workflow import Transition, Workflow, precondition
from yingji.incidents import timeline

from .choices import DISPATCH_KIND, ENDED, LEVELS_UP, RESPONSE_KIND, TASK_KIND, level_label
from .choices import MaterialOrderStatus as M
from .choices import TaskStatus as T
from .choices import TeamOrderStatus as O

ACTIVATE = "plans.activate_response"
CHANGE_TASK = "plans.change_task"
MANAGE_TASK = "plans.manage_task"
DISPATCH_TEAM = "plans.change_teamorder"
DISPATCH_MATERIAL = "plans.change_materialorder"
ORDER = [level.value for level in LEVELS_UP]
TIMELINE_KINDS = {"Response": RESPONSE_KIND, "Task": TASK_KIND, "TeamOrder": DISPATCH_KIND,
                  "MaterialOrder": DISPATCH_KIND}


def now_of(data) -> object:
    return data.get("now") or timezone.now()


def step(level: str, by: int) -> str | None:
    index = ORDER.index(level) + by
    return ORDER[index] if 0 <= index < len(ORDER) else None


def check_approver(version, level: str, actor) -> None:
    """The plan's level definition names who may approve it; refuse anybody else."""
    from .content import level_definition

    definition = level_definition(version.content, level)
    if definition is None:
        raise DomainError("level_not_defined", _("该预案未定义%(l)s") % {"l": level_label(level)}, field="level")
    approvers = definition.get("approvers", [])
    if getattr(actor, "is_superuser", False) or getattr(actor, "role", None) in approvers:
        return
    from yingji.core.roles import Role

    names = "、".join(str(Role(role).label) for role in approvers)
    message = _("%(l)s须由%(r)s批准启动") % {"l": level_label(level), "r": names}
    raise PermissionDeniedError("approver_required", message)


@precondition
def incident_active(record, actor, data) -> None:
    if not record.incident.is_active:
        raise DomainError("incident_closed", _("事件“%(n)s”已%(s)s，不能再调整响应或调度")
                          % {"n": record.incident.name, "s": record.incident.get_status_display()}, field="incident")


@precondition
def _may_raise(response, actor, data):
    target = step(response.level, 1)
    check_approver(response.version, target, actor)


@precondition
def _lower_level_defined(response, actor, data):
    from .content import level_definition

    target = step(response.level, -1)
    if level_definition(response.version.content, target) is None:
        raise DomainError("level_not_defined", _("该预案未定义%(l)s") % {"l": level_label(target)}, field="level")


def _change_reason(response, actor, data):
    """Changing or ending a response is a decision on the record: its reason goes on the timeline."""
    if not str(data.get("reason") or "").strip():
        raise DomainError("reason_required", _("请填写调整或终止响应的理由"), field="reason")


@precondition
def _own_task(task, actor, data):
    if actor.has_perm(MANAGE_TASK) or (actor.organization_id and actor.organization_id == task.organization_id):
        return
    raise PermissionDeniedError("not_your_task", _("该任务由%(o)s负责，您不能办理") % {"o": task.organization.name})


def _reason(record, actor, data):
    if not str(data.get("reason") or "").strip():
        raise DomainError("reason_required", _("请填写受阻原因"), field="reason")


def _write(record, transition, actor, data):
    """Run the effect of the transition, then write one timeline entry on the incident."""
    from . import effects

    title, body = effects.run(record, transition, actor, data)
    timeline.write(record.incident, kind=TIMELINE_KINDS[type(record).__name__], title=title, body=body, actor=actor,
                   at=now_of(data),
                   attachment=data.get("attachment"),
                   data={"source": "plans", "record": str(record.uuid), "event": transition.event,
                         "to": transition.target})


def _levels(event, by, label):
    pairs = [(level, step(level, by)) for level in ORDER if step(level, by)]
    guards = (incident_active, _may_raise if by > 0 else _lower_level_defined, _change_reason)
    return [Transition((src,), event, dst, label, permission=ACTIVATE, guards=guards) for src, dst in pairs]


RESPONSE_FLOW = Workflow("response", state_field="level", on_transition=_write, transitions=[
    *_levels("raise", 1, _l("提升响应级别")),
    *_levels("lower", -1, _l("降低响应级别")),
    Transition(tuple(ORDER), "end", ENDED, _l("终止响应"), permission=ACTIVATE, guards=(_change_reason,)),
])

TASK_FLOW = Workflow("task", on_transition=_write, transitions=[
    Transition((T.PENDING,), "accept", T.ACCEPTED, _l("接收任务"), permission=CHANGE_TASK, guards=(_own_task,)),
    Transition((T.ACCEPTED, T.BLOCKED), "start", T.IN_PROGRESS, _l("开始执行"), permission=CHANGE_TASK,
               guards=(_own_task,)),
    Transition((T.IN_PROGRESS,), "complete", T.DONE, _l("完成任务"), permission=CHANGE_TASK, guards=(_own_task,)),
    Transition((T.ACCEPTED, T.IN_PROGRESS), "block", T.BLOCKED, _l("报告受阻"), permission=CHANGE_TASK,
               guards=(_own_task, _reason)),
])

TEAM_FLOW = Workflow("teamorder", on_transition=_write, transitions=[
    Transition((O.DISPATCHED,), "respond", O.RESPONDED, _l("队伍响应"), permission=DISPATCH_TEAM),
    Transition((O.RESPONDED,), "depart", O.DEPARTED, _l("队伍出发"), permission=DISPATCH_TEAM),
    Transition((O.DEPARTED,), "arrive", O.ARRIVED, _l("队伍到场"), permission=DISPATCH_TEAM),
    Transition((O.ARRIVED,), "return", O.RETURNING, _l("队伍返回"), permission=DISPATCH_TEAM),
    Transition((O.RETURNING, O.DISPATCHED, O.RESPONDED), "release", O.RELEASED, _l("解除调令"),
               permission=DISPATCH_TEAM),
])

MATERIAL_FLOW = Workflow("materialorder", on_transition=_write, transitions=[
    Transition((M.RESERVED,), "dispatch", M.ISSUED, _l("出库发运"), permission=DISPATCH_MATERIAL,
               guards=(incident_active,)),
    Transition((M.ISSUED,), "receive", M.RECEIVED, _l("现场签收"), permission=DISPATCH_MATERIAL),
    Transition((M.RECEIVED,), "close", M.CLOSED, _l("结单（退回未用物资）"), permission=DISPATCH_MATERIAL),
    Transition((M.RESERVED,), "cancel", M.CANCELLED, _l("取消并释放预占"), permission=DISPATCH_MATERIAL),
])

FLOWS = {"response": RESPONSE_FLOW, "task": TASK_FLOW, "teamorder": TEAM_FLOW, "materialorder": MATERIAL_FLOW}


def fire(flow: Workflow, record, event: str, *, actor, data=None):
    from yingji.core.scoping import ensure_in_jurisdiction

    ensure_in_jurisdiction(actor, record.region)
    return flow.fire(record, event, actor=actor, data=data or {})
