"""What each workflow transition does besides changing the state, and the timeline sentence it leaves."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from yingji.incidents.titles import canonical
from yingji.resources.choices import Readiness
from yingji.resources.readiness import set_readiness

from .choices import level_label
from .models import MaterialOrder, Response, Task, TeamOrder


def _now(data):
    from .workflows import now_of

    return now_of(data)


def _response(response: Response, transition, actor, data):
    from .activation import add_tasks

    if transition.event == "raise":
        response.highest_level = min(response.level, response.highest_level)  # "response_1" is the highest
        response.save()
        added = add_tasks(response, actor=actor, now=_now(data))
        body = _("%(r)s（新增任务 %(n)d 项）") % {"r": str(data.get("reason") or "").strip(), "n": len(added)}
    elif transition.event == "end":
        response.ended_at = _now(data)
        response.save()
        body = str(data.get("reason") or "").strip()
    else:
        body = str(data.get("reason") or "").strip()
    title = canonical(gettext_noop("应急响应：%(p)s %(t)s（%(l)s）"), p=response.plan.name, t=transition.label,
                      l=lambda: level_label(response.level))
    return title, body


def _task(task: Task, transition, actor, data):
    now = _now(data)
    stamp = {"accept": "acknowledged_at", "start": "started_at", "complete": "completed_at"}.get(transition.event)
    if stamp and not getattr(task, stamp):
        setattr(task, stamp, now)
    task.blocked_reason = str(data.get("reason") or "").strip()[:500] if transition.event == "block" else ""
    task.version += 1
    task.save()
    body = str(data.get("note") or data.get("reason") or "")
    return canonical(gettext_noop("任务%(e)s：%(t)s（%(o)s）"), e=transition.label, t=task.title,
                     o=task.organization.name), body


def _team(order: TeamOrder, transition, actor, data):
    order.times = {**order.times, transition.target: _now(data).isoformat()}
    if transition.event == "release":
        order.active = False
        set_readiness(actor=actor, team=order.team, readiness=Readiness.RESTING, by_order=True)
    order.save()
    return _("%(t)s：%(n)s（调令 %(c)s）") % {"t": transition.label, "n": order.team.name, "c": order.code}, \
        str(data.get("note") or "")


def _material(order: MaterialOrder, transition, actor, data):
    from . import dispatch

    order.times = {**order.times, transition.target: _now(data).isoformat()}
    order.save()
    body = getattr(dispatch, f"material_{transition.event}")(order, actor=actor, data=data)
    return _("物资%(t)s：调拨单 %(c)s") % {"t": transition.label, "c": order.code}, body


EFFECTS = {Response: _response, Task: _task, TeamOrder: _team, MaterialOrder: _material}


def run(record, transition, actor, data):
    return EFFECTS[type(record)](record, transition, actor, data)
