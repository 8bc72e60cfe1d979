"""The zoning pages: the latest assessment's townships with their per-hazard figures (`/census/zoning/`; with
`?hazard=<geological|flash_flood|flood|waterlogging>` that hazard's own zoning), the A3 printable zoning map (the
same `?hazard=`) (`/census/zoning/print/`: title, map, legend, scale bar, north arrow; browser print to PDF)
and each township's risk card as DOCX (`/census/zoning/<code>/card.docx`)."""

import math

from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from shapely.geometry import shape

from yingji.core.documents import DOCX_TYPE
from yingji.core.registry import registry_for
from yingji.geo.chuanshan import district_outline
from yingji.incidents.api import file_response

from .choices import RiskHazard, RiskLevel
from .grid import CELL_KM
from .layers import HAZARD_LAYER_TITLES, LEVEL_HEX, latest_assessment, visible_cells, zoning_townships
from .models import RiskAssessment
from .risk import hazard_zoning

GRID_TABLE_ROWS = 30  # the grid map's side table: the cells of highest risk
MAP_W, MAP_H = 300.0, 232.0  # mm of the map frame on the A3 landscape sheet
KM_PER_DEG_LAT = 111.32


def _hazard(request) -> str | None:
    """The hazard of a per-hazard map (`?hazard=flood`), None for the combined zoning; unknown → ValueError."""
    hazard = request.GET.get("hazard") or None
    if hazard is not None and hazard not in RiskHazard.values:
        raise ValueError(hazard)
    return hazard


def _bad_hazard(request):
    return HttpResponseBadRequest(_("未知的灾种：%(h)s（可选：%(c)s）") % {
        "h": request.GET.get("hazard"), "c": "、".join(RiskHazard.values)})


def _rows(user, assessment, hazard=None):
    """The assessment's rows the user may see; for one hazard, its class and score (risk.hazard_zoning)."""
    if assessment is None:
        return []
    codes = set(zoning_townships(user).values_list("code", flat=True))
    by_hazard = hazard_zoning(assessment.results, hazard, assessment.cuts()) if hazard else {}
    rows = []
    for row in assessment.results:
        if row["code"] in codes:
            row = {**row, **by_hazard.get(row["code"], {})}
            if hazard:
                row["people"] = row["hazards"][hazard]["people"]
            level = RiskLevel(row["level"])
            rows.append({**row, "level_label": level.label, "colour": LEVEL_HEX[level],
                         "parts": [(RiskHazard(h).label, part) for h, part in row["hazards"].items()],
                         "card_url": reverse("census:risk-card", kwargs={"code": row["code"]})})
    if hazard:
        rows.sort(key=lambda row: (-row["score"], row["code"]))
    return rows


@login_required
@permission_required("census.view_riskassessment", raise_exception=True)
def zoning_page(request):
    try:
        hazard = _hazard(request)
    except ValueError:
        return _bad_hazard(request)
    assessment = latest_assessment(request.user)
    rows = _rows(request.user, assessment, hazard)
    return render(request, "census/zoning.html", {
        "hazard": hazard, "hazard_label": RiskHazard(hazard).label if hazard else "", "hazards": RiskHazard.choices,
        "layer_title": HAZARD_LAYER_TITLES[hazard] if hazard else _("综合风险区划（乡镇）"),
        "assessment": assessment, "rows": rows, "levels": [(LEVEL_HEX[lv], lv.label) for lv in RiskLevel],
        "counts": {lv.label: sum(1 for r in rows if r["level"] == lv.value) for lv in RiskLevel},
        "registry": registry_for(RiskAssessment),
        "can_assess": request.user.has_perm("census.add_riskassessment")})


def _projection(outline):
    """lon/lat → mm in the map frame: equirectangular at the district's mean latitude, fitted and centred."""
    min_x, min_y, max_x, max_y = shape(outline).bounds
    k = math.cos(math.radians((min_y + max_y) / 2))
    scale = min(MAP_W / ((max_x - min_x) * k), MAP_H / (max_y - min_y)) * 0.94  # mm per degree of latitude
    off_x = (MAP_W - (max_x - min_x) * k * scale) / 2
    off_y = (MAP_H - (max_y - min_y) * scale) / 2

    def project(lon, lat):
        return round(off_x + (lon - min_x) * k * scale, 2), round(MAP_H - off_y - (lat - min_y) * scale, 2)

    return project, KM_PER_DEG_LAT / scale  # km per mm


def _path(geometry, project) -> str:
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    parts = []
    for polygon in polygons:
        for ring in polygon:
            points = [project(x, y) for x, y in ring]
            parts.append("M" + " L".join(f"{x},{y}" for x, y in points) + " Z")
    return " ".join(parts)


def _scale_bar(km_per_mm):
    """A bar of a round length near 60 mm, and the representative fraction of the printed sheet."""
    target = 60 * km_per_mm
    length_km = max((n for n in (0.5, 1, 2, 5, 10, 20) if n <= target), default=0.5)
    return {"km": length_km if length_km < 1 else int(length_km), "mm": round(length_km / km_per_mm, 1),
            "half_mm": round(length_km / km_per_mm / 2, 1),
            "fraction": f"1:{round(km_per_mm * 1_000_000, -3):,.0f}"}


@login_required
@permission_required("census.view_riskassessment", raise_exception=True)
def print_page(request):
    try:
        hazard = _hazard(request)
    except ValueError:
        return _bad_hazard(request)
    grid = request.GET.get("unit") == "grid"
    assessment = latest_assessment(request.user)
    rows = {row["code"]: row for row in _rows(request.user, assessment, None if grid else hazard)}
    outline = district_outline()
    project, km_per_mm = _projection(outline)
    cells = []
    for cell in visible_cells(request.user, assessment) if grid else ():
        (left, bottom), (right, top) = project(*cell["bounds"][:2]), project(*cell["bounds"][2:])
        cells.append({"x": left, "y": top, "w": round(right - left, 2), "h": round(bottom - top, 2),
                      "colour": LEVEL_HEX[RiskLevel(cell["level"])], "code": cell["code"],
                      "level": RiskLevel(cell["level"]).label, "score": cell["score"]})
    shapes = []
    for township in zoning_townships(request.user).filter(geometry__isnull=False):
        row = rows.get(township.code)
        label = project(township.lon, township.lat) if township.lon is not None else None
        shapes.append({"name": township.name, "path": _path(township.geometry, project), "label": label,
                       "colour": "none" if grid else (row["colour"] if row else "#ffffff"),
                       "level": row["level_label"] if row else "",
                       "score": row["score"] if row else None})
    return render(request, "census/zoning_print.html", {
        "hazard": None if grid else hazard, "hazard_label": RiskHazard(hazard).label if hazard and not grid else "",
        "grid": grid, "cells": cells, "cell_km": CELL_KM,
        "top_cells": sorted(cells, key=lambda c: -c["score"])[:GRID_TABLE_ROWS],
        "assessment": assessment, "shapes": shapes, "rows": list(rows.values()),
        "outline": _path(outline, project), "map_w": MAP_W, "map_h": MAP_H,
        "levels": [(LEVEL_HEX[lv], lv.label) for lv in RiskLevel], "scale": _scale_bar(km_per_mm),
        "today": timezone.localdate()})


@login_required
@permission_required("census.view_riskassessment", raise_exception=True)
def risk_card(request, code):
    from .card import township_card

    township = zoning_townships(request.user).filter(code=code).first()
    if township is None:
        raise Http404
    content = township_card(township, latest_assessment(request.user), request.user)
    return file_response(content, DOCX_TYPE, f"{township.name}-自然灾害风险清单.docx")
