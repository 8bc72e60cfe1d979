"""What the hazard loop adds to other pages: on a hazard's page (RECORD_PANELS) its state, deadline clock, history
and a button with its small form for each step the user may take now; on an incident's page (INCIDENT_PANELS) the
hazards linked to it with their history, and the review's rectification items with 转为隐患."""

from django.utils.translation import gettext_lazy as _

from yingji.core import extensions as ext
from yingji.core.scoping import scope_to_user

from .choices import HazardGrade, HazardState
from .clocks import clock_of
from .models import Hazard, HazardStep
from .models.hazards import FIVE_IMPLEMENTATIONS
from .workflows import CHANGE, REPORT, available_steps

VIEW = "prevention.view_hazard"
# Steps that cannot be taken back ask before they are sent (web/static/web/behaviours.js: data-confirm).
CONFIRM = {"close": _("确定销号？销号后该隐患的治理闭环结束，不能恢复。"),
           "recheck": _("确定复查合格？"), "order": _("确定下达整改？")}
PLAN_STEPS = ("order", "start")  # the steps that take the 五落实 of a 重大 hazard


def step_actions(hazard, user, *, error=None, data=None, failed="") -> list[dict]:
    """One entry per step the user may take now: the transition, its confirmation, and (for the step that just
    failed) the error and the input to show again."""
    actions = []
    for transition in available_steps(hazard, user):
        mine = transition.event == failed
        actions.append({"t": transition, "confirm": str(CONFIRM.get(transition.event, "")),
                        "error": error if mine else None, "data": data if mine else {}})
    return actions


def five_fields(hazard, data=None) -> list[tuple[str, str, object]]:
    """The 五落实 inputs of 下达整改 and 开始整改 (the unit's 治理方案) for a 重大 hazard, prefilled from the record
    (or the input just sent)."""
    if hazard.grade != HazardGrade.MAJOR:
        return []
    data = data or {}
    return [(name, str(Hazard._meta.get_field(name).verbose_name),
             data.get(name, getattr(hazard, name) if getattr(hazard, name) is not None else ""))
            for name, _label in FIVE_IMPLEMENTATIONS]


def incident_choices(user, limit=50):
    """The incidents the user may link a hazard to: those in the user's reach, newest first."""
    from yingji.incidents.models import Incident

    if not user.has_perm("incidents.view_incident"):
        return Incident.objects.none()
    return scope_to_user(Incident.objects.all(), user).order_by("-received_at")[:limit]


def reported_row(hazard) -> HazardStep:
    """The history's first row: the report itself (who filed it, when, by which source); not stored as a step."""
    row = HazardStep(hazard=hazard, event="report", label=_("上报"), to_state=HazardState.REPORTED,
                     actor=hazard.created_by, at=hazard.created, note=hazard.get_source_display())
    row.state_label = HazardState.REPORTED.label
    return row


def labelled(steps) -> list:
    """History rows with the label of the state each step led to."""
    steps = list(steps)
    for step in steps:
        step.state_label = HazardState(step.to_state).label if step.to_state in HazardState.values else step.to_state
    return steps


def hazard_context(user, hazard, **failed) -> dict | None:
    if not user.has_perm(VIEW):
        return None
    actions = step_actions(hazard, user, **failed)
    linking = failed.get("failed") == "link"
    shown = any(a["error"] for a in actions) or linking
    history = [reported_row(hazard), *labelled(hazard.steps.select_related("actor"))]
    return {"clock": clock_of(hazard), "history": history,
            "actions": actions, "step_error": None if shown else failed.get("error"),
            "five": five_fields(hazard, failed.get("data") if failed.get("failed") in PLAN_STEPS else None),
            "can_link": user.has_perm(CHANGE) and user.has_perm("incidents.view_incident"),
            "incidents": incident_choices(user) if user.has_perm(CHANGE) else (),
            "link_error": failed.get("error") if linking else None,
            "link_query": (failed.get("data") or {}).get("incident_query", "") if linking else ""}


def incident_context(user, incident) -> dict | None:
    """The hazards linked to the incident (in the user's reach) with their history, and the review's items."""
    if not user.has_perm(VIEW):
        return None
    hazards = list(scope_to_user(Hazard.objects.filter(incident=incident), user).order_by("found_on", "id"))
    steps = labelled(HazardStep.objects.filter(hazard__in=hazards).select_related("actor"))
    for hazard in hazards:
        hazard.history = [s for s in steps if s.hazard_id == hazard.pk]
        hazard.clock = clock_of(hazard)
    review = getattr(incident, "review", None)  # reverse one-to-one: None when there is no review
    items = list(review.items.select_related("hazard")) if review is not None else []
    if not hazards and not items:
        return None
    return {"hazards": hazards, "review_items": items, "can_file": user.has_perm(REPORT)}


def register() -> None:
    ext.RECORD_PANELS.add(ext.RecordPanel("prevention.hazard-loop", "prevention.hazard",
                                          "prevention/hazard_panel.html", hazard_context, order=10))
    ext.INCIDENT_PANELS.add(ext.IncidentPanel("prevention.hazards", "prevention/hazard_incident_panel.html",
                                              incident_context, order=60))
    _register_escalation_kind()


def _register_escalation_kind() -> None:
    """Duty's escalation runner asks each kind whether its object is settled before every step: an overdue major
    hazard is settled once it is closed or its deadline has moved (escalation.py starts the chain)."""
    from yingji.duty.chains import KINDS, Kind

    from .escalation import EVENT, settled

    KINDS[EVENT] = Kind(_("重大隐患逾期未整改"), (), settled)
