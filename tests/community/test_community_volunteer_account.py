"""A volunteer's own account (role 志愿者): linked to their registration by the bureau, it shows their call-outs and
training, lets them accept or decline and check in and out (hours credited), finds nobody else's call-outs (404)
and reaches nothing else of the community app; a link to a wrong account is refused by field."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from yingji.community import mine
from yingji.community.callouts import call_out
from yingji.community.models import CallOut, Volunteer

pytestmark = pytest.mark.django_db


@pytest.fixture
def me(users):
    return users["volunteer-demo"]


def _my_callout(me) -> CallOut:
    return CallOut.objects.filter(entries__volunteer__user=me).first()


def test_the_volunteer_sees_their_call_out_and_training_and_replies(me, api):
    client = api(me)
    state = client.get("/api/community/me/").json()
    assert state["code"] == "ZYZ-0001" and [c["response"] for c in state["callouts"]] == ["invited"]
    assert [t["code"] for t in state["trainings"]] == ["PXJL-V001"] and state["trainings"][0]["valid_until"]
    callout = _my_callout(me)
    accepted = client.post(f"/api/community/me/callouts/{callout.uuid}/", {"action": "accept"}, format="json")
    assert accepted.status_code == 200 and accepted.json()["callouts"][0]["response"] == "accepted"
    bad = client.post(f"/api/community/me/callouts/{callout.uuid}/", {"action": "fly"}, format="json")
    assert bad.status_code == 400 and "action" in bad.json()["error"]["fields"]

    volunteer, now = Volunteer.objects.get(code="ZYZ-0001"), timezone.now()
    before = volunteer.service_hours
    mine.reply(volunteer, callout.uuid, "check_in", now=now)
    mine.reply(volunteer, callout.uuid, "check_out", now=now + timedelta(hours=2, minutes=30))
    volunteer.refresh_from_db()
    assert volunteer.service_hours == before + Decimal("2.5")
    assert float(client.get("/api/community/me/").json()["callouts"][0]["hours"]) == 2.5


def test_anothers_call_out_is_not_found_and_the_registry_is_closed_to_a_volunteer(me, api, users):
    from yingji.incidents.models import Incident

    other = Volunteer.objects.filter(review_state="approved").exclude(code="ZYZ-0001").order_by("code").first()
    theirs = call_out(Incident.objects.filter(is_exercise=False).first(), [other], task="别人的任务")
    client = api(me)
    assert client.post(f"/api/community/me/callouts/{theirs.uuid}/", {"action": "accept"},
                       format="json").status_code == 404
    assert client.get("/api/community/volunteers/").status_code == 403
    assert client.get("/api/community/officers/").status_code == 403
    assert client.get("/api/community/me/").json()["callouts"][0]["task"] != "别人的任务"
    assert not users["commander"].has_perm("community.serve_as_volunteer")
    assert not users["township-guihua"].has_perm("community.serve_as_volunteer")
    assert api(users["commander"]).get("/api/community/me/").status_code == 404  # no volunteer behind the account


def test_the_page_shows_the_call_out_and_takes_a_reply(me, client):
    client.force_login(me)
    page = client.get("/community/me/").content.decode()
    assert 'id="mine-callouts"' in page and "协助转移安置点群众" in page and 'value="accept"' in page
    assert "协助转移安置点群众" in client.get("/todo/").content.decode()  # waiting for the reply
    callout = _my_callout(me)
    assert client.post(f"/community/me/callouts/{callout.uuid}/", {"action": "decline"}).status_code == 302
    assert "已拒绝" in client.get("/community/me/").content.decode()
    refused = client.post(f"/community/me/callouts/{callout.uuid}/", {"action": "check_in"})
    assert refused.status_code == 400 and "志愿者接受召集后才能签到" in refused.content.decode()
    assert "协助转移安置点群众" not in client.get("/todo/").content.decode()  # replied: nothing waiting


def test_a_link_to_a_wrong_account_is_refused_by_field(users, api):
    volunteer = Volunteer.objects.get(code="ZYZ-0002")
    url, boss = f"/api/community/volunteers/{volunteer.uuid}/", api(users["commander"])
    wrong_role = boss.patch(url, {"account_username": "duty"}, format="json")
    assert wrong_role.status_code == 400 and wrong_role.json()["error"]["code"] == "unknown_volunteer_account"
    assert "account_username" in wrong_role.json()["error"]["fields"]
    taken = boss.patch(url, {"account_username": "volunteer-demo"}, format="json")
    assert taken.status_code == 400 and taken.json()["error"]["code"] == "account_taken"


def _docx_text(content: bytes) -> str:
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(content)) as docx:
        return docx.read("word/document.xml").decode()


def test_service_hours_are_certified_as_docx_for_the_bureau_and_the_volunteer(me, client, users):
    volunteer, now = Volunteer.objects.get(code="ZYZ-0001"), timezone.now()
    callout = _my_callout(me)
    for action, at in (("accept", now), ("check_in", now), ("check_out", now + timedelta(hours=3))):
        mine.reply(volunteer, callout.uuid, action, now=at)
    volunteer.refresh_from_db()
    client.force_login(users["commander"])
    text = _docx_text(client.get(f"/community/volunteers/{volunteer.uuid}/service-hours.docx").content)
    assert "志愿服务时长证明" in text and volunteer.name in text and f"{volunteer.service_hours}小时" in text
    assert "协助转移安置点群众" in text and "3.0" in text
    client.force_login(me)
    assert "志愿服务时长证明" in _docx_text(client.get("/community/me/service-hours.docx").content)
    other = Volunteer.objects.get(code="ZYZ-0002")
    assert client.get(f"/community/volunteers/{other.uuid}/service-hours.docx").status_code == 403
    client.force_login(users["township-longfeng"])
    if volunteer.region.name != "龙凤镇":
        assert client.get(f"/community/volunteers/{volunteer.uuid}/service-hours.docx").status_code == 404


def test_certificates_are_added_on_the_page_and_through_the_api_with_errors_by_field(users, client, api):
    volunteer = Volunteer.objects.get(code="ZYZ-0002")
    client.force_login(users["commander"])
    assert client.post(f"/community/volunteers/{volunteer.uuid}/certificates/",
                       {"name": "红十字救护员证", "expiry": str(timezone.localdate() + timedelta(days=10))}
                       ).status_code == 302
    page = client.get(f"/r/community/volunteers/{volunteer.uuid}/").content.decode()
    assert "红十字救护员证" in page and "临期" in page
    bad = api(users["commander"]).post(f"/api/community/volunteers/{volunteer.uuid}/certificates/",
                                       {"name": "潜水员证", "expiry": "明年"}, format="json")
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "invalid_date"
    assert "expiry" in bad.json()["error"]["fields"]
    listed = api(users["commander"]).post(f"/api/community/volunteers/{volunteer.uuid}/certificates/",
                                          {"name": "潜水员证", "expiry": "2030-01-01"}, format="json")
    assert listed.status_code == 201 and "潜水员证" in [c["name"] for c in listed.json()]
    assert api(users["duty"]).post(f"/api/community/volunteers/{volunteer.uuid}/certificates/",
                                   {"name": "x"}, format="json").status_code == 403


def test_service_hours_are_certified_as_pdf_too_with_the_id_masked(me, client, users):
    from pdftext import pdf_text
    from yingji.community.documents import service_hours_number

    volunteer, now = Volunteer.objects.get(code="ZYZ-0001"), timezone.now()
    Volunteer.objects.filter(pk=volunteer.pk).update(id_number="510903199001011234")
    callout = _my_callout(me)
    for action, at in (("accept", now), ("check_in", now), ("check_out", now + timedelta(hours=2))):
        mine.reply(volunteer, callout.uuid, action, now=at)
    volunteer.refresh_from_db()
    client.force_login(users["commander"])
    page = client.get(f"/community/volunteers/{volunteer.uuid}/service-hours.pdf")
    assert page.status_code == 200 and page.content.startswith(b"%PDF")
    text = pdf_text(page.content)
    assert service_hours_number(volunteer, timezone.localdate()) in text and volunteer.name in text
    assert f"{volunteer.service_hours}小时" in text and "协助转移安置点群众" in text
    assert "510903********1234" in text and "510903199001011234" not in text
    assert "510903********1234" in _docx_text(client.get(f"/community/volunteers/{volunteer.uuid}/service-hours.docx")
                                               .content)  # the same content in the DOCX
    api = client.get(f"/api/community/volunteers/{volunteer.uuid}/service-hours/?format=pdf")
    assert api.status_code == 200 and volunteer.name in pdf_text(api.content)
    client.force_login(me)
    assert volunteer.code in pdf_text(client.get("/community/me/service-hours.pdf").content)
    assert volunteer.code in pdf_text(client.get("/api/community/me/service-hours/?format=pdf").content)
    other = Volunteer.objects.get(code="ZYZ-0002")
    assert client.get(f"/api/community/volunteers/{other.uuid}/service-hours/?format=pdf").status_code == 404
