"""Panels: the drill console on a drill's page, and the drill banner on its exercise incident's page."""

from django.utils import timezone

from yingji.core.models import Organization
from yingji.core.scoping import scope_for
from yingji.standards import drills as rules

from . import clock
from .choices import SPEEDS, InjectKind, ParticipantRole, Stage
from .models import Drill
from .services import CONTROL, EVALUATE, can_see_script, catch_up


def clock_state(drill, now=None) -> dict:
    now = now or timezone.now()
    seconds = clock.drill_seconds(drill.clock_log, now) if drill.clock_log else 0
    return {"seconds": round(seconds, 1), "text": clock.text(seconds), "speed": drill.speed,
            "running": drill.stage == Stage.RUNNING, "now": now.isoformat()}


def console(user, drill, error=None, now=None) -> dict | None:
    if not user.has_perm("drills.view_drill"):
        return None
    drill = catch_up(drill, now)
    may_control = user.has_perm(CONTROL) and drill.stage not in (Stage.ENDED, Stage.EVALUATED)
    see_script = can_see_script(user, drill)
    injects = list(drill.injects.all()) if see_script else list(drill.injects.filter(fired_at__isnull=False))
    evaluation = getattr(drill, "evaluation", None) if drill.stage == Stage.EVALUATED else None
    may_evaluate = user.has_perm(EVALUATE) and drill.stage in (Stage.ENDED, Stage.EVALUATED)
    context = {
        "drill": drill, "clock": clock_state(drill, now), "speeds": SPEEDS, "may_control": may_control,
        "see_script": see_script, "injects": injects, "hidden_count": 0 if see_script else drill.injects.filter(
            fired_at__isnull=True).count(),
        "inject_kinds": InjectKind.choices, "roles": ParticipantRole.choices, "error": error,
        "evaluation": evaluation, "may_evaluate": may_evaluate, "elements": rules.ELEMENTS,
    }
    if may_control:
        context["organizations"] = scope_for(Organization.objects.order_by("code"), user)[:300]
    sheets = list(drill.sheets.order_by("scored_at", "id")) if evaluation else []
    context["sheets"] = sheets
    if sheets:  # who scored what: one column per evaluator, the combined score beside
        context["sheet_rows"] = [{"element": e, "given": [s.scores.get(e.key) for s in sheets],
                                  "combined": evaluation.scores.get(e.key)} for e in rules.ELEMENTS]
    if may_evaluate:
        from .scoring import measure, measured_points

        figures = evaluation.measured if evaluation else measure(drill)
        points = measured_points(figures)
        mine = next((s for s in sheets if s.evaluator_id == user.pk), None)
        context["figures"], context["my_sheet"] = figures, mine
        context["rows"] = [{"element": e, "points": points.get(e.key),
                            "score": (mine.scores.get(e.key) if mine else ""),
                            "note": (mine.notes.get(e.key, "") if mine else "")} for e in rules.ELEMENTS]
    elif evaluation:
        context["rows"] = [{"element": e, "score": evaluation.scores.get(e.key)} for e in rules.ELEMENTS]
    return context


def incident_panel(user, incident) -> dict | None:
    if not incident.is_exercise:
        return None
    drill = Drill.objects.filter(incident=incident).first()
    if drill is None:
        return {"drill": None}
    may_see = user.has_perm("drills.view_drill")
    return {"drill": drill, "clock": clock_state(catch_up(drill)), "may_see": may_see}


def desk_panel(user, now) -> dict | None:
    """The duty desk's 【演练】 panel: each running drill of the user's area with its clock and the injects delivered so
    far (newest first; an inject not yet delivered is never shown, so a 双盲 player learns nothing of the script)."""
    if not user.has_perm("drills.view_drill"):
        return None
    running = scope_for(Drill.objects.filter(stage=Stage.RUNNING).select_related("incident"), user)
    drills = [catch_up(drill, now) for drill in running.order_by("-id")[:5]]
    if not drills:
        return None
    return {"running_drills": [
        {"drill": drill, "clock": clock_state(drill, now),
         "injects": list(drill.injects.filter(fired_at__isnull=False).order_by("-minute", "-id")[:5])}
        for drill in drills]}
