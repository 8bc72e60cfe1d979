"""Volunteers: the public sign-up needs consent (a 400 naming `consent`), a minor a guardian's consent; a sign-up
waits for the bureau's review (approve, or reject with a reason); phones are masked in lists; a township officer
sees only their township's volunteers (404 for another's)."""

import pytest
from django.core.cache import cache

from yingji.community.models import Volunteer
from yingji.core.models import Region

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    cache.clear()


def _township(name="桂花镇"):
    return Region.objects.get(name=name)


def _signup(**changes):
    return {"name": "陈志愿", "phone": "13912345678", "township": _township().code, "skills": "急救",
            "availability": "weekends", "consent": True, **changes}


def test_api_sign_up_without_consent_is_a_400_naming_consent(api):
    response = api().post("/api/community/volunteer-signup/", _signup(consent=False), format="json")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "consent_required" and "consent" in error["fields"]
    assert not Volunteer.objects.filter(name="陈志愿").exists()


def test_api_sign_up_is_pending_review(api):
    response = api().post("/api/community/volunteer-signup/", _signup(), format="json")
    assert response.status_code == 201, response.content
    volunteer = Volunteer.objects.get(code=response.json()["code"])
    assert volunteer.review_state == "pending" and volunteer.region == _township()


def test_a_minor_needs_the_guardians_consent(api):
    response = api().post("/api/community/volunteer-signup/", _signup(is_minor=True), format="json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "guardian_consent_required"
    ok = api().post("/api/community/volunteer-signup/",
                    _signup(is_minor=True, guardian_name="陈父", guardian_consent=True), format="json")
    assert ok.status_code == 201


def test_public_page_without_login_shows_the_consent_error(client):
    page = client.get("/community/volunteers/sign-up/")
    assert page.status_code == 200 and "志愿者注册" in page.content.decode()
    data = {**_signup(), "consent": ""}
    response = client.post("/community/volunteers/sign-up/", data)
    assert response.status_code == 400
    assert "须同意志愿服务协议" in response.content.decode()
    thanks = client.post("/community/volunteers/sign-up/", {**_signup(), "consent": "on"})
    assert thanks.status_code == 200 and "已收到您的志愿者注册" in thanks.content.decode()


def test_public_page_is_rate_limited(client):
    for _ in range(5):
        client.post("/community/volunteers/sign-up/", {**_signup(), "consent": "on"})
    assert client.post("/community/volunteers/sign-up/", {**_signup(), "consent": "on"}).status_code == 429


def test_review_approve_and_reject_with_reason(api, users):
    pending = Volunteer.objects.filter(review_state="pending").order_by("code")
    first, second = pending[0], pending[1]
    commander = api(users["commander"])
    refused = commander.post(f"/api/community/volunteers/{second.uuid}/review/", {"event": "reject"}, format="json")
    assert refused.status_code == 400 and refused.json()["error"]["code"] == "reason_required"
    assert "reason" in refused.json()["error"]["fields"]
    ok = commander.post(f"/api/community/volunteers/{first.uuid}/review/", {"event": "approve"}, format="json")
    assert ok.status_code == 200 and ok.json()["review_state"] == "approved"
    rejected = commander.post(f"/api/community/volunteers/{second.uuid}/review/",
                              {"event": "reject", "reason": "电话无法接通"}, format="json")
    assert rejected.json()["review_state"] == "rejected"
    assert Volunteer.objects.get(pk=second.pk).review_reason == "电话无法接通"


def test_review_page_buttons(client, users):
    volunteer = Volunteer.objects.filter(review_state="pending").order_by("code").first()
    client.force_login(users["commander"])
    page = client.get(f"/r/community/volunteers/{volunteer.uuid}/")
    assert page.status_code == 200 and 'id="review-approve"' in page.content.decode()
    response = client.post(f"/community/volunteers/{volunteer.uuid}/review/", {"event": "reject"})
    assert response.status_code == 400 and "拒绝须填写理由" in response.content.decode()
    client.post(f"/community/volunteers/{volunteer.uuid}/review/", {"event": "approve"})
    assert Volunteer.objects.get(pk=volunteer.pk).review_state == "approved"


def test_phone_and_id_number_are_masked_for_a_role_without_the_permission(api, users):
    rows = api(users["observer"]).get("/api/community/volunteers/").json()
    rows = rows["results"] if isinstance(rows, dict) else rows
    assert rows and all("****" in row["phone"] for row in rows)
    assert all("****" in row["id_number"] for row in rows if row["id_number"])
    duty = api(users["duty"]).get("/api/community/volunteers/").json()
    duty = duty["results"] if isinstance(duty, dict) else duty
    assert all("****" not in row["phone"] for row in duty)  # the duty desk calls volunteers out


def test_township_officer_sees_only_their_township(api, users):
    officer = users["township-guihua"]
    rows = api(officer).get("/api/community/volunteers/?page_size=500").json()
    rows = rows["results"] if isinstance(rows, dict) else rows
    assert rows and {row["region"] for row in rows} <= {officer.region.code}
    other = Volunteer.objects.exclude(region=officer.region).first()
    assert api(officer).get(f"/api/community/volunteers/{other.uuid}/").status_code == 404
    review = api(officer).post(f"/api/community/volunteers/{other.uuid}/review/", {"event": "approve"},
                               format="json")
    assert review.status_code == 404
