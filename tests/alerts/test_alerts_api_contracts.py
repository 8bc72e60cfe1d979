"""Bodies the OpenAPI contract does not allow get a clear 400 naming the field, never a server error."""

import pytest

from yingji.alerts.models import Warning

pytestmark = pytest.mark.django_db


def test_a_list_where_the_warning_type_is_expected_is_refused_by_field(api, users, warning_data):
    before = Warning.objects.count()
    reply = api(users["duty"]).post("/api/alerts/warnings/", warning_data(type_code=["met.rainstorm"]), format="json")
    assert reply.status_code == 400
    assert reply.json()["error"]["code"] == "invalid_type" and "type_code" in reply.json()["error"]["fields"]
    assert Warning.objects.count() == before


def test_a_json_array_body_is_a_malformed_request(api, users, warning_data):
    reply = api(users["duty"]).post("/api/alerts/warnings/", [warning_data()], format="json")
    assert reply.status_code == 400 and reply.json()["error"]["code"] == "malformed_request"


def test_incoming_cap_without_xml_asks_for_it(api, users):
    reply = api(users["duty"]).post("/api/alerts/incoming/", {}, format="json")
    assert reply.status_code == 400 and reply.json()["error"]["code"] == "malformed_cap"
    listed = api(users["duty"]).post("/api/alerts/incoming/", {"xml": ["<alert/>"]}, format="json")
    error = listed.json()["error"]
    assert listed.status_code == 400 and error["fields"] == {"xml": [error["message"]]}
