"""Month rosters by rotation, the rest rules, and the conflict checks (排班)."""

import itertools
from datetime import timedelta

import pytest

from yingji.core.errors import DomainError, PermissionDeniedError
from yingji.duty import services
from yingji.duty.conflicts import find_conflicts
from yingji.duty.models import Roster, Shift
from yingji.duty.rostering import month_days

pytestmark = pytest.mark.django_db


def _month_shifts(post, month):
    return list(Shift.objects.filter(post=post, duty_date__in=month_days(month)).select_related("person", "post",
                                                                                                  "roster"))


def test_a_24_hour_roster_covers_every_day_and_never_gives_back_to_back_shifts(users, posts, staff, later_month):
    chief = posts["DP-EMB-CHIEF"]
    people = [staff["C1"], staff["C2"], staff["C3"]]
    roster = services.generate_roster(actor=users["duty"], post=chief, month=later_month, people=people,
                                      min_rest_hours=24)
    shifts = _month_shifts(chief, later_month)
    assert len(shifts) == len(month_days(later_month))
    assert all(s.person is not None for s in shifts)
    assert roster.rotation == [p.code for p in people]
    for before, after in itertools.pairwise(shifts):
        assert before.person_id != after.person_id, "nobody works two 24-hour shifts back to back"
    assert find_conflicts(shifts, min_rest_hours=24) == []


def test_day_and_night_roster_keeps_the_minimum_rest(users, posts, staff, later_month):
    officer = posts["DP-EMB-OFFICER"]
    people = [staff[f"O{i}"] for i in range(1, 5)]
    services.generate_roster(actor=users["duty"], post=officer, month=later_month, people=people,
                             min_rest_hours=12)
    shifts = _month_shifts(officer, later_month)
    assert len(shifts) == 2 * len(month_days(later_month))
    assert {s.label for s in shifts} == {"白班", "夜班"}
    by_person = {}
    for shift in shifts:
        by_person.setdefault(shift.person_id, []).append(shift)
    for own in by_person.values():
        for before, after in itertools.pairwise(own):
            assert after.start - before.end >= timedelta(hours=12)


def test_a_leave_is_respected_and_shown_as_a_conflict_when_added_later(users, posts, staff, later_month):
    chief = posts["DP-EMB-CHIEF"]
    first_day = Shift(post=chief).post.pattern.segment_list()[0].bounds(later_month)[0]
    services.record_leave(actor=users["duty"], person=staff["C1"], start=first_day,
                          end=first_day + timedelta(days=6), reason="年休假")
    services.generate_roster(actor=users["duty"], post=chief, month=later_month,
                             people=[staff["C1"], staff["C2"], staff["C3"]], min_rest_hours=24)
    shifts = _month_shifts(chief, later_month)
    assert all(s.person_id != staff["C1"].pk for s in shifts[:6])
    services.record_leave(actor=users["duty"], person=shifts[8].person, start=shifts[8].start,
                          end=shifts[8].end, reason="病假")
    conflicts = find_conflicts(shifts)
    assert [c.code for c in conflicts] == ["leave"]
    assert "请假" in conflicts[0].message


def test_a_roster_that_leaves_the_post_empty_is_refused_and_nothing_is_saved(users, posts, staff, later_month):
    chief = posts["DP-EMB-CHIEF"]
    before = Shift.objects.count()
    with pytest.raises(DomainError) as error:
        services.generate_roster(actor=users["duty"], post=chief, month=later_month, people=[staff["C1"]],
                                 min_rest_hours=24)
    assert error.value.code == "post_left_empty"
    assert "空岗" in error.value.message
    assert Shift.objects.count() == before
    assert not Roster.objects.filter(post=chief, month=later_month).exists()


def test_empty_slots_are_allowed_only_when_asked_for(users, posts, staff, later_month):
    chief = posts["DP-EMB-CHIEF"]
    services.generate_roster(actor=users["duty"], post=chief, month=later_month, people=[staff["C1"]],
                             min_rest_hours=24, allow_empty=True)
    shifts = _month_shifts(chief, later_month)
    assert any(s.person is None for s in shifts) and any(s.person is not None for s in shifts)
    assert find_conflicts(shifts) == []


def test_an_overlapping_shift_is_refused(users, posts, staff, later_month):
    chief = posts["DP-EMB-CHIEF"]
    services.generate_roster(actor=users["duty"], post=chief, month=later_month,
                             people=[staff["C1"], staff["C2"], staff["C3"]], min_rest_hours=24)
    taken = _month_shifts(chief, later_month)[3]
    count = Shift.objects.count()
    with pytest.raises(DomainError) as same_person:
        services.assign_shift(actor=users["duty"], post=posts["DP-EMB-LEADER"], person=taken.person,
                              start=taken.start + timedelta(hours=2), end=taken.start + timedelta(hours=6))
    assert same_person.value.code == "shift_overlap"
    with pytest.raises(DomainError) as same_post:
        services.assign_shift(actor=users["duty"], post=chief, person=staff["C4"],
                              start=taken.start + timedelta(hours=1), end=taken.start + timedelta(hours=3))
    assert same_post.value.code == "shift_overlap"
    assert Shift.objects.count() == count


def test_regenerating_replaces_the_month_and_rotation_changes(users, posts, staff, later_month):
    chief = posts["DP-EMB-CHIEF"]
    services.generate_roster(actor=users["duty"], post=chief, month=later_month,
                             people=[staff["C1"], staff["C2"], staff["C3"]], min_rest_hours=24)
    services.generate_roster(actor=users["duty"], post=chief, month=later_month,
                             people=[staff["C4"], staff["C2"], staff["C3"]], min_rest_hours=24)
    shifts = _month_shifts(chief, later_month)
    assert len(shifts) == len(month_days(later_month))
    assert shifts[0].person == staff["C4"]
    assert Roster.objects.filter(post=chief, month=later_month).count() == 1


def test_a_township_officer_rosters_only_the_own_township(users, posts, township_people, later_month):
    guihua = next(p for p in posts.values() if p.region.name == "桂花镇")
    longfeng = next(p for p in posts.values() if p.region.name == "龙凤镇")
    services.generate_roster(actor=users["township-guihua"], post=guihua, month=later_month,
                             people=township_people, min_rest_hours=24)
    with pytest.raises(PermissionDeniedError):
        services.generate_roster(actor=users["township-guihua"], post=longfeng, month=later_month,
                                 people=township_people)
    with pytest.raises(PermissionDeniedError):
        services.generate_roster(actor=users["observer"], post=guihua, month=later_month, people=township_people)
