"""What the drills app contributes to the platform (core.extensions), registered from apps.py: the menu, the
console panel on a drill's page (clock, script, participants, evaluation), the drill panel on its exercise
incident's page, the running drills with their delivered injects on the duty desk, the timeline kind of a
delivered inject, the worker's tick that delivers injects and the demo drills. Indicator 3.5 is the plans app's
(plans/indicators.py): a drill held sets its plan's last drill date, which that indicator reads."""

from django.utils.translation import gettext_lazy as _lazy

from yingji.core import extensions as ext

from .choices import INJECT_KIND


def _console(user, drill):
    from .panels import console

    return console(user, drill)


def _incident_panel(user, incident):
    from .panels import incident_panel

    return incident_panel(user, incident)


def _desk_panel(user, now):
    from .panels import desk_panel

    return desk_panel(user, now)


def _tick():
    from .services import tick

    return tick()


def register() -> None:
    ext.RECORD_PANELS.add(ext.RecordPanel("drills.console", "drills.drill", "drills/console.html", _console))
    ext.INCIDENT_PANELS.add(ext.IncidentPanel("drills.exercise", "drills/incident_panel.html", _incident_panel,
                                              order=5))
    ext.DESK_PANELS.add(ext.DeskPanel("drills.running", "drills/desk_panel.html", _desk_panel, order=5))
    ext.TIMELINE_KINDS.add(ext.TimelineKind(INJECT_KIND, _lazy("情景注入"), "◆", order=90))
    ext.PERIODIC_HOOKS.add(ext.PeriodicHook("drills.tick", _tick, every_seconds=10))
    ext.DEMO_LOADERS.add(ext.DemoLoader("drills", "yingji.drills.demo.load", order=97))
