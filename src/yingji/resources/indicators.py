"""The plan's resource indicators, computed live from the data (资源指标看板)."""

import math
from decimal import Decimal

from django.db.models import Count, Sum

from yingji.core.models import Region, RegionLevel
from yingji.core.scoping import scope_to_user
from yingji.standards.config import get_config

from . import stock
from .choices import TEAM_KITS, DepotLevel, EquipmentCondition, EquipmentKind, ShelterStatus, TeamType
from .models import Depot, Equipment, RescueTeam, Shelter, StockBatch


def compute(user) -> dict:
    return {"shelter_area": shelter_area(user), "central_village_points": central_village_points(user),
            "teams_equipped": teams_equipped(user), "teams_by_type": teams_by_type(user),
            "equipment_by_kind": equipment_by_kind(user), "stock_alerts": {
                "expiring": stock.expiring(user).count(), "low_stock": stock.low_stock(user).count()}}


def _percent(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


def shelter_area(user) -> dict:
    """Per-capita effective refuge area by township against the plan target (>1.5 m² per person)."""
    target = Decimal(str(get_config().shelter_area_per_person_m2))
    shelters = scope_to_user(Shelter.objects.exclude(shelter_status=ShelterStatus.BUILDING), user)
    areas = {}
    for row in shelters.values("region__path").annotate(area=Sum("effective_area_m2")):
        township = row["region__path"].strip("/").split("/")[1:2]
        if township:
            areas[township[0]] = areas.get(township[0], Decimal(0)) + row["area"]
    rows = []
    for township in scope_to_user(Region.objects.filter(level=RegionLevel.TOWNSHIP), user).order_by("code"):
        area = areas.get(township.code, Decimal(0))
        gap = max(Decimal(0), township.population * target - area)
        per_capita = area / township.population if township.population else Decimal(0)
        rows.append({"code": township.code, "name": township.name, "population": township.population,
                     "area_m2": float(area), "per_capita_m2": round(float(per_capita), 2), "meets": gap == 0,
                     "gap_m2": float(gap), "gap_people": math.ceil(gap / target)})
    return {"target_m2": float(target), "townships": rows, "meeting": sum(r["meets"] for r in rows),
            "total": len(rows)}


def central_village_points(user) -> dict:
    """Central-village material points holding stock that meets every minimum set for them."""
    points = scope_to_user(Depot.objects.filter(level=DepotLevel.CENTRAL_VILLAGE), user).order_by("code")
    low = {m.depot_id for m in stock.low_stock(user).filter(depot__in=points)}
    holding = set(StockBatch.objects.filter(depot__in=points, quantity__gt=0).values_list("depot_id", flat=True))
    rows = [{"code": p.code, "name": p.name, "uuid": str(p.uuid), "stocked": p.pk in holding and p.pk not in low}
            for p in points]
    stocked = sum(r["stocked"] for r in rows)
    return {"points": rows, "stocked": stocked, "total": len(rows), "percent": _percent(stocked, len(rows)),
            "target_percent": 100}


def teams_equipped(user) -> dict:
    """Township teams and village squads carrying their basic kit (TEAM_KITS), against 100 %."""
    teams = scope_to_user(RescueTeam.objects.filter(team_type__in=list(TEAM_KITS)), user)
    kinds: dict[int, set] = {}
    usable = [EquipmentCondition.READY, EquipmentCondition.IN_USE]
    for team_id, kind in Equipment.objects.filter(team__in=teams, condition__in=usable).values_list("team_id", "kind"):
        kinds.setdefault(team_id, set()).add(kind)
    result = {}
    for team_type, kit in TEAM_KITS.items():
        group = [t for t in teams if t.team_type == team_type]
        missing = [{"code": t.code, "name": t.name, "uuid": str(t.uuid)} for t in group
                   if not set(kit) <= kinds.get(t.pk, set())]
        equipped = len(group) - len(missing)
        result[team_type] = {"label": TeamType(team_type).label, "total": len(group), "equipped": equipped,
                             "percent": _percent(equipped, len(group)), "missing": missing,
                             "kit": [EquipmentKind(k).label for k in kit]}
    total = sum(r["total"] for r in result.values())
    equipped = sum(r["equipped"] for r in result.values())
    return {"groups": result, "total": total, "equipped": equipped, "percent": _percent(equipped, total),
            "target_percent": 100}


def teams_by_type(user) -> dict:
    rows = scope_to_user(RescueTeam.objects.all(), user).values("team_type").annotate(
        teams=Count("id"), people=Sum("headcount")).order_by("team_type")
    by_type = {row["team_type"]: row for row in rows}
    types = [{"type": t.value, "label": t.label, "teams": by_type[t]["teams"], "people": by_type[t]["people"]}
             for t in TeamType if t in by_type]
    return {"types": types, "teams": sum(t["teams"] for t in types), "people": sum(t["people"] for t in types)}


def equipment_by_kind(user) -> dict:
    rows = scope_to_user(Equipment.objects.exclude(condition=EquipmentCondition.SCRAPPED), user).values(
        "kind").annotate(records=Count("id"), quantity=Sum("quantity"))
    by_kind = {row["kind"]: row for row in rows}
    kinds = [{"kind": k.value, "label": k.label, "records": by_kind[k]["records"], "quantity": by_kind[k]["quantity"]}
             for k in EquipmentKind if k in by_kind]
    return {"kinds": kinds, "quantity": sum(k["quantity"] for k in kinds)}
