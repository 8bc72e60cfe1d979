"""What the plans app contributes to other apps' pages (core.extensions), registered from apps.py.

- its menu and demo data;
- the response panel on the incident page, and its "应急响应与调度" button;
- the "responses" section of the command board's feed (one panel per incident under a response);
- task timeliness in the incident review, on the page and in the DOCX;
- the timeline kinds it writes (response, task, dispatch);
- "my tasks" and the material orders waiting to be issued or received in the personal to-do inbox.
"""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from yingji.core import extensions as ext
from yingji.core.documents import Table
from yingji.core.timefmt import SHORT, local_text

from .choices import DISPATCH_KIND, ENDED, RESPONSE_KIND, TASK_KIND, TaskStatus
from .models import Response


def _incident_panel(user, incident):
    from .board import panel

    if not user.has_perm("plans.view_response") or not Response.objects.filter(incident=incident).exists():
        return None
    return {"panel": panel(incident)}


def _incident_links(user, incident):
    if not user.has_perm("plans.view_response"):
        return []
    return [(_("应急响应与调度"), reverse("plans:response", kwargs={"uuid": incident.uuid}), "response-link")]


def _board_responses(user, active, now) -> list[dict]:
    """Per active incident under an activated response: the plans panel (level, task progress, teams on
    their way or on scene, materials issued, shortfalls) as HTML, and the teams for the map."""
    from .board import panel

    if not user.has_perm("plans.view_response"):
        return []
    ids = Response.objects.filter(incident__in=active).exclude(level=ENDED).values("incident_id")
    result = []
    for incident in active.filter(pk__in=ids)[:20]:
        data = panel(incident, now)
        result.append({"uuid": str(incident.uuid), "name": incident.name, "teams": data["teams"],
                       "html": render_to_string("plans/_board_panel.html", {"panel": data, "incident": incident})})
    return result


def _review_context(incident):
    from .tasks import timeliness

    rows = timeliness(incident)
    return {"timeliness": rows} if rows["total"] else None


def _review_docx(incident) -> list:
    from .tasks import timeliness

    rows = timeliness(incident)
    if not rows["total"]:
        return []
    counts = rows["counts"]
    return [f"响应任务 {rows['total']} 项：按时完成 {counts['on_time']} 项，超时完成 {counts['late']} 项，"
            f"超时未完成 {counts['overdue']} 项，进行中 {counts['open']} 项。",
            Table(["任务", "责任单位", "完成时限", "接收时间", "完成时间", "时效"],
                  [[r["title"], r["organization"], local_text(r["deadline"], SHORT),
                    local_text(r["acknowledged_at"], SHORT), local_text(r["completed_at"], SHORT),
                    str(r["timeliness_label"])] for r in rows["tasks"]], caption="响应任务时效")]


def _open_tasks(user):
    from .models import Task
    from .tasks import my_tasks

    if not user.has_perm("plans.change_task") or not user.organization_id:
        return Task.objects.none()
    return my_tasks(user)


def _my_tasks(user) -> list[ext.TodoItem]:
    """Tasks of the user's organization still open (their assignees are told by plans.notify)."""
    return [ext.TodoItem(title=f"{task.incident.name} · {task.title}", url=reverse("plans:my-tasks"),
                         kind=_("接收任务") if task.status == TaskStatus.PENDING else _("办理任务"),
                         due_at=task.deadline, waiting_since=task.assigned_at)
            for task in _open_tasks(user)[:50]]


def _orders_waiting(user):
    """Material orders of incidents still under way waiting for their next step: 出库发运, then 现场签收."""
    from yingji.core.scoping import scope_to_user
    from yingji.incidents.choices import ACTIVE_STATUSES

    from .choices import MaterialOrderStatus as M
    from .models import MaterialOrder
    from .workflows import DISPATCH_MATERIAL

    if not user.has_perm(DISPATCH_MATERIAL):
        return MaterialOrder.objects.none()
    waiting = MaterialOrder.objects.filter(status__in=(M.RESERVED, M.ISSUED), incident__status__in=ACTIVE_STATUSES)
    return scope_to_user(waiting, user)


def _order_items(user) -> list[ext.TodoItem]:
    from .choices import MaterialOrderStatus as M

    return [ext.TodoItem(title=f"{order.incident.name} · {order.code}",
                         url=reverse("plans:response", kwargs={"uuid": order.incident.uuid}) + "#orders",
                         kind=_("物资出库发运") if order.status == M.RESERVED else _("物资现场签收"),
                         waiting_since=order.created)
            for order in _orders_waiting(user).select_related("incident").order_by("created")[:50]]


def register() -> None:
    group = _lazy("预案与指挥调度")
    ext.NAVIGATION.add(ext.NavItem(group, _lazy("预案管理总览"), "plans:dashboard", "plans.view_plan"))
    ext.NAVIGATION.add(ext.NavItem(group, _lazy("应急响应"), "plans:responses", "plans.view_response"))
    ext.NAVIGATION.add(ext.NavItem(group, _lazy("我的任务"), "plans:my-tasks", "plans.change_task"))
    ext.INCIDENT_PANELS.add(ext.IncidentPanel("plans.response", "plans/_board_panel.html", _incident_panel,
                                              links=_incident_links, order=10))
    ext.BOARD_PANELS.add(ext.BoardPanel("responses", _board_responses))
    ext.REVIEW_SECTIONS.add(ext.ReviewSection("plans.timeliness", "plans/_timeliness.html", _review_context,
                                              docx_blocks=_review_docx, order=10))
    for order, (code, label, icon) in enumerate(((RESPONSE_KIND, _lazy("应急响应"), "⚑"),
                                                 (TASK_KIND, _lazy("响应任务"), "☐"),
                                                 (DISPATCH_KIND, _lazy("调度"), "➜")), start=50):
        ext.TIMELINE_KINDS.add(ext.TimelineKind(code, label, icon, order=order))
    ext.TODO_PROVIDERS.add(ext.TodoProvider("plans.tasks", _lazy("我的任务"), _my_tasks,
                                            count=lambda user: _open_tasks(user).count()))
    ext.TODO_PROVIDERS.add(ext.TodoProvider("plans.material_orders", _lazy("物资调拨"), _order_items, order=110,
                                            count=lambda user: _orders_waiting(user).count()))
    ext.DEMO_LOADERS.add(ext.DemoLoader("plans", "yingji.plans.demo.load", order=40))
    _indicators()


def _indicators() -> None:
    """The plan's 3.5 from the plan registry (plans/indicators.py)."""
    from .indicators import plan_rates

    ext.INDICATORS.add(ext.Indicator(
        "3.5", _lazy("应急预案编制率和演练率"), "100%", "%", _lazy("约束性"),
        _lazy("编制率（区总体预案、各乡镇（街道）预案已编制的比例）与演练率（有演练周期的预案未逾期演练的比例）中的较低者"),
        plan_rates))
