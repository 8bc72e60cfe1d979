"""The legal time limit of a case as a working-day clock (standards.workdays: Mon–Fri, 法定节假日 and 调休 from the
standards configuration): due at 24:00 of the n-th working day after the start, the start day not counted. The clock
runs while the bureau holds the case (CLOCK_STATES) and stops while it is back with the enterprise (退回补正); a
resubmission starts it again (行政许可法 第三十二条: the time limit counts from complete materials)."""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from yingji.standards import add_working_days, is_working_day
from yingji.standards.workdays import end_of_local_day

from .choices import CLOCK_STATES
from .config import current

RUNNING, AMBER, OVERDUE, STOPPED = "running", "amber", "overdue", "stopped"


def deadline_after(start: dt.datetime, working_days: int) -> dt.datetime:
    return end_of_local_day(add_working_days(start, working_days))


def working_days_between(first: dt.date, last: dt.date) -> int:
    """Working days after `first` up to and including `last`; negative (the working days overdue) when last < first."""
    sign, (a, b) = (1, (first, last)) if last >= first else (-1, (last, first))
    count, day = 0, a
    while day < b:
        day += dt.timedelta(days=1)
        count += is_working_day(day)
    return sign * count


@dataclass(frozen=True)
class CaseClock:
    state: str
    deadline: dt.datetime | None
    working_days_left: int | None

    @property
    def label(self) -> str:
        return {RUNNING: _("办理中"), AMBER: _("临期"), OVERDUE: _("超期"), STOPPED: _("计时暂停")}[self.state]

    @property
    def text(self) -> str:
        if self.state == STOPPED or self.working_days_left is None:
            return _("退回补正期间不计时")
        if self.working_days_left < 0:
            return _("超期 %(n)d 个工作日") % {"n": -self.working_days_left}
        if self.working_days_left == 0:
            return _("今天到期")
        return _("剩余 %(n)d 个工作日") % {"n": self.working_days_left}


def clock_of(case, now=None) -> CaseClock | None:
    if case.state not in CLOCK_STATES:
        return CaseClock(STOPPED, None, None) if case.state == "returned" else None
    if case.deadline is None:
        return None
    now = now or timezone.now()
    today = timezone.localdate(now)
    last_day = timezone.localdate(case.deadline) - dt.timedelta(days=1)  # due at 24:00 of this day
    if now >= case.deadline:
        left = -max(1, working_days_between(last_day, today))
        return CaseClock(OVERDUE, case.deadline, left)
    left = working_days_between(today, last_day)
    return CaseClock(AMBER if left <= current().amber_working_days else RUNNING, case.deadline, left)
