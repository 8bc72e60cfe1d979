"""Plan versus resources (预案与资源能力匹配): what a level needs, what the district holds, the shortfalls."""

from decimal import Decimal

from django.db.models import F, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from yingji.core.errors import DomainError
from yingji.resources.choices import Readiness, TeamType
from yingji.resources.models import Material, RescueTeam, StockBatch

from .choices import LEVELS_UP, level_label
from .content import requirements

LEVEL_VALUES = [level.value for level in LEVELS_UP]


def teams_matching(team_type: str, speciality: str = ""):
    teams = RescueTeam.objects.filter(team_type=team_type).exclude(readiness=Readiness.INACTIVE)
    return teams.filter(specialities__contains=speciality) if speciality else teams


def available_stock(codes) -> dict[str, Decimal]:
    """Material code → unexpired, unreserved quantity across every depot."""
    today = timezone.localdate()
    rows = StockBatch.objects.filter(material__code__in=codes).filter(
        Q(expiry_date__isnull=True) | Q(expiry_date__gte=today)).values("material__code").annotate(
        free=Sum(F("quantity") - F("reserved")))
    return {row["material__code"]: row["free"] or Decimal(0) for row in rows}


def team_label(team_type: str, speciality: str) -> str:
    name = str(TeamType(team_type).label) if team_type in TeamType.values else team_type
    return f"{name}（{speciality}）" if speciality else name


def check(version, level: str) -> dict:
    if level not in LEVEL_VALUES:
        raise DomainError("invalid_level", _("响应级别应为：%(l)s") % {"l": "、".join(LEVEL_VALUES)}, field="level")
    teams, materials = requirements(version.content, level)
    team_rows = []
    for (team_type, speciality), need in sorted(teams.items()):
        have = teams_matching(team_type, speciality).count()
        team_rows.append({"need": need, "have": have, "short": max(need - have, 0),
                          "label": team_label(team_type, speciality), "type": team_type, "speciality": speciality})
    held = available_stock(materials)
    catalog = {m.code: m for m in Material.objects.filter(code__in=materials)}
    material_rows = []
    for code, need in sorted(materials.items()):
        have = float(held.get(code, 0))
        material = catalog.get(code)
        material_rows.append({"code": code, "name": material.name if material else code,
                              "unit": material.unit if material else "", "need": need, "have": have,
                              "short": max(need - have, 0)})
    shortfalls = [_("%(l)s 缺 %(n)d 支") % {"l": r["label"], "n": r["short"]} for r in team_rows if r["short"]]
    shortfalls += [_("%(m)s 缺 %(n)g %(u)s") % {"m": r["name"], "n": r["short"], "u": r["unit"]}
                   for r in material_rows if r["short"]]
    return {"plan": version.plan.name, "version": version.number, "level": level, "level_label": level_label(level),
            "teams": team_rows, "materials": material_rows, "shortfalls": shortfalls, "sufficient": not shortfalls}
