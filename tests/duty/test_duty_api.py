"""The duty API: who is on duty at any time (/api/duty/on-duty/?at=), the log, swaps and acknowledgements."""

from datetime import timedelta

import pytest
from django.utils import timezone

from yingji.duty.models import Shift, SwapRequest

pytestmark = pytest.mark.django_db


def test_on_duty_at_a_time_lists_each_post_and_its_holder(api, users):
    at = timezone.now() + timedelta(days=1)
    response = api(users["duty"]).get("/api/duty/on-duty/", {"at": at.isoformat()})
    assert response.status_code == 200
    posts = {row["post"]["code"]: row for row in response.json()["posts"]}
    chief = Shift.objects.get(post__code="DP-EMB-CHIEF", start__lte=at, end__gt=at)
    assert posts["DP-EMB-CHIEF"]["person"]["name"] == chief.person.name
    assert posts["DP-EMB-CHIEF"]["person"]["phone"] == chief.person.mobile
    assert len(posts) == 33


def test_phones_are_masked_for_observers_and_a_township_sees_its_own_desk(api, users, regions):
    observed = api(users["observer"]).get("/api/duty/on-duty/").json()["posts"]
    assert all("****" in row["person"]["phone"] for row in observed if row["person"])
    township = api(users["township-guihua"]).get("/api/duty/on-duty/").json()["posts"]
    assert [row["region"]["name"] for row in township] == ["桂花镇"]
    by_region = api(users["duty"]).get("/api/duty/on-duty/", {"region": regions["longfeng"].code}).json()["posts"]
    assert {row["region"]["name"] for row in by_region} == {"龙凤镇"}


def test_bad_queries_get_clear_errors(api, users):
    bad_time = api(users["duty"]).get("/api/duty/on-duty/", {"at": "tomorrow"})
    assert bad_time.status_code == 400 and bad_time.json()["error"]["code"] == "invalid_time"
    bad_region = api(users["duty"]).get("/api/duty/on-duty/", {"region": "123"})
    assert bad_region.status_code == 400 and bad_region.json()["error"]["code"] == "unknown_region"
    assert api(None).get("/api/duty/on-duty/").status_code in (401, 403)
    assert api(users["enterprise"]).get("/api/duty/on-duty/").status_code == 403


def test_log_a_call_and_correct_it_through_the_api(api, users):
    client = api(users["duty"])
    created = client.post("/api/duty/log/", {"kind": "call_in", "summary": "来电：河沙镇停电", "counterpart": "供电"},
                          format="json")
    assert created.status_code == 201
    fix = client.post("/api/duty/log/", {"corrects": created.json()["uuid"], "summary": "更正：新桥镇停电"},
                      format="json")
    assert fix.status_code == 201 and fix.json()["corrects"] == created.json()["uuid"]
    listed = client.get("/api/duty/log/", {"kind": "call_in"}).json()["results"]
    assert listed[0]["summary"] == "更正：新桥镇停电"
    blank = client.post("/api/duty/log/", {"kind": "call_in", "summary": ""}, format="json")
    assert blank.status_code == 400 and blank.json()["error"]["code"] == "summary_required"


def test_swap_with_oneself_is_refused_through_the_api_and_nothing_is_saved(api, users):
    shift = Shift.objects.filter(post__code="DP-EMB-OFFICER", start__gt=timezone.now()).order_by("start").first()
    response = api(users["duty"]).post("/api/duty/swaps/", {"shift": str(shift.uuid), "to_person": shift.person.code,
                                                           "reason": "测试"}, format="json")
    assert response.status_code == 400 and response.json()["error"]["code"] == "swap_with_self"
    assert not SwapRequest.objects.filter(shift=shift).exists()


def test_a_manager_swaps_on_someones_behalf(api, users, staff):
    shift = Shift.objects.filter(post__code="DP-EMB-OFFICER", start__gt=timezone.now() + timedelta(hours=30)) \
        .order_by("start").first()
    free = next(p for k, p in staff.items() if k.startswith("O") and p.pk != shift.person_id and not Shift.objects
                .filter(person=p, start__lt=shift.end, end__gt=shift.start).exists())
    response = api(users["commander"]).post("/api/duty/swaps/", {
        "shift": str(shift.uuid), "to_person": free.code, "reason": "代为调整", "on_behalf": True}, format="json")
    assert response.status_code == 201 and response.json()["status"] == "approved"
    shift.refresh_from_db()
    assert shift.person == free
