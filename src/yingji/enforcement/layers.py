"""One-map layer: the inspection targets, coloured by this year's inspections (未检查 / 未发现问题 / 发现问题)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _lazy

from yingji.core.extensions import MAP_LAYERS, MapLayer
from yingji.core.geojson import MAX_FEATURES, detail_url, located, point
from yingji.core.registry import registry_for

from .choices import ItemResult, TaskState
from .models import Finding, InspectionTask, Target

GROUP = _lazy("执法检查")
NOT_YET, CLEAN, FOUND = "#6c757d", "#2b9348", "#9d0191"  # grey, green, magenta: not the grade colours


def _targets(user, bbox, params):
    rows = list(located(Target.objects.all(), user, bbox, params).only(
        "uuid", "code", "name", "lon", "lat", "supervision_class")[:MAX_FEATURES])
    year, ids = timezone.localdate().year, [t.pk for t in rows]
    done = set(InspectionTask.objects.filter(target_id__in=ids, state=TaskState.DONE, inspected_on__year=year)
               .values_list("target_id", flat=True))
    found = set(Finding.objects.filter(task__target_id__in=ids, task__inspected_on__year=year,
                                       result=ItemResult.FAIL).values_list("task__target_id", flat=True))
    url = detail_url(registry_for(Target).url_name("detail"))
    labels = {NOT_YET: _lazy("本年未检查"), CLEAN: _lazy("已检查，未发现问题"), FOUND: _lazy("已检查，发现问题")}

    def colour(t):
        return FOUND if t.pk in found else CLEAN if t.pk in done else NOT_YET

    return [point(t.lon, t.lat, {"uuid": str(t.uuid), "code": t.code, "name": t.name, "url": url(t.uuid),
                                 "color": colour(t), "lines": [t.get_supervision_class_display(),
                                                               str(labels[colour(t)])]}) for t in rows]


def register_layers() -> None:
    MAP_LAYERS.add(MapLayer("enforcement-targets", _lazy("执法检查对象（本年检查结果）"), GROUP, _targets,
                            color=FOUND, permission="enforcement.view_target", order=76,
                            legend=((NOT_YET, _lazy("本年未检查")), (CLEAN, _lazy("已检查，未发现问题")),
                                    (FOUND, _lazy("已检查，发现问题")))))
