"""Which plans and levels fit an incident, and why (预案智能匹配)."""

from decimal import Decimal

from django.utils.translation import gettext as _

from yingji.core.roles import Role
from yingji.standards import Grade, is_within

from .choices import ENDED, LEVELS_UP, VersionStatus, level_label
from .content import FIGURES, defined_levels, level_definition
from .models import PlanVersion, Response

LEVEL_ORDER = [level.value for level in LEVELS_UP]  # Ⅳ (lowest) … Ⅰ


def figures_of(incident, observations: dict | None = None) -> dict[str, float]:
    """The incident's figures plus observations (rainfall, water level) from the incident or the assessor."""
    values = {name: float(value) for name, value in incident.figures().items()
              if name in FIGURES and isinstance(value, int | float | Decimal)}
    for source in (incident.extra or {}, observations or {}):
        for name in ("rainfall_mm", "water_level_m"):
            if source.get(name) not in (None, ""):
                values[name] = float(source[name])
    return values


def _covers(types, type_code) -> bool:
    return any(is_within(type_code, code) for code in types)


def level_reasons(criteria: dict, incident, figures: dict) -> list[str]:
    """Why the level's criteria are met (any one condition is enough), or [] when none is."""
    if criteria.get("types") and not _covers(criteria["types"], incident.type_code):
        return []
    reasons = []
    bound = criteria.get("min_grade")
    if bound and incident.grade and Grade(incident.grade).severity >= Grade(bound).severity:
        reasons.append(_("事件等级%(g)s，达到%(b)s及以上") % {"g": Grade(incident.grade).label,
                                                     "b": Grade(bound).label})
    for name, limit in criteria.get("thresholds", {}).items():
        if name in figures and figures[name] >= limit:
            reasons.append(_("%(n)s %(v)g ≥ %(b)g") % {"n": FIGURES[name], "v": figures[name], "b": limit})
    if not bound and not criteria.get("thresholds"):
        reasons.append(_("事件类型符合启动条件"))
    return reasons


def suggest(incident, observations: dict | None = None, user=None) -> list[dict]:
    """Every published plan covering the incident's type, with the highest level whose criteria are met, and
    what to do about it given the responses in force: activate it, raise the running response to it, or
    nothing (already running at that level or higher)."""
    figures = figures_of(incident, observations)
    versions = PlanVersion.objects.filter(status=VersionStatus.PUBLISHED).select_related("plan")
    running = dict(Response.objects.filter(incident=incident).exclude(level=ENDED).values_list("plan_id", "level"))
    result = []
    for version in versions.order_by("plan__code"):
        content = version.content
        if not _covers(content.get("incident_types", []), incident.type_code):
            continue
        for level in reversed(defined_levels(content)):
            reasons = level_reasons(level_definition(content, level).get("criteria", {}), incident, figures)
            if reasons:
                result.append(_suggestion(version, level, reasons, user, running.get(version.plan_id)))
                break
    return sorted(result, key=lambda s: (s["level"], s["plan_code"]))


def _action(level: str, running: str | None) -> str:
    if running is None:
        return "activate"
    return "raise" if LEVEL_ORDER.index(level) > LEVEL_ORDER.index(running) else "running"


def _suggestion(version, level, reasons, user, running=None) -> dict:
    approvers = level_definition(version.content, level).get("approvers", [])
    return {"plan": version.plan.name, "plan_code": version.plan.code, "version": str(version.uuid),
            "version_number": version.number, "level": level, "level_label": level_label(level),
            "reasons": reasons, "approvers": approvers, "action": _action(level, running),
            "approver_labels": [str(Role(role).label) if role in Role.values else role for role in approvers],
            "running_label": level_label(running) if running else "",
            "can_approve": bool(user is not None and (getattr(user, "role", None) in approvers or user.is_superuser))}
