"""The 8-hour relief clock on fixed times: from the incident's start to the first distribution covering each
registered person (one to them, or one to their shelter at or after their registration)."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from yingji.census.clock import relief_clock
from yingji.census.contributions import relief_indicator
from yingji.census.models import AffectedPerson, Distribution
from yingji.demo.townships import township
from yingji.incidents.models import Incident
from yingji.resources.models import Shelter

pytestmark = pytest.mark.django_db
START = datetime(2026, 7, 1, 2, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


def _person(incident, shelter, name, people, hours):
    return AffectedPerson.objects.create(name=name, incident=incident, shelter=shelter, people=people,
                                         registered_at=START + timedelta(hours=hours), region=shelter.region)


def _give(incident, shelter, hours, person=None):
    return Distribution.objects.create(name="方便面", incident=incident, shelter=shelter, person=person,
                                       quantity=10, distributed_at=START + timedelta(hours=hours),
                                       region=shelter.region)


def test_the_clock_counts_people_first_covered_within_8_hours(live_incident):
    Incident.objects.filter(pk=live_incident.pk).update(occurred_at=START)
    live_incident.refresh_from_db()
    shelter = Shelter.objects.filter(region__code=township("桂花镇").code).order_by("code").first()
    _person(live_incident, shelter, "甲", 3, 1)          # shelter-wide at 5 h covers them
    late = _person(live_incident, shelter, "乙", 2, 6)   # registered after it: their own at 9 h
    _person(live_incident, shelter, "丙", 4, 7)          # nothing yet
    _give(live_incident, shelter, 5)
    _give(live_incident, shelter, 9, person=late)
    total = relief_clock(live_incident)["total"]
    assert (total.people, total.covered, total.within) == (9, 5, 3)
    assert total.percent == round(100 * 3 / 9, 1) and not total.meets
    assert total.as_dict()["longest_hours"] == 9.0
    township_row = relief_clock(live_incident)["townships"][0]
    assert township_row.name == "桂花镇" and township_row.within == 3


def test_a_distribution_before_the_incident_is_refused(api, users, live_incident):
    shelter = Shelter.objects.order_by("code").first()
    response = api(users["commander"]).post("/api/census/distributions/", {
        "name": "饮用水", "incident": live_incident.code, "shelter": shelter.code, "quantity": "5",
        "distributed_at": (live_incident.occurred_at - timedelta(hours=1)).isoformat(),
        "region": shelter.region.code}, format="json")
    assert response.status_code == 400 and "distributed_at" in response.json()["error"]["fields"]


def test_the_relief_page_and_api_show_the_clock(client, api, users):
    rainstorm = Incident.objects.get(code="SJ20200813-0001")
    client.force_login(users["commander"])
    page = client.get(f"/census/relief/{rainstorm.uuid}/").content.decode()
    assert 'data-township="老池镇"' in page and "8小时内得到救助" in page
    body = api(users["commander"]).get(f"/api/census/incidents/{rainstorm.uuid}/relief/").json()
    assert body["incident"] == "SJ20200813-0001" and body["total"]["people"] > 0
    assert relief_indicator(users["commander"])["unit"] == "%"
