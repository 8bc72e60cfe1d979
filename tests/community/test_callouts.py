"""Call-outs to an incident: only approved volunteers are called; each accepts or declines, checks in and out; the
hours between are credited on check-out; the incident page lists the call-out and who is on site."""

from datetime import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from yingji.community.models import Volunteer
from yingji.incidents.models import Incident

pytestmark = pytest.mark.django_db


def _at(hour, minute=0):
    return timezone.make_aware(datetime(2026, 7, 1, hour, minute)).isoformat()


@pytest.fixture
def incident():
    return Incident.objects.order_by("code").first()


def _approved(n=2):
    return list(Volunteer.objects.filter(review_state="approved").order_by("code")[:n])


def _call(api, user, incident, volunteers):
    return api(user).post("/api/community/callouts/", {"incident": str(incident.uuid), "task": "沙袋搬运",
                                                       "place": "涪江大桥东侧",
                                                       "volunteers": [v.code for v in volunteers]}, format="json")


def test_only_approved_volunteers_are_called_out(api, users, incident):
    pending = Volunteer.objects.filter(review_state="pending").first()
    response = _call(api, users["commander"], incident, [pending])
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "volunteer_not_approved"
    assert "volunteers" in response.json()["error"]["fields"]


def test_accept_check_in_and_out_credits_the_hours(api, users, incident):
    first, second = _approved()
    before = first.service_hours
    callout = _call(api, users["commander"], incident, [first, second]).json()
    base = f"/api/community/callouts/{callout['uuid']}/entries/"
    duty = api(users["commander"])
    early = duty.post(f"{base}{first.code}/", {"action": "check_in", "at": _at(9)}, format="json")
    assert early.status_code == 400 and early.json()["error"]["code"] == "not_accepted"
    assert duty.post(f"{base}{first.code}/", {"action": "accept", "at": _at(8)}, format="json").status_code == 200
    assert duty.post(f"{base}{second.code}/", {"action": "decline", "at": _at(8)}, format="json").status_code == 200
    duty.post(f"{base}{first.code}/", {"action": "check_in", "at": _at(9)}, format="json")
    wrong = duty.post(f"{base}{first.code}/", {"action": "check_out", "at": _at(8, 30)}, format="json")
    assert wrong.status_code == 400 and "at" in wrong.json()["error"]["fields"]
    state = duty.post(f"{base}{first.code}/", {"action": "check_out", "at": _at(12, 30)}, format="json").json()
    entry = next(e for e in state["entries"] if e["volunteer"] == first.code)
    assert Decimal(entry["hours"]) == Decimal("3.5")
    assert Volunteer.objects.get(pk=first.pk).service_hours == before + Decimal("3.5")
    declined = next(e for e in state["entries"] if e["volunteer"] == second.code)
    assert declined["response"] == "declined"


def test_incident_page_lists_the_callout_and_who_is_on_site(client, api, users, incident):
    first, second = _approved()
    callout = _call(api, users["commander"], incident, [first, second]).json()
    base = f"/api/community/callouts/{callout['uuid']}/entries/{first.code}/"
    api(users["commander"]).post(base, {"action": "accept"}, format="json")
    api(users["commander"]).post(base, {"action": "check_in"}, format="json")
    client.force_login(users["commander"])
    page = client.get(f"/incidents/{incident.uuid}/").content.decode()
    assert 'id="volunteer-callouts"' in page and "沙袋搬运" in page
    on_site = page.split('id="callout-on-site"')[1].split("</p>")[0]
    assert first.name in on_site and second.name not in on_site


def test_callout_from_the_incident_page(client, users, incident):
    first, = _approved(1)
    client.force_login(users["commander"])
    response = client.post(f"/community/incidents/{incident.uuid}/callouts/",
                           {"task": "转移群众", "volunteers": [first.code]})
    assert response.status_code == 302
    refused = client.post(f"/community/incidents/{incident.uuid}/callouts/", {"task": "", "volunteers": []})
    assert refused.status_code == 400 and "请填写召集任务" in refused.content.decode()
