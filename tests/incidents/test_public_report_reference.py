"""The public report page (issue 14 §17): its map draws the district and township outlines with names, and a
received report gets a reference number to quote later."""

import uuid

import pytest
from django.core.cache import cache
from lxml import html

from yingji.incidents.models import IntakeReport

pytestmark = pytest.mark.django_db


def _report(client, key, **changes):
    data = {"kind": "1.1.1", "statement": "桂花镇石桥村河水漫上路面", "address": "桂花镇街上", "phone": "13800005678",
            "submission_key": key}
    data.update(changes)
    return client.post("/incidents/report/", data)


def test_a_received_report_is_answered_with_its_reference_number(client):
    cache.clear()
    key = str(uuid.uuid4())
    response = _report(client, key)
    assert response.status_code == 200
    incident = IntakeReport.objects.get(caller_phone="13800005678").incident
    reference = html.fromstring(response.content).get_element_by_id("public-reference").text_content()
    assert reference == incident.code and reference.startswith("SJ")
    assert incident.region.name == "桂花镇"  # the address names the township: not left at district level
    again = _report(client, key)  # a re-send of the same page quotes the same number and files nothing new
    assert html.fromstring(again.content).get_element_by_id("public-reference").text_content() == reference
    assert IntakeReport.objects.filter(caller_phone="13800005678").count() == 1


def test_the_public_map_draws_the_outlines(client):
    page = html.fromstring(client.get("/incidents/report/").content)
    picker = page.get_element_by_id("public-map")
    assert picker.get("data-outline-url") == "/incidents/places/outline/" and picker.get("data-yj-picker") is not None
    names = {f["properties"]["name"] for f in client.get(picker.get("data-outline-url")).json()["features"]}
    assert "船山区" in names and "桂花镇" in names


def test_a_bot_gets_no_number(client):
    cache.clear()
    response = _report(client, str(uuid.uuid4()), website="http://spam")
    assert "public-reference" not in response.content.decode()
