"""Grid worker patrols (prevention/models/patrols.py): the tasks a grid worker sees, and recording a visit.

`record_visit` is what the mobile patrol page posts (through core.submissions.once, so an offline re-send of
the same report records it once): the visit, and when it found a hazard, the hazard (source 网格员巡查, in the
task's grid area, linked from the visit) with the photo as its 整改前照片 attachment. All or nothing: a bad photo
or a missing hazard name is refused before anything is written."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yingji.core import attachments, submissions
from yingji.core.errors import DomainError, PermissionDeniedError
from yingji.core.registry import registry_for
from yingji.core.scoping import scope_to_user
from yingji.core.services import save_record

from .choices import HazardGrade, HazardSource
from .models import Hazard
from .models.patrols import PatrolResult, PatrolState, PatrolTask, PatrolVisit


def my_tasks(user):
    """The user's own patrol tasks, open ones first."""
    tasks = scope_to_user(PatrolTask.objects.filter(worker_id=user.pk), user)
    return sorted(tasks, key=lambda task: (task.state == PatrolState.DONE, task.starts_on))


def may_record(user, task) -> bool:
    return task.worker_id == user.pk and user.has_perm("prevention.add_patrolvisit")


def record_visit(*, actor, task, data: dict, photo=None) -> PatrolVisit:
    """data: result (normal|hazard), note, lon, lat, finish (bool); for a hazard also hazard_name and grade."""
    if not may_record(actor, task):
        raise PermissionDeniedError("permission_denied", _("只有该任务的网格员可以填报巡查记录"))
    if task.state == PatrolState.DONE:
        raise DomainError("patrol_done", _("该巡查任务已完成，不能再填报"), field="result")
    found = _checked(data, photo)
    with transaction.atomic():
        hazard = _file_hazard(actor, task, data) if found else None
        visit = PatrolVisit.objects.create(task=task, result=data["result"], note=data.get("note", ""),
                                           lon=data.get("lon"), lat=data.get("lat"), hazard=hazard,
                                           recorded_by=actor)
        submissions.store_pending(visit)
        _advance(task, finish=bool(data.get("finish")))
        if hazard is not None and photo is not None:  # last: a failure after it would leave the file behind
            attachments.attach(actor=actor, record=hazard, upload=photo, kind="before", lon=visit.lon,
                               lat=visit.lat, check_permission=False)
    return visit


def _checked(data: dict, photo) -> bool:
    """Whether the visit found a hazard; refuses what cannot be saved before anything is written."""
    if data.get("result") not in PatrolResult.values:
        raise DomainError("invalid_result", _("请选择巡查结果"), field="result")
    if data["result"] != PatrolResult.HAZARD:
        return False
    if not (data.get("hazard_name") or "").strip():
        raise DomainError("hazard_name_required", _("发现隐患时请填写隐患描述"), field="hazard_name")
    if (data.get("grade") or HazardGrade.GENERAL) not in HazardGrade.values:
        raise DomainError("invalid_grade", _("隐患等级无效"), field="grade")
    if photo is not None:
        try:
            attachments.check_upload(photo, "before")
        except DomainError as exc:
            raise DomainError(exc.code, exc.message, field="photo") from None
    return True


def _file_hazard(actor, task, data) -> Hazard:
    note = (data.get("note") or "").strip()
    return save_record(registry_for(Hazard), actor=actor, data={
        "name": data["hazard_name"].strip()[:200], "region": task.region, "source": HazardSource.GRID,
        "grade": data.get("grade") or HazardGrade.GENERAL, "found_on": timezone.localdate(),
        "lon": data.get("lon"), "lat": data.get("lat"),
        "description": _("网格员巡查发现（巡查任务 %(code)s）") % {"code": task.code} + (f"\n{note}" if note else ""),
        "extra": {"patrol_task": str(task.uuid)}})


def _advance(task, *, finish: bool) -> None:
    state = PatrolState.DONE if finish else PatrolState.ACTIVE
    if task.state != state:
        task.state = state
        task.save()
