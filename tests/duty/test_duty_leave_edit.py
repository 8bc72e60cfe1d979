"""Correcting a leave from the roster page: new dates, the calendar's conflicts follow, bad input refused,
another township's leave out of reach, and the change in the audit trail."""

from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from yingji.core.errors import DomainError
from yingji.core.models import AuditEntry, Organization
from yingji.duty import shifts
from yingji.duty.models import DutyPost, Leave

pytestmark = pytest.mark.django_db


def _at(day, hour):
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _roster(month):
    return f"/duty/roster/?post=DP-EMB-CHIEF&month={month:%Y-%m}"


@pytest.fixture
def leave_and_shift(users, staff, later_month):
    """C2 holds a shift on the 10th and is on leave on the 3rd–4th (no conflict yet)."""
    post = DutyPost.objects.get(code="DP-EMB-CHIEF")
    day = later_month.replace(day=10)
    shifts.assign_shift(actor=users["duty"], post=post, start=_at(day, 8), end=_at(day, 20), person=staff["C2"])
    leave = shifts.record_leave(actor=users["duty"], person=staff["C2"], start=_at(later_month.replace(day=3), 0),
                                end=_at(later_month.replace(day=5), 0), reason="事假")
    return leave, day


def _edit_url(leave, month):
    return f"/duty/leaves/{leave.uuid}/edit/?next={_roster(month).replace('&', '%26')}"


def test_new_dates_are_saved_and_the_roster_shows_the_shift_now_on_leave(client, users, staff, later_month,
                                                                       leave_and_shift):
    leave, day = leave_and_shift
    client.force_login(users["duty"])
    before = client.get(_roster(later_month)).content.decode()
    assert f"/duty/leaves/{leave.uuid}/edit/" in before and "修改" in before
    assert "请假中" not in before
    form = client.get(_edit_url(leave, later_month)).content.decode()
    assert staff["C2"].name in form and f"{later_month.replace(day=3)}T00:00" in form and "事假" in form

    done = client.post(_edit_url(leave, later_month), {
        "leave-person": staff["C3"].pk,  # the person is fixed: ignored
        "leave-start": f"{day}T00:00", "leave-end": f"{day + timedelta(days=1)}T00:00", "leave-reason": "病假"},
        follow=True)
    page = done.content.decode()
    assert done.redirect_chain[-1][0] == _roster(later_month)
    assert "已修改请假" in page and f"{day:%m-%d} 00:00" in page and "病假" in page
    # like a new leave over a shift: saved, and the shift shows as a leave conflict on the calendar
    assert f"{staff['C2'].name} 在 {day:%m月%d日} 08:00 加班 请假中" in page
    leave.refresh_from_db()
    assert leave.person == staff["C2"] and leave.start == _at(day, 0) and leave.reason == "病假"
    assert Leave.objects.filter(person=staff["C2"]).count() == 1


def test_end_before_start_is_refused_on_its_field_and_nothing_changes(client, users, later_month, leave_and_shift):
    leave, day = leave_and_shift
    client.force_login(users["duty"])
    response = client.post(_edit_url(leave, later_month), {
        "leave-start": f"{day}T12:00", "leave-end": f"{day}T08:00", "leave-reason": "改错了"})
    assert response.status_code == 400
    assert response.context["form"].errors["end"] == ["结束时间须晚于开始时间"]
    assert "结束时间须晚于开始时间" in response.content.decode()
    blank = client.post(_edit_url(leave, later_month), {"leave-start": "", "leave-end": f"{day}T08:00"})
    assert blank.status_code == 400 and "start" in blank.context["form"].errors
    unchanged = Leave.objects.get(pk=leave.pk)
    assert (unchanged.start, unchanged.end, unchanged.reason) == (leave.start, leave.end, "事假")


def test_the_service_refuses_the_same_way_as_recording(users, staff, leave_and_shift):
    leave, day = leave_and_shift
    with pytest.raises(DomainError) as refused:
        shifts.change_leave(leave, actor=users["duty"], start=_at(day, 12), end=_at(day, 12))
    assert refused.value.code == "end_before_start" and "end" in refused.value.fields
    with pytest.raises(DomainError) as outside:
        shifts.change_leave(leave, actor=users["township-guihua"], start=_at(day, 0), end=_at(day, 12))
    assert outside.value.code == "outside_jurisdiction"
    assert Leave.objects.get(pk=leave.pk).start == leave.start


def test_a_township_user_cannot_reach_another_townships_leave(client, users, regions, later_month):
    longfeng = Organization.objects.get(kind="township", region=regions["longfeng"]).people.order_by("code").first()
    leave = shifts.record_leave(actor=users["duty"], person=longfeng, start=_at(later_month, 0),
                                end=_at(later_month.replace(day=2), 0))
    client.force_login(users["township-guihua"])
    assert client.get(f"/duty/leaves/{leave.uuid}/edit/").status_code == 404
    posted = client.post(f"/duty/leaves/{leave.uuid}/edit/", {
        "leave-start": f"{later_month}T00:00", "leave-end": f"{later_month.replace(day=9)}T00:00"})
    assert posted.status_code == 404
    assert Leave.objects.get(pk=leave.pk).end == _at(later_month.replace(day=2), 0)
    client.force_login(users["township-longfeng"])
    own = client.post(f"/duty/leaves/{leave.uuid}/edit/", {
        "leave-start": f"{later_month}T00:00", "leave-end": f"{later_month.replace(day=9)}T00:00"})
    assert own.status_code == 302
    assert Leave.objects.get(pk=leave.pk).end == _at(later_month.replace(day=9), 0)


def test_an_observer_may_not_edit(client, users, later_month, leave_and_shift):
    leave, day = leave_and_shift
    client.force_login(users["observer"])
    assert "/edit/" not in client.get(_roster(later_month)).content.decode()
    assert client.post(f"/duty/leaves/{leave.uuid}/edit/", {
        "leave-start": f"{day}T00:00", "leave-end": f"{day}T12:00"}).status_code == 403


def test_the_audit_trail_has_the_change_with_its_author(client, users, later_month, leave_and_shift):
    leave, _day = leave_and_shift
    client.force_login(users["duty"])
    client.post(_edit_url(leave, later_month), {
        "leave-start": f"{later_month.replace(day=3)}T00:00", "leave-end": f"{later_month.replace(day=6)}T00:00",
        "leave-reason": "事假"})
    entry = AuditEntry.objects.filter(model="duty.Leave", object_id=str(leave.pk), action="update").get()
    assert entry.actor_name == "duty" and '"end"' in entry.before and '"end"' in entry.after
    assert '"start"' not in entry.after  # only what changed
