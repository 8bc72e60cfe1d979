"""Dispatch recommendations for an incident: the teams and materials that cover its active responses'
requirements, by travel time and readiness, with the allocation solved against "nearest depot first".

Recommendations are net of the orders in force: a team under an active order for this incident counts
towards the need it matches, and materials already reserved, issued or received for it are taken off the
demand, so what was just ordered is not offered again."""

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
from .choices import ENDED, MaterialOrderStatus
from .content import requirements
from .models import MaterialLine, TeamOrder
from .quantities import rounded
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


def _sent_teams(incident) -> list:
    """The teams under an active order for this incident."""
    return [order.team for order in TeamOrder.objects.filter(incident=incident, active=True).select_related("team")]


def _take_matching(left: list, team_type: str, speciality: str, need: int) -> list:
    """Up to `need` of the sent teams that match, taken off `left` (a team counts towards one need only)."""
    taken = [t for t in left if t.team_type == team_type and (not speciality or speciality in t.speciality_list)]
    taken = taken[:need]
    for team in taken:
        left.remove(team)
    return taken


def recommend_teams(incident, teams: dict, user=None) -> list[dict]:
    """Per needed kind of team: how many are already sent to this incident, how many are still needed, and the
    teams the viewer (`user`, else whoever is acting) may ask for (core.scoping REQUEST), nearest first."""
    busy = set(TeamOrder.objects.filter(active=True).values_list("team_id", flat=True))
    left = _sent_teams(incident)
    rows = []
    for (team_type, speciality), need in sorted(teams.items()):
        sent = _take_matching(left, team_type, speciality, need)
        still = need - len(sent)
        ranked = _ranked(incident, team_type, speciality, busy, user) if still else []
        free = [(t, m) for t, m in ranked if t.pk not in busy and t.readiness != Readiness.ON_MISSION]
        rows.append({"label": team_label(team_type, speciality), "need": need, "sent": [t.name for t in sent],
                     "still": still, "covered": min(len(free), still), "uncovered": max(still - len(free), 0),
                     "teams": [{"uuid": str(t.uuid), "code": t.code, "name": t.name, "minutes": m,
                                "readiness": t.get_readiness_display(), "busy": t.pk in busy} for t, m in ranked[:5]]})
    return rows


def _ranked(incident, team_type, speciality, busy, user) -> list[tuple]:
    matching = scope_for(teams_matching(team_type, speciality), user, REQUEST)
    candidates = [t for t in matching if t.lon is not None]
    minutes = minutes_table([(t.lon, t.lat) for t in candidates], incident)
    return sorted(zip(candidates, minutes, strict=True), key=lambda pair: (
        pair[0].pk in busy, READINESS_RANK.get(pair[0].readiness, 3), pair[1] or 0))


# What an order in force brings to the incident, by its state (a cancelled order brings nothing).
_BROUGHT = {MaterialOrderStatus.RESERVED: "quantity", MaterialOrderStatus.ISSUED: "issued",
            MaterialOrderStatus.RECEIVED: "received", MaterialOrderStatus.CLOSED: "kept"}


def ordered_materials(incident) -> dict[str, float]:
    """Material code → quantity already ordered for this incident (reserved, on its way, received and kept)."""
    totals: dict[str, float] = {}
    lines = MaterialLine.objects.filter(order__incident=incident, order__status__in=list(_BROUGHT)).select_related(
        "order", "material")
    for line in lines:
        field = _BROUGHT[line.order.status]
        amount = line.received - line.returned if field == "kept" else getattr(line, field)
        totals[line.material.code] = totals.get(line.material.code, 0.0) + float(amount)
    return totals


def still_needed(materials: dict, ordered: dict) -> dict[str, float]:
    return {code: need - ordered.get(code, 0.0) for code, need in materials.items()
            if need - ordered.get(code, 0.0) > 0.005}


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
              "unit": m.unit, "quantity": rounded(best.flows[i, 0, j], m.unit), "minutes": minutes[i]}
             for i, d in enumerate(depot_ids) for j, m in enumerate(materials) if rounded(best.flows[i, 0, j], m.unit)]
    short = [{"material": m.code, "name": m.name, "unit": m.unit, "quantity": rounded(best.shortfall[0, j], m.unit)}
             for j, m in enumerate(materials) if rounded(best.shortfall[0, j], m.unit)]
    saving = naive.cost - best.cost
    return {"lines": lines, "total": round(best.cost, 1), "greedy_total": round(naive.cost, 1),
            "saving": round(saving, 1), "shortfalls": short, "solver": best.method,
            # what the page says: the share of transport time saved against "nearest depot first" (0: say nothing)
            "saving_percent": round(100 * saving / naive.cost) if naive.cost > 0 and saving > 0.005 * naive.cost else 0}


def recommend(incident, user=None) -> dict:
    """Teams and materials still needed by the incident's active responses, net of the orders in force."""
    teams, materials = needs_of(incident)
    ordered = ordered_materials(incident)
    demand = still_needed(materials, ordered)
    result = {"teams": recommend_teams(incident, teams, user), "materials": None, "material_error": "",
              "materials_ordered": bool(materials) and not demand}
    if demand:
        try:
            result["materials"] = propose_materials(incident, demand, user)
        except DomainError as exc:
            result["material_error"] = exc.message
    return result
