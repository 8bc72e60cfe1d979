"""Bodies the OpenAPI contract does not allow get a clear 400 naming the field, never a server error."""

import pytest

from yingji.duty.models import EscalationChain, LogEntry

pytestmark = pytest.mark.django_db

CHAIN = {"code": "CH-T", "name": "测试升级链", "event_kind": "incident.reported",
         "steps": [{"target": "officer", "channel": "DUTY-INAPP", "wait_minutes": 5}]}


@pytest.mark.parametrize("change, field", [
    ({"repeat": "twice"}, "repeat"),
    ({"steps": [{"target": "officer", "channel": "DUTY-INAPP", "wait_minutes": "soon"}]}, "steps"),
    ({"steps": ["officer"]}, "steps"),
    ({"steps": [None]}, "steps"),
])
def test_a_chain_with_values_of_the_wrong_kind_is_refused_and_not_saved(api, users, change, field):
    reply = api(users["commander"]).post("/api/duty/escalation-chains/", {**CHAIN, **change}, format="json")
    assert reply.status_code == 400, reply.content
    assert reply.json()["error"]["code"] == "invalid_type" and field in reply.json()["error"]["fields"]
    assert not EscalationChain.objects.filter(code="CH-T").exists()


def test_a_number_as_the_log_summary_is_taken_as_text(api, users):
    reply = api(users["duty"]).post("/api/duty/log/", {"kind": "event", "summary": 110}, format="json")
    assert reply.status_code == 201, reply.content
    assert LogEntry.objects.get(uuid=reply.json()["uuid"]).summary == "110"


def test_a_json_array_body_is_a_malformed_request(api, users):
    reply = api(users["duty"]).post("/api/duty/log/", [{"kind": "event", "summary": "x"}], format="json")
    assert reply.status_code == 400 and reply.json()["error"]["code"] == "malformed_request"


def test_a_form_encoded_chain_without_step_objects_is_refused(api, users):
    reply = api(users["commander"]).post("/api/duty/escalation-chains/", {**CHAIN, "steps": "officer"})
    assert reply.status_code == 400 and reply.json()["error"]["code"] == "invalid_type"
