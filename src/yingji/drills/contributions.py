"""What the drills app contributes to the platform (core.extensions), registered from apps.py: the menu, the
console panel on a drill's page (clock, script, participants, evaluation), the drill panel on its exercise
incident's page, the timeline kind of a delivered inject, the worker's tick that delivers injects, indicator 3.5
(应急预案编制率和演练率) and the demo drills."""

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _lazy

from yingji.core import extensions as ext
from yingji.core.scoping import scope_to_user

from .choices import INJECT_KIND


def _drill_rate(user) -> dict:
    """Plans in the user's reach drilled this year (a drill held, or the plan's own last drill date) ÷ plans."""
    from yingji.plans.models import Plan

    from .choices import Stage
    from .models import Drill

    year = timezone.localdate().year
    plans = scope_to_user(Plan.objects.all(), user)
    total = plans.count()
    held = Drill.objects.filter(stage__in=(Stage.ENDED, Stage.EVALUATED), started_at__year=year).values("plan_id")
    drilled = plans.filter(Q(pk__in=held) | Q(last_drill_on__year=year)).count()
    percent = round(100 * drilled / total, 1) if total else 0
    return {"value": percent, "unit": "%", "meets": total > 0 and percent >= 100,
            "url": reverse("registry:drills-drills-list")}


def _console(user, drill):
    from .panels import console

    return console(user, drill)


def _incident_panel(user, incident):
    from .panels import incident_panel

    return incident_panel(user, incident)


def _tick():
    from .services import tick

    return tick()


def register() -> None:
    ext.RECORD_PANELS.add(ext.RecordPanel("drills.console", "drills.drill", "drills/console.html", _console))
    ext.INCIDENT_PANELS.add(ext.IncidentPanel("drills.exercise", "drills/incident_panel.html", _incident_panel,
                                              order=5))
    ext.TIMELINE_KINDS.add(ext.TimelineKind(INJECT_KIND, _lazy("情景注入"), "◆", order=90))
    ext.PERIODIC_HOOKS.add(ext.PeriodicHook("drills.tick", _tick, every_seconds=10))
    ext.INDICATORS.add(ext.Indicator("3.5", _lazy("应急预案编制率和演练率"), "100%", "%", _lazy("约束性"),
                                     _lazy("年内演练过的应急预案 ÷ 辖区应急预案（演练结束即计入）"), _drill_rate))
    ext.DEMO_LOADERS.add(ext.DemoLoader("drills", "yingji.drills.demo.load", order=97))
