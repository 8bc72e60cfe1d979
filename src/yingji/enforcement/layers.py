"""One-map layers of the enforcement app:
- 执法检查对象（本年检查结果）: the targets, coloured by this year's inspections and penalties (未检查 / 未发现问题 /
  发现问题 / 已处罚);
- 行政处罚对象（本年）: the targets with a penalty case this year — decided (已处罚) or still being handled (办案中) —
  each with its cases;
- 我的检查任务: the inspector's own tasks (by the directory's login account; for others the tasks in reach), to
  inspect or inspected this year, at the position recorded on site or else at the target. The page 我的检查任务地图
  (enforcement/my_map.html) draws the same tasks.
Colours are purples, greens, teals and greys: never the grade colours."""

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _lazy

from yingji.core.extensions import MAP_LAYERS, MapLayer
from yingji.core.geojson import MAX_FEATURES, detail_url, located, point
from yingji.core.registry import registry_for
from yingji.core.scoping import scope_to_user

from .choices import CaseState, ItemResult, TaskState
from .models import Finding, InspectionTask, PenaltyCase, Target

GROUP = _lazy("执法检查")
NOT_YET, CLEAN, FOUND = "#6c757d", "#2b9348", "#9d0191"  # grey, green, magenta: not the grade colours
PENALISED, HANDLING = "#3c096c", "#2a9d8f"  # dark purple, teal
TO_INSPECT = "#7b2cbf"  # purple
DECIDED = (CaseState.DECIDED, CaseState.SERVED, CaseState.EXECUTED, CaseState.CLOSED)


def _penalised(ids, year) -> set:
    """Targets with a penalty decided this year."""
    return set(PenaltyCase.objects.filter(target_id__in=ids, decided_on__year=year, state__in=DECIDED)
               .exclude(status="cancelled").values_list("target_id", flat=True))


def _targets(user, bbox, params):
    rows = list(located(Target.objects.all(), user, bbox, params).only(
        "uuid", "code", "name", "lon", "lat", "supervision_class")[:MAX_FEATURES])
    year, ids = timezone.localdate().year, [t.pk for t in rows]
    done = set(InspectionTask.objects.filter(target_id__in=ids, state=TaskState.DONE, inspected_on__year=year)
               .values_list("target_id", flat=True))
    found = set(Finding.objects.filter(task__target_id__in=ids, task__inspected_on__year=year,
                                       result=ItemResult.FAIL).values_list("task__target_id", flat=True))
    penalised = _penalised(ids, year)
    url = detail_url(registry_for(Target).url_name("detail"))
    labels = {NOT_YET: _lazy("本年未检查"), CLEAN: _lazy("已检查，未发现问题"), FOUND: _lazy("已检查，发现问题"),
              PENALISED: _lazy("本年已行政处罚")}

    def colour(t):
        return PENALISED if t.pk in penalised else FOUND if t.pk in found else CLEAN if t.pk in done else NOT_YET

    return [point(t.lon, t.lat, {"uuid": str(t.uuid), "code": t.code, "name": t.name, "url": url(t.uuid),
                                 "color": colour(t), "lines": [t.get_supervision_class_display(),
                                                               str(labels[colour(t)])]}) for t in rows]


def _cases(user, bbox, params):
    """The targets with a penalty case filed or decided this year, one feature per target."""
    year = timezone.localdate().year
    cases = scope_to_user(PenaltyCase.objects.exclude(status="cancelled"), user) \
        .filter(Q(filed_on__year=year) | Q(decided_on__year=year))
    targets = list(located(Target.objects.filter(pk__in=cases.values("target_id")), user, bbox, params)
                   .order_by("code")[:MAX_FEATURES])
    by_target: dict = {}
    for case in cases.filter(target__in=[t.pk for t in targets]).order_by("code"):
        by_target.setdefault(case.target_id, []).append(case)
    url = detail_url(registry_for(PenaltyCase).url_name("detail"))
    features = []
    for target in targets:
        found = by_target.get(target.pk, [])
        decided = any(c.state in DECIDED for c in found)
        lines = [str(_lazy("本年已行政处罚") if decided else _lazy("行政处罚办案中"))]
        lines += [f"{c.code} · {_penalty(c)} · {c.get_state_display()}" for c in found]
        features.append(point(target.lon, target.lat, {
            "uuid": str(target.uuid), "code": target.code, "name": target.name, "color": PENALISED if decided
            else HANDLING, "lines": lines, "links": [[c.code, url(c.uuid)] for c in found]}))
    return features


def _penalty(case) -> str:
    if case.penalty_kind == "fine":
        return str(_lazy("罚款%(a)s元")) % {"a": f"{case.amount:,.2f}"}
    return str(case.get_penalty_kind_display())


def my_tasks(user):
    """The inspector's own tasks (else those in reach): to inspect, or inspected this year; not cancelled."""
    tasks = scope_to_user(InspectionTask.objects.exclude(status="cancelled")
                          .select_related("target", "lead_inspector", "second_inspector"), user)
    mine = Q(lead_inspector__user=user) | Q(second_inspector__user=user)
    if getattr(user, "role", "") == "inspector" or tasks.filter(mine).exists():
        tasks = tasks.filter(mine)
    year = timezone.localdate().year
    return tasks.filter(Q(state=TaskState.ASSIGNED) | Q(state=TaskState.DONE, inspected_on__year=year))


def task_points(user, bbox=None) -> list[dict]:
    """Each task of my_tasks() with its position, colour and state text (the layer and the page)."""
    tasks = list(my_tasks(user).order_by("due_on", "code")[:MAX_FEATURES])
    failed = set(Finding.objects.filter(task__in=[t.pk for t in tasks], result=ItemResult.FAIL)
                 .values_list("task_id", flat=True))
    rows = []
    for task in tasks:
        lon, lat = (task.lon, task.lat) if task.lon is not None else (task.target.lon, task.target.lat)
        if lon is None or lat is None:
            continue
        if bbox and not (bbox[0] <= lon <= bbox[2] and bbox[1] <= lat <= bbox[3]):
            continue
        if task.state == TaskState.ASSIGNED:
            colour, text = TO_INSPECT, _lazy("待检查")
        else:
            found = task.pk in failed
            colour, text = (FOUND, _lazy("已检查，发现问题")) if found else (CLEAN, _lazy("已检查，未发现问题"))
        rows.append({"task": task, "lon": lon, "lat": lat, "color": colour, "text": str(text)})
    return rows


def _my_tasks(user, bbox, params):
    from django.urls import reverse

    url = detail_url(registry_for(InspectionTask).url_name("detail"))
    features = []
    for row in task_points(user, bbox):
        task = row["task"]
        links = [[str(_lazy("任务详情")), url(task.uuid)]]
        if task.state == TaskState.ASSIGNED:
            links.insert(0, [str(_lazy("现场检查")), reverse("enforcement:onsite", kwargs={"uuid": task.uuid})])
        day = task.inspected_on or task.due_on
        features.append(point(row["lon"], row["lat"], {
            "uuid": str(task.uuid), "code": task.code, "name": task.target.name, "color": row["color"],
            "lines": [task.code, row["text"], f"{day:%Y-%m-%d}" if day else ""], "links": links}))
    return features


def register_layers() -> None:
    MAP_LAYERS.add(MapLayer("enforcement-targets", _lazy("执法检查对象（本年检查结果）"), GROUP, _targets,
                            color=FOUND, permission="enforcement.view_target", order=76,
                            legend=((NOT_YET, _lazy("本年未检查")), (CLEAN, _lazy("已检查，未发现问题")),
                                    (FOUND, _lazy("已检查，发现问题")), (PENALISED, _lazy("本年已行政处罚")))))
    MAP_LAYERS.add(MapLayer("enforcement-penalised", _lazy("行政处罚对象（本年）"), GROUP, _cases,
                            color=PENALISED, permission="enforcement.view_penaltycase", order=77,
                            legend=((PENALISED, _lazy("本年已行政处罚")), (HANDLING, _lazy("行政处罚办案中")))))
    MAP_LAYERS.add(MapLayer("enforcement-my-tasks", _lazy("我的检查任务"), GROUP, _my_tasks,
                            color=TO_INSPECT, permission="enforcement.view_inspectiontask", order=78,
                            legend=((TO_INSPECT, _lazy("待检查")), (CLEAN, _lazy("已检查，未发现问题")),
                                    (FOUND, _lazy("已检查，发现问题")))))
