"""Dispatch recommendations for an incident: the teams and materials that cover its active responses'
requirements, by travel time and readiness, with the allocation solved against "nearest depot first"."""

from decimal import Decimal

import numpy as np
from django.utils.translation import gettext as _

from yingji.core.errors import ConflictError, DomainError
from yingji.core.scoping import REQUEST, scope_for
from yingji.resources.choices import Readiness
from yingji.resources.models import Depot, Material
from yingji.resources.stock import available_by_depot

from . import allocation
from .capability import team_label, teams_matching
from .choices import ENDED
from .content import requirements
from .models import TeamOrder
from .travel import minutes_table

READINESS_RANK = {Readiness.STANDBY: 0, Readiness.RESTING: 1, Readiness.ON_MISSION: 2}


def needs_of(incident) -> tuple[dict, dict]:
    teams, materials = {}, {}
    for response in incident.responses.exclude(level=ENDED).select_related("version"):
        more_teams, more_materials = requirements(response.version.content, response.level)
        for key, n in more_teams.items():
            teams[key] = teams.get(key, 0) + n
        for key, q in more_materials.items():
            materials[key] = materials.get(key, 0) + q
    return teams, materials


def recommend_teams(incident, teams: dict, user=None) -> list[dict]:
    """Teams the viewer (`user`, else whoever is acting) may ask for (core.scoping REQUEST), nearest first."""
    busy = set(TeamOrder.objects.filter(active=True).values_list("team_id", flat=True))
    rows = []
    for (team_type, speciality), need in sorted(teams.items()):
        matching = scope_for(teams_matching(team_type, speciality), user, REQUEST)
        candidates = [t for t in matching if t.lon is not None]
        minutes = minutes_table([(t.lon, t.lat) for t in candidates], incident)
        ranked = sorted(zip(candidates, minutes, strict=True), key=lambda pair: (
            pair[0].pk in busy, READINESS_RANK.get(pair[0].readiness, 3), pair[1] or 0))
        free = [(t, m) for t, m in ranked if t.pk not in busy and t.readiness != Readiness.ON_MISSION]
        rows.append({"label": team_label(team_type, speciality), "need": need, "covered": min(len(free), need),
                     "uncovered": max(need - len(free), 0),
                     "teams": [{"uuid": str(t.uuid), "code": t.code, "name": t.name, "minutes": m,
                                "readiness": t.get_readiness_display(), "busy": t.pk in busy} for t, m in ranked[:5]]})
    return rows


def propose_materials(incident, demand: dict[str, float], user=None) -> dict:
    """Allocation of `demand` {material code: quantity} over the depots with stock that the viewer (`user`, else
    whoever is acting) may ask (core.scoping REQUEST: their own and the district's reserves), least travel time."""
    materials = list(Material.objects.filter(code__in=demand).order_by("code"))
    missing = sorted(set(demand) - {m.code for m in materials})
    if missing:
        raise DomainError("unknown_material", _("物资编码“%(c)s”不在物资目录中") % {"c": "、".join(missing)},
                          field="materials")
    sources = scope_for(Depot.objects.all(), user, REQUEST)
    holdings = {m.code: available_by_depot(m, Decimal("0.01"), sources) for m in materials}
    absent = [m.name for m in materials if not holdings[m.code]]
    if absent:
        raise DomainError("material_unavailable", _("没有任何库点有可用的%(m)s") % {"m": "、".join(absent)},
                          field="materials")
    depot_ids = sorted({d for held in holdings.values() for d in held})
    depots = Depot.objects.in_bulk(depot_ids)
    minutes = minutes_table([(depots[d].lon, depots[d].lat) for d in depot_ids], incident)
    cost = np.array([[m or 0.0] for m in minutes])
    supply = np.array([[float(holdings[m.code].get(d, 0)) for m in materials] for d in depot_ids])
    need = np.array([[float(demand[m.code]) for m in materials]])
    try:
        best = allocation.solve(supply, need, cost)
    except allocation.SolverFailed as exc:
        raise ConflictError("allocation_failed", _("无法求解调配方案，请核对需求数量后重试"), field="demand") from exc
    naive = allocation.greedy(supply, need, cost)
    lines = [{"depot": depots[d].code, "depot_name": depots[d].name, "material": m.code, "material_name": m.name,
              "unit": m.unit, "quantity": round(float(best.flows[i, 0, j]), 2), "minutes": minutes[i]}
             for i, d in enumerate(depot_ids) for j, m in enumerate(materials) if best.flows[i, 0, j] > 0]
    short = [{"material": m.code, "name": m.name, "unit": m.unit, "quantity": round(float(best.shortfall[0, j]), 2)}
             for j, m in enumerate(materials) if best.shortfall[0, j] > 0]
    return {"lines": lines, "total": round(best.cost, 1), "greedy_total": round(naive.cost, 1),
            "saving": round(naive.cost - best.cost, 1), "shortfalls": short, "solver": best.method}


def recommend(incident, user=None) -> dict:
    teams, materials = needs_of(incident)
    result = {"teams": recommend_teams(incident, teams, user), "materials": None, "material_error": ""}
    if materials:
        try:
            result["materials"] = propose_materials(incident, materials, user)
        except DomainError as exc:
            result["material_error"] = exc.message
    return result
