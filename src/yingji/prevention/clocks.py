"""A hazard's 整改期限 as a clock: 正常, amber (临期: `amber_days` or fewer days left, default 3) and red (逾期),
drawn like the reporting clocks (incidents_tags.clock_css: running / amber / overdue). Only a hazard under
rectification (DEADLINE_STATES) with a deadline has a clock. `amber_days` is overridable with the
YINGJI_HAZARD_CLOCKS environment variable (JSON), e.g. {"amber_days": 5}."""

import datetime as dt
from dataclasses import dataclass
from functools import cache

from django.utils import timezone
from django.utils.translation import gettext as _

from yingji.core.env_config import from_environment

from .choices import DEADLINE_STATES

RUNNING, AMBER, OVERDUE = "running", "amber", "overdue"  # the reporting clocks' state codes (same colours)


@dataclass(frozen=True)
class ClockConfig:
    amber_days: int = 3


@cache
def get_config() -> ClockConfig:
    return from_environment(ClockConfig, "YINGJI_HAZARD_CLOCKS")


@dataclass(frozen=True)
class HazardClock:
    state: str
    deadline: dt.date
    days_left: int  # negative when overdue

    @property
    def label(self) -> str:
        return {RUNNING: _("正常"), AMBER: _("临期"), OVERDUE: _("逾期")}[self.state]

    @property
    def text(self) -> str:
        if self.days_left < 0:
            return _("逾期 %(n)d 天") % {"n": -self.days_left}
        if self.days_left == 0:
            return _("今天到期")
        return _("剩余 %(n)d 天") % {"n": self.days_left}


def clock_of(hazard, today=None) -> HazardClock | None:
    if not hazard.deadline or hazard.state not in DEADLINE_STATES:
        return None
    left = (hazard.deadline - (today or timezone.localdate())).days
    state = OVERDUE if left < 0 else AMBER if left <= get_config().amber_days else RUNNING
    return HazardClock(state, hazard.deadline, left)



def deadline_cell(hazard) -> str:
    """The 整改期限 cell of the registry's hazard list (core.registry `list_cells`): the date and, while the hazard is
    under rectification, its clock badge, as on the hazard's page."""
    from django.template.loader import render_to_string
    from django.utils.html import format_html
    from django.utils.safestring import mark_safe

    if not hazard.deadline:
        return ""
    badge = render_to_string("prevention/hazard_clock.html", {"clock": clock_of(hazard)})
    return format_html("{} {}", hazard.deadline.isoformat(), mark_safe(badge))  # our own template, escaped
