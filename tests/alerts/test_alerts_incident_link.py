"""A warning links to an incident by the number people see on the incident page (SJ20261205-0007)."""

import pytest

from yingji.alerts.models import Warning
from yingji.incidents.models import Incident

pytestmark = pytest.mark.django_db


def test_the_form_takes_the_incident_number_and_the_page_shows_it(client, users, warning_data):
    incident = Incident.objects.filter(is_demo=True).first()
    client.force_login(users["duty"])
    response = client.post("/alerts/new/", warning_data(incident_uuid=incident.code.lower()))
    assert response.status_code == 302, response.content.decode()
    warning = Warning.objects.get(uuid=response.url.strip("/").split("/")[-1])
    assert warning.incident_uuid == str(incident.uuid)
    page = client.get(response.url).content.decode()
    assert incident.code in page and f"/incidents/{incident.uuid}/" in page
    assert f'value="{incident.code}"' in client.get(f"/alerts/{warning.uuid}/edit/").content.decode()


def test_the_uuid_still_works(client, users, warning_data):
    incident = Incident.objects.filter(is_demo=True).first()
    client.force_login(users["duty"])
    response = client.post("/alerts/new/", warning_data(incident_uuid=str(incident.uuid)))
    assert response.status_code == 302
    assert Warning.objects.get(uuid=response.url.strip("/").split("/")[-1]).incident_uuid == str(incident.uuid)


def test_an_unknown_number_is_refused_by_name_and_nothing_is_saved(client, users, warning_data, api):
    client.force_login(users["duty"])
    before = Warning.objects.count()
    response = client.post("/alerts/new/", warning_data(incident_uuid="SJ19990101-0001"))
    assert response.status_code == 400
    assert "找不到事件编号为 SJ19990101-0001 的突发事件" in response.content.decode()
    answer = api(users["duty"]).post("/api/alerts/warnings/", warning_data(incident_uuid="SJ19990101-0001"),
                                     format="json")
    assert answer.status_code == 400
    assert answer.json()["error"]["code"] == "unknown_incident"
    assert "incident_uuid" in answer.json()["error"]["fields"]
    assert Warning.objects.count() == before

