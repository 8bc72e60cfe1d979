"""The merge and clock-waiver API actions document their bodies and answer bad ones with clear 400s."""

import pytest

from yingji.incidents.models import Incident


@pytest.mark.parametrize("body", [{"into": "not-a-uuid"}, {"into": ""}, {}])
def test_merge_without_a_known_target_is_refused(api, users, landslide, body):
    response = api(users["commander"]).post(f"/api/incidents/incidents/{landslide.uuid}/merge/", body, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "unknown_incident"
    assert Incident.objects.get(pk=landslide.pk).merged_into is None


def test_merge_target_sent_as_a_list_names_the_field(api, users, landslide, accident):
    response = api(users["commander"]).post(f"/api/incidents/incidents/{landslide.uuid}/merge/",
                                            {"into": [str(accident.uuid)]}, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_type" and "into" in response.json()["error"]["fields"]


def test_merge_into_another_incident(api, users, landslide, accident):
    response = api(users["commander"]).post(f"/api/incidents/incidents/{landslide.uuid}/merge/",
                                            {"into": str(accident.uuid)}, format="json")
    assert response.status_code == 200
    assert Incident.objects.get(pk=landslide.pk).merged_into_id == accident.pk


def test_waiving_a_clock_needs_a_reason_in_text(api, users, landslide):
    clock = landslide.clocks.first()
    url = f"/api/incidents/incidents/{landslide.uuid}/clocks/{clock.pk}/waive/"
    client = api(users["commander"])
    listed = client.post(url, {"reason": ["电话已报"]}, format="json")
    assert listed.status_code == 400 and listed.json()["error"]["code"] == "invalid_type"
    empty = client.post(url, {}, format="json")
    assert empty.status_code == 400 and empty.json()["error"]["code"] == "reason_required"
    waived = client.post(url, {"reason": "已电话报告区委值班室"}, format="json")
    assert waived.status_code == 200 and waived.json()["waived_reason"] == "已电话报告区委值班室"
