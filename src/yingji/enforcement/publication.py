"""一公开: a 双随机 inspection's result is published (公示) within `publish_working_days` (20) working days of the
inspection (shared/STANDARDS.md §11 [S]). An officer reviews and publishes it (审核公示); the public page shows the
result only once published. Each inspected, unpublished result has a clock (running / amber within
`publish_amber_days` working days / overdue), waits in the to-do inbox, and E.6 counts those published on time."""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yingji.core import audit
from yingji.core.errors import DomainError
from yingji.core.models import AuditAction
from yingji.core.scoping import scope_to_user
from yingji.prevention.clocks import AMBER, OVERDUE, RUNNING

from .choices import DrawState, TaskState
from .config import current
from .models import InspectionTask
from .orders import DayClock
from .rights import working_days_after

PUBLISH = "enforcement.publish_result"


def deadline(task) -> dt.date | None:
    """The last day to publish: the inspection day + `publish_working_days` working days."""
    return working_days_after(task.inspected_on, current().publish_working_days) if task.inspected_on else None


def clock(task, today=None) -> DayClock | None:
    """The publication clock of an inspected, unpublished drawn task; None otherwise."""
    if not _due(task):
        return None
    today, end = today or timezone.localdate(), deadline(task)
    amber_from = working_days_after(today, current().publish_amber_days)
    state = OVERDUE if end < today else AMBER if end <= amber_from else RUNNING
    return DayClock(state, end, (end - today).days)


def _due(task) -> bool:
    return (task.state == TaskState.DONE and task.draw_id is not None and task.published_on is None
            and task.status != "cancelled")


def awaiting(user=None):
    """Inspected results of valid draws not yet published, oldest inspection first (in the user's reach)."""
    tasks = (InspectionTask.objects.filter(state=TaskState.DONE, draw__isnull=False, draw__state=DrawState.VALID,
                                           published_on__isnull=True)
             .exclude(status="cancelled").select_related("target", "draw", "region").order_by("inspected_on", "code"))
    return scope_to_user(tasks, user) if user is not None else tasks


def publish(tasks, *, actor, on=None) -> list[InspectionTask]:
    """Publish the results of `tasks` (all or nothing); 400 on `tasks` naming the first one that cannot be."""
    tasks = list(tasks)
    if not tasks:
        raise DomainError("tasks_required", _("请选择要公示的检查结果"), field="tasks")
    day = on or timezone.localdate()
    with transaction.atomic():
        locked = {t.pk: t for t in InspectionTask.objects.select_for_update().filter(pk__in=[t.pk for t in tasks])}
        for task in tasks:
            task = locked[task.pk]
            if task.draw_id is None:
                raise DomainError("not_drawn", _("%(c)s不是双随机抽查任务") % {"c": task.code}, field="tasks")
            if task.state != TaskState.DONE or task.status == "cancelled":
                raise DomainError("task_not_inspected", _("%(c)s尚未录入检查结果") % {"c": task.code}, field="tasks")
            if task.published_on is not None:
                raise DomainError("already_published", _("%(c)s已于%(d)s公示")
                                  % {"c": task.code, "d": f"{task.published_on:%Y-%m-%d}"}, field="tasks")
            if day < task.inspected_on:
                raise DomainError("invalid_date", _("公示日期不能早于检查日期"), field="published_on")
            late = day > deadline(task)
            InspectionTask.objects.filter(pk=task.pk).update(published_on=day)
            task.published_on = day
            audit.record(AuditAction.UPDATE, model_label=InspectionTask._meta.label, object_id=task.pk,
                         object_repr=str(task)[:200], actor=actor, before={"published_on": None},
                         after={"published_on": day.isoformat(), "deadline": deadline(task).isoformat(),
                                "late": late})
    return [locked[t.pk] for t in tasks]


def on_time_rate_parts(user) -> tuple[int, int]:
    """E.6: (published by their deadline, published + unpublished past their deadline) for this year's inspections."""
    today = timezone.localdate()
    drawn = scope_to_user(InspectionTask.objects.filter(state=TaskState.DONE, draw__isnull=False,
                                                        inspected_on__year=today.year).exclude(status="cancelled"),
                          user).only("inspected_on", "published_on")
    on_time = due = 0
    for task in drawn:
        end = deadline(task)
        if task.published_on is not None:
            due += 1
            on_time += task.published_on <= end
        elif end < today:
            due += 1
    return on_time, due
