"""Changing a roster by hand on its page (a manual shift, a leave, an empty shift staffed) and the post's
manager (岗位负责人), who alone decides its swaps."""

from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from yingji.core.models import User
from yingji.core.roles import Role
from yingji.duty import services
from yingji.duty.models import DutyPost, Leave, Shift, SwapRequest

pytestmark = pytest.mark.django_db


def _at(day, hour):
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _url(post, month):
    return f"/duty/roster/?post={post}&month={month:%Y-%m}"


def test_a_manual_shift_and_a_leave_are_entered_on_the_roster_page(client, users, staff, later_month):
    client.force_login(users["duty"])
    page = client.get(_url("DP-EMB-CHIEF", later_month)).content.decode()
    assert 'id="shift-form"' in page and 'id="leave-form"' in page and "蒋德明" in page
    day = later_month.replace(day=5)
    shift = {"post": "DP-EMB-CHIEF", "month": f"{later_month:%Y-%m}", "shift-person": staff["C1"].pk,
             "shift-start": f"{day}T08:30", "shift-end": f"{day}T20:30", "shift-label": "加班"}
    done = client.post("/duty/roster/shift/", shift, follow=True).content.decode()
    assert "已安排班次" in done and staff["C1"].name in done
    overlap = client.post("/duty/roster/shift/", {**shift, "shift-person": staff["C2"].pk}, follow=True)
    assert "时间重叠" in overlap.content.decode()
    backwards = client.post("/duty/roster/shift/", {**shift, "shift-start": f"{day}T20:30",
                                                    "shift-end": f"{day}T08:30"}, follow=True)
    assert "结束时间须晚于开始时间" in backwards.content.decode()
    assert Shift.objects.filter(post__code="DP-EMB-CHIEF", duty_date=day).count() == 1

    leave = {"post": "DP-EMB-CHIEF", "month": f"{later_month:%Y-%m}", "leave-person": staff["C2"].pk,
             "leave-start": f"{day + timedelta(days=2)}T00:00", "leave-end": f"{day + timedelta(days=4)}T00:00",
             "leave-reason": "病假"}
    listed = client.post("/duty/roster/leave/", leave, follow=True).content.decode()
    assert "已登记请假" in listed and "病假" in listed
    blank = client.post("/duty/roster/leave/", {**leave, "leave-start": ""}, follow=True).content.decode()
    assert "开始时间" in blank
    assert Leave.objects.filter(person=staff["C2"], reason="病假").count() == 1
    leave_row = Leave.objects.get(person=staff["C2"], reason="病假")
    on_leave = client.post("/duty/roster/shift/", {**shift, "shift-person": staff["C2"].pk,
                                                   "shift-start": f"{day + timedelta(days=3)}T08:30",
                                                   "shift-end": f"{day + timedelta(days=3)}T20:30"}, follow=True)
    assert "请假" in on_leave.content.decode()
    back = _url("DP-EMB-CHIEF", later_month)
    withdrawn = client.post(f"/duty/leaves/{leave_row.uuid}/withdraw/", {"next": back}, follow=True)
    assert "已撤销请假" in withdrawn.content.decode() and withdrawn.redirect_chain[-1][0] == back
    assert not Leave.objects.filter(pk=leave_row.pk).exists()
    client.force_login(users["observer"])
    assert client.post(f"/duty/leaves/{leave_row.uuid}/withdraw/").status_code == 403


def test_an_empty_shift_is_staffed_from_the_calendar(client, users, staff, later_month):
    post = DutyPost.objects.get(code="DP-EMB-CHIEF")
    day = later_month.replace(day=7)
    empty = Shift.objects.create(post=post, region=post.region, duty_date=day, label="24小时", start=_at(day, 8),
                                 end=_at(day + timedelta(days=1), 8))
    client.force_login(users["duty"])
    assert f"/duty/shifts/{empty.uuid}/staff/" in client.get(_url("DP-EMB-CHIEF", later_month)).content.decode()
    assert "值班人员" in client.post(f"/duty/shifts/{empty.uuid}/staff/", {}).content.decode()
    client.post(f"/duty/shifts/{empty.uuid}/staff/", {"person": staff["C3"].pk})
    empty.refresh_from_db()
    assert empty.person == staff["C3"] and empty.source == "manual"
    again = client.post(f"/duty/shifts/{empty.uuid}/staff/", {"person": staff["C4"].pk}, follow=True)
    assert "请用调班" in again.content.decode()


@pytest.fixture
def second_officer(db):
    from yingji.core.models import Organization, Region

    return User.objects.create_user(username="duty-2", password="x", role=Role.DUTY_OFFICER,
                                    organization=Organization.objects.get(code="ORG-EMB"),
                                    region=Region.objects.get(level=1), first_name="值班员二")


def _swap(users, staff, later_month):
    services.generate_roster(actor=users["duty"], post=DutyPost.objects.get(code="DP-EMB-CHIEF"), month=later_month,
                             people=[staff["C1"], staff["C2"], staff["C3"]], min_rest_hours=24)
    shift = Shift.objects.get(post__code="DP-EMB-CHIEF", duty_date=later_month.replace(day=10))
    return services.request_swap(actor=users["duty"], shift=shift, to_person=staff["C4"], reason="家中有事")


def test_only_the_posts_manager_decides_its_swaps(client, users, staff, later_month, second_officer):
    swap = _swap(users, staff, later_month)
    client.force_login(second_officer)
    assert 'value="approve"' not in client.get(_url("DP-EMB-CHIEF", later_month)).content.decode()
    refused = client.post(f"/duty/swaps/{swap.uuid}/decide/", {"event": "approve"}, follow=True)
    assert "本岗位的调班由岗位负责人蒋德明审批" in refused.content.decode()
    swap.refresh_from_db()
    assert swap.status == "requested"
    client.force_login(users["commander"])  # 蒋德明's account
    assert 'value="approve"' in client.get(_url("DP-EMB-CHIEF", later_month)).content.decode()
    client.post(f"/duty/swaps/{swap.uuid}/decide/", {"event": "approve"})
    swap.refresh_from_db()
    assert swap.status == "approved" and swap.decided_by == users["commander"]


def test_on_behalf_swaps_need_the_manager_and_a_post_without_one_falls_back(api, users, staff, later_month,
                                                                             second_officer):
    swap = _swap(users, staff, later_month)
    services.decide_swap(swap, actor=users["duty"], event="cancel")
    response = api(second_officer).post("/api/duty/swaps/", {
        "shift": str(swap.shift.uuid), "to_person": staff["C4"].code, "reason": "代为调整", "on_behalf": True},
        format="json")
    assert response.status_code == 403, response.json()
    assert response.json()["error"]["code"] == "not_post_manager"
    assert SwapRequest.objects.filter(shift=swap.shift).count() == 1
    DutyPost.objects.filter(code="DP-EMB-CHIEF").update(manager=None)
    response = api(second_officer).post("/api/duty/swaps/", {
        "shift": str(swap.shift.uuid), "to_person": staff["C4"].code, "reason": "代为调整", "on_behalf": True},
        format="json")
    assert response.status_code == 201 and response.json()["status"] == "approved"


def test_the_manager_is_shown_and_set_on_the_post_registry(client, users, staff):
    client.force_login(users["commander"])
    post = DutyPost.objects.get(code="DP-EMB-OFFICER")
    assert "岗位负责人" in client.get("/r/duty/posts/").content.decode()
    assert staff["L1"].name in client.get(f"/r/duty/posts/{post.uuid}/").content.decode()


def test_the_manager_cannot_approve_their_own_request(users, staff, later_month):
    from yingji.core.errors import PermissionDeniedError

    swap = _swap(users, staff, later_month)
    services.decide_swap(swap, actor=users["duty"], event="cancel")
    own = services.request_swap(actor=users["commander"], shift=swap.shift, to_person=staff["C4"], reason="本人申请")
    with pytest.raises(PermissionDeniedError) as refused:
        services.decide_swap(own, actor=users["commander"], event="approve")
    assert refused.value.code == "own_request"


def test_the_manager_swaps_on_someones_behalf_on_the_page(client, users, staff, later_month):
    swap = _swap(users, staff, later_month)
    services.decide_swap(swap, actor=users["duty"], event="cancel")
    shift = swap.shift
    client.force_login(users["duty"])
    assert 'name="on_behalf"' not in client.get(f"/duty/shifts/{shift.uuid}/swap/").content.decode()
    client.force_login(users["commander"])
    assert 'name="on_behalf"' in client.get(f"/duty/shifts/{shift.uuid}/swap/").content.decode()
    done = client.post(f"/duty/shifts/{shift.uuid}/swap/", {"to_person": staff["C4"].pk, "reason": "局里统一调整",
                                                            "on_behalf": "on"}, follow=True)
    assert "已调班" in done.content.decode()
    shift.refresh_from_db()
    assert shift.person == staff["C4"]
