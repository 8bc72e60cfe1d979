import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from yingji.standards import (
    Grade,
    ReportLevel,
    StandardsError,
    add_working_days,
    clocks_for,
    configure,
    is_working_day,
    next_daily_report_due,
    report_to_level,
    reset_config,
)

SH = ZoneInfo("Asia/Shanghai")
UTC = dt.UTC


@pytest.fixture(autouse=True)
def _fresh_config():
    reset_config()
    yield
    reset_config()


def by_slug(clocks):
    return {c.slug: c for c in clocks}


def test_unit_reports_to_county_within_one_hour():
    occurred = dt.datetime(2025, 3, 3, 2, 0, tzinfo=UTC)
    clocks = by_slug(clocks_for("2.1.3", "grade_4", {}, occurred, occurred + dt.timedelta(minutes=40)))
    unit = clocks["sa_unit_report"]
    assert unit.due_at == dt.datetime(2025, 3, 3, 3, 0, tzinfo=UTC)
    assert unit.report_to == "县级应急管理部门"
    assert "第九条" in unit.source
    assert clocks["sa_escalate_city"].due_at == dt.datetime(2025, 3, 3, 4, 40, tzinfo=UTC)


@pytest.mark.parametrize(
    ("grade", "expected"),
    [
        ("grade_4", {"sa_escalate_city"}),
        ("grade_3", {"sa_escalate_city", "sa_escalate_province"}),
        ("grade_2", {"sa_escalate_city", "sa_escalate_province", "sa_escalate_national"}),
        ("grade_1", {"sa_escalate_city", "sa_escalate_province", "sa_escalate_national"}),
    ],
)
def test_escalation_goes_as_far_as_the_grade_requires(grade, expected):
    t = dt.datetime(2025, 3, 3, 2, 0, tzinfo=UTC)
    clocks = by_slug(clocks_for("2.1.1", grade, {}, t, t))
    assert {s for s in clocks if s.startswith("sa_escalate")} == expected
    if "sa_escalate_national" in clocks:
        assert clocks["sa_escalate_national"].due_at - t == dt.timedelta(hours=6)


def test_report_to_level_by_grade():
    assert report_to_level("grade_4") is ReportLevel.CITY
    assert report_to_level(Grade.GRADE_3) is ReportLevel.PROVINCE
    assert report_to_level("重大") is ReportLevel.NATIONAL
    assert report_to_level("grade_1").label == "国务院应急管理部门"


def test_grade_is_computed_from_figures_when_missing():
    t = dt.datetime(2025, 3, 3, 2, 0, tzinfo=UTC)
    clocks = by_slug(clocks_for("2.1.6", None, {"deaths": 12}, t, t))
    assert "sa_escalate_national" in clocks  # 12 dead -> 重大
    assert "sa_local_phone_report" in clocks


def test_fast_report_for_three_dead_or_missing():
    t = dt.datetime(2025, 3, 3, 2, 0, tzinfo=UTC)
    received = t + dt.timedelta(minutes=10)
    clocks = by_slug(clocks_for("2.1.3", None, {"deaths": 2, "missing": 1}, t, received))
    assert clocks["sa_fast_report"].due_at == received + dt.timedelta(minutes=30)
    assert "sa_fast_report" not in by_slug(clocks_for("2.1.3", None, {"deaths": 2}, t, received))


def test_fast_report_for_significant_hazchem_or_pipeline_only():
    t = dt.datetime(2025, 3, 3, 2, 0, tzinfo=UTC)
    assert "sa_fast_report" in by_slug(clocks_for("2.1.2", None, {"significant": True}, t, t))
    assert "sa_fast_report" in by_slug(clocks_for("2.3.4", None, {"significant": True}, t, t))
    assert "sa_fast_report" not in by_slug(clocks_for("2.1.2", None, {}, t, t))
    assert "sa_fast_report" not in by_slug(clocks_for("2.1.3", None, {"significant": True}, t, t))


def test_local_phone_report_is_configurable():
    t = dt.datetime(2025, 3, 3, 2, 0, tzinfo=UTC)
    clocks = by_slug(clocks_for("2.1.1", "grade_2", {}, t, t))
    assert clocks["sa_local_phone_report"].due_at == t + dt.timedelta(minutes=15)
    assert clocks["sa_local_phone_report"].confidence == "local"
    assert "sa_local_phone_report" not in by_slug(clocks_for("2.1.1", "grade_3", {}, t, t))
    configure(sa_local_phone_report_min_grade="grade_3", sa_local_phone_report_minutes=10)
    assert by_slug(clocks_for("2.1.1", "grade_3", {}, t, t))["sa_local_phone_report"].due_at == (
        t + dt.timedelta(minutes=10)
    )
    configure(sa_local_phone_report_enabled=False)
    assert "sa_local_phone_report" not in by_slug(clocks_for("2.1.1", "grade_1", {}, t, t))


def test_supplement_window_7_days_for_road_and_fire_30_otherwise():
    occurred = dt.datetime(2025, 3, 3, 10, 0, tzinfo=SH)
    road = by_slug(clocks_for("road_traffic_accident", None, {}, occurred, occurred))
    assert "sa_supplement" not in road
    # the starting day is not counted; the 7th day ends at 24:00
    assert road["sa_supplement_short"].due_at == dt.datetime(2025, 3, 11, 0, 0, tzinfo=SH)
    fire = by_slug(clocks_for("fire_accident", None, {}, occurred, occurred))
    assert fire["sa_supplement_short"].due_at == dt.datetime(2025, 3, 11, 0, 0, tzinfo=SH)
    mine = by_slug(clocks_for("mine_accident", None, {}, occurred, occurred))
    assert mine["sa_supplement"].due_at == dt.datetime(2025, 4, 3, 0, 0, tzinfo=SH)


def test_next_daily_report_crosses_midnight_in_shanghai_not_utc():
    # 20:00 UTC on 1 July is 04:00 on 2 July in Shanghai: the next 09:00 is 2 July 09:00 (+08).
    due = next_daily_report_due(dt.datetime(2025, 7, 1, 20, 0, tzinfo=UTC))
    assert due == dt.datetime(2025, 7, 2, 1, 0, tzinfo=UTC)
    assert due.astimezone(SH).hour == 9
    assert next_daily_report_due(dt.datetime(2025, 7, 2, 0, 59, tzinfo=UTC)) == dt.datetime(
        2025, 7, 2, 1, 0, tzinfo=UTC
    )
    # exactly at 09:00 the next one is tomorrow
    assert next_daily_report_due(dt.datetime(2025, 7, 2, 1, 0, tzinfo=UTC)) == dt.datetime(
        2025, 7, 3, 1, 0, tzinfo=UTC
    )


def test_natural_disaster_clocks():
    # 17:30 UTC on 1 July = 01:30 on 2 July in Shanghai
    occurred = dt.datetime(2025, 7, 1, 17, 30, tzinfo=UTC)
    clocks = by_slug(clocks_for("flood", None, None, occurred, occurred))
    assert set(clocks) == {"nd_initial_report", "nd_daily_report"}
    assert clocks["nd_initial_report"].due_at == dt.datetime(2025, 7, 1, 19, 30, tzinfo=UTC)
    # first daily report carries 2 July's figures, due 3 July 09:00 Shanghai
    assert clocks["nd_daily_report"].due_at == dt.datetime(2025, 7, 3, 1, 0, tzinfo=UTC)
    assert clocks["nd_daily_report"].recurring == "daily"


def test_verification_two_working_days_over_a_weekend():
    friday = dt.datetime(2025, 3, 7, 15, 0, tzinfo=SH)
    clocks = by_slug(clocks_for("typhoon", None, {}, friday, friday, ended_at=friday))
    assert "nd_daily_report" not in clocks
    assert clocks["nd_verification"].due_at == dt.datetime(2025, 3, 12, 0, 0, tzinfo=SH)  # Tue 24:00


def test_add_working_days_weekend_holidays_and_makeup_days():
    friday = dt.datetime(2025, 3, 7, 15, 0, tzinfo=SH)
    assert add_working_days(friday, 2) == dt.datetime(2025, 3, 11, 15, 0, tzinfo=SH)
    assert add_working_days(friday, 2, holidays=[dt.date(2025, 3, 10)]) == dt.datetime(
        2025, 3, 12, 15, 0, tzinfo=SH
    )
    saturday = dt.date(2025, 3, 8)
    assert add_working_days(friday, 1, makeup_workdays=[saturday]).date() == saturday
    assert add_working_days(friday, 0) == friday
    # input in UTC: Friday 23:00 UTC is already Saturday in Shanghai
    late = dt.datetime(2025, 3, 7, 23, 0, tzinfo=UTC)
    assert add_working_days(late, 1) == dt.datetime(2025, 3, 10, 7, 0, tzinfo=SH)


def test_configured_holidays_apply_to_clocks():
    configure(holidays=["2025-10-01", "2025-10-02", "2025-10-03", "2025-10-06"])
    assert not is_working_day(dt.date(2025, 10, 1))
    ended = dt.datetime(2025, 9, 30, 18, 0, tzinfo=SH)
    clocks = by_slug(clocks_for("1.4.2", None, {}, ended, ended, ended_at=ended))
    # working days after 30 Sep: 7 Oct, 8 Oct -> due 8 Oct 24:00
    assert clocks["nd_verification"].due_at == dt.datetime(2025, 10, 9, 0, 0, tzinfo=SH)
    reset_config()
    assert is_working_day(dt.date(2025, 10, 1))


def test_drought_reports_every_ten_days_without_two_hour_initial():
    t = dt.datetime(2025, 5, 1, 8, 0, tzinfo=SH)
    clocks = by_slug(clocks_for("1.1.2", None, {}, t, t))
    assert set(clocks) == {"nd_drought_report"}
    assert clocks["nd_drought_report"].due_at == t + dt.timedelta(days=10)


def test_config_changes_clock_amounts():
    t = dt.datetime(2025, 7, 1, 0, 0, tzinfo=UTC)
    configure(nd_initial_report_hours=3, nd_daily_report_hour=8)
    clocks = by_slug(clocks_for("1.2.1", None, {}, t, t))
    assert clocks["nd_initial_report"].due_at == t + dt.timedelta(hours=3)
    assert clocks["nd_daily_report"].due_at == dt.datetime(2025, 7, 2, 0, 0, tzinfo=UTC)  # 08:00 +08
    reset_config()
    restored = by_slug(clocks_for("1.2.1", None, {}, t, t))
    assert restored["nd_initial_report"].due_at == t + dt.timedelta(hours=2)


def test_public_health_and_social_security_have_no_clocks_here():
    t = dt.datetime(2025, 7, 1, tzinfo=UTC)
    assert clocks_for("3.1", None, {}, t, t) == []
    assert clocks_for("4.1", None, {}, t, t) == []


def test_clocks_are_sorted_and_aware_utc():
    t = dt.datetime(2025, 7, 1, 8, 0, tzinfo=SH)
    clocks = clocks_for("2.1.2", None, {"deaths": 31}, t, t)
    assert [c.due_at for c in clocks] == sorted(c.due_at for c in clocks)
    assert all(c.due_at.utcoffset() == dt.timedelta(0) for c in clocks)


def test_naive_datetimes_are_rejected():
    naive = dt.datetime(2025, 7, 1, 8, 0)
    with pytest.raises(StandardsError) as info:
        clocks_for("2.1.2", None, {}, naive, naive)
    assert (info.value.code, info.value.field) == ("naive_datetime", "occurred_at")
    with pytest.raises(StandardsError):
        next_daily_report_due(naive)
