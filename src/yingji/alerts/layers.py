"""The one-map layer of warnings in force: one feature per warning (its whole area as one shape, so it carries
one label), coloured by its level (blue, yellow, orange, red: shared/STANDARDS.md §1)."""

import shapely
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from shapely.geometry import mapping, shape

from yingji.standards.warnings import WarningLevel

from .area import area_geojson
from .services import in_force
from .types import level_name

# Most severe first, as the legend reads.
LEGEND = ((WarningLevel.LEVEL_1.hex, _("红色预警（一级）")), (WarningLevel.LEVEL_2.hex, _("橙色预警（二级）")),
          (WarningLevel.LEVEL_3.hex, _("黄色预警（三级）")), (WarningLevel.LEVEL_4.hex, _("蓝色预警（四级）")))


def _one_shape(collection: dict) -> dict | None:
    shapes = [shape(f["geometry"]) for f in collection["features"] if f.get("geometry")]
    if not shapes:
        return None
    return mapping(shapely.union_all([s.buffer(0) for s in shapes]))


def warnings_in_force(user, bbox, params) -> list[dict]:
    drawn = []
    for warning in in_force().select_related("cap").prefetch_related("area_regions"):
        geometry = _one_shape(area_geojson(warning))
        if geometry is None:
            continue
        level = warning.level_enum
        drawn.append((level.severity, {"type": "Feature", "geometry": geometry, "properties": {
            "uuid": str(warning.uuid), "name": warning.headline, "color": level.hex,
            "level": level_name(warning.type_code, level), "area": warning.area_desc,
            "url": reverse("alerts:detail", kwargs={"uuid": warning.uuid})}}))
    # The most severe last, so it lies on top where areas overlap.
    return [feature for _severity, feature in sorted(drawn, key=lambda pair: pair[0])]
