"""Response tasks: updates and attachments on the incident timeline, "my tasks", timeliness."""

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.utils.translation import gettext_noop

from yingji.core.errors import DomainError, PermissionDeniedError
from yingji.incidents import timeline
from yingji.incidents.choices import TimelineKind
from yingji.incidents.timeline import ATTACHMENT_MAX_BYTES
from yingji.incidents.titles import canonical

from .choices import OPEN_TASK_STATUSES, TASK_KIND, TaskStatus
from .models import Task
from .workflows import CHANGE_TASK, MANAGE_TASK

SEE_ALL = ("observer", "inspector")


def visible_tasks(user):
    tasks = Task.objects.select_related("incident", "organization", "response__plan")
    if user.has_perm(MANAGE_TASK) or user.role in SEE_ALL:
        return tasks
    return tasks.filter(organization_id=user.organization_id) if user.organization_id else tasks.none()


def my_tasks(user, include_done=False):
    """Tasks of the user's own organization, across incidents, soonest deadline first."""
    tasks = Task.objects.select_related("incident", "organization", "response__plan").filter(
        organization_id=user.organization_id)
    return (tasks if include_done else tasks.filter(status__in=OPEN_TASK_STATUSES)).order_by("deadline")


def post_update(task, *, actor, body="", attachment=None, now=None):
    if not actor.has_perm(CHANGE_TASK):
        raise PermissionDeniedError("permission_denied", _("您没有办理任务的权限"))
    if not (actor.has_perm(MANAGE_TASK) or actor.organization_id == task.organization_id):
        raise PermissionDeniedError("not_your_task", _("该任务由%(o)s负责，您不能办理") % {"o": task.organization.name})
    body = (body or "").strip()
    if not body and attachment is None:
        raise DomainError("empty_message", _("请填写进展或选择附件"), field="body")
    if attachment is not None and attachment.size > ATTACHMENT_MAX_BYTES:
        raise DomainError("attachment_too_large", _("附件不能超过 20 MB"), field="attachment")
    kind = TimelineKind.ATTACHMENT if attachment is not None else TASK_KIND
    with transaction.atomic():
        title = canonical(gettext_noop("任务进展：%(t)s"), t=task.title)
        return timeline.write(task.incident, kind=kind, title=title, body=body, actor=actor, at=now or timezone.now(),
                              attachment=attachment,
                              data={"source": "plans", "record": str(task.uuid), "event": "update"})


def timeliness(incident, now=None) -> dict:
    """Per task: deadline, acknowledgement and completion, on time or late; and the totals."""
    now = now or timezone.now()
    rows = []
    for task in Task.objects.filter(incident=incident).select_related("organization").order_by("assigned_at", "id"):
        state = task.timeliness(now)
        rows.append({"uuid": str(task.uuid), "title": task.title, "organization": task.organization.name,
                     "level": task.level, "status": task.get_status_display(), "deadline": task.deadline,
                     "acknowledged_at": task.acknowledged_at, "completed_at": task.completed_at,
                     "timeliness": state, "timeliness_label": TIMELINESS[state]})
    counts = {key: sum(1 for r in rows if r["timeliness"] == key) for key in TIMELINESS}
    return {"tasks": rows, "counts": counts, "total": len(rows)}


TIMELINESS = {"on_time": _l("按时完成"), "late": _l("超时完成"), "overdue": _l("已超时未完成"), "open": _l("进行中")}


def overdue(now=None):
    now = now or timezone.now()
    return Task.objects.filter(~Q(status=TaskStatus.DONE), deadline__lt=now)
