"""The legal time limit as a working-day clock: 20 working days, weekends and 法定节假日 skipped, due at 24:00."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from yingji.services import clocks
from yingji.services.models import ServiceCase

SH = ZoneInfo("Asia/Shanghai")


def test_twenty_working_days_skip_weekends_and_end_at_midnight():
    friday = dt.datetime(2026, 3, 6, 15, 0, tzinfo=SH)
    due = clocks.deadline_after(friday, 20)
    assert due == dt.datetime(2026, 4, 4, 0, 0, tzinfo=SH)  # Friday 3 April is the 20th working day, due 24:00


def test_holidays_are_not_working_days(monkeypatch):
    from yingji.standards import config

    base = config.get_config()
    holidays = tuple(dt.date(2026, 10, d) for d in range(1, 8))
    monkeypatch.setattr(config, "get_config", lambda: base.__class__(**{**base.__dict__, "holidays": holidays}))
    monkeypatch.setattr("yingji.standards.workdays.get_config", config.get_config)
    start = dt.datetime(2026, 9, 30, 9, 0, tzinfo=SH)
    assert clocks.deadline_after(start, 1) == dt.datetime(2026, 10, 9, 0, 0, tzinfo=SH)
    assert clocks.working_days_between(dt.date(2026, 9, 30), dt.date(2026, 10, 8)) == 1


def test_the_clock_runs_turns_amber_goes_overdue_and_stops_when_returned():
    start = dt.datetime(2026, 3, 2, 10, 0, tzinfo=SH)  # Monday
    case = ServiceCase(state="submitted", submitted_at=start, deadline=clocks.deadline_after(start, 20))
    running = clocks.clock_of(case, now=start)
    assert running.state == "running" and running.working_days_left == 20
    assert case.deadline == dt.datetime(2026, 3, 31, 0, 0, tzinfo=SH)  # the 20th working day is Monday 30 March
    amber = clocks.clock_of(case, now=dt.datetime(2026, 3, 25, 9, 0, tzinfo=SH))  # 26, 27 and 30 March left
    assert amber.state == "amber" and amber.working_days_left == 3 and amber.label == "临期"
    assert clocks.clock_of(case, now=dt.datetime(2026, 3, 30, 23, 0, tzinfo=SH)).text == "今天到期"
    overdue = clocks.clock_of(case, now=dt.datetime(2026, 4, 1, 9, 0, tzinfo=SH))
    assert overdue.state == "overdue" and overdue.working_days_left == -2
    case.state = "returned"
    assert clocks.clock_of(case, now=start).state == "stopped"
    case.state = "done"
    assert clocks.clock_of(case, now=start) is None


@pytest.mark.django_db
def test_the_demo_has_filings_in_every_state_and_clocks_of_every_colour():
    filings = ServiceCase.objects.filter(kind="plan_filing")
    assert {"submitted", "returned", "done"} <= set(filings.values_list("state", flat=True))
    colours = {clocks.clock_of(c).state for c in filings if clocks.clock_of(c)}
    assert {"running", "amber", "overdue", "stopped"} <= colours
    assert ServiceCase.objects.filter(kind="licence").count() == 2


@pytest.mark.parametrize("weekday", range(7))
def test_the_demo_amber_filing_is_amber_on_every_day_of_the_week(weekday):
    """The demo's amber filing was a fixed 24 calendar days old: amber on weekdays, running on Sundays."""
    from yingji.services.demo import _days_back_to_amber

    now = timezone.make_aware(dt.datetime(2026, 11, 30, 10, 0) + dt.timedelta(days=weekday))
    submitted = now - dt.timedelta(days=_days_back_to_amber(now), hours=2)
    case = ServiceCase(state="submitted", deadline=clocks.deadline_after(submitted, 20))
    assert clocks.clock_of(case, now=now).state == "amber"
