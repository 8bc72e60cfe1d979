"""Bodies the OpenAPI contract does not allow get a clear 400 naming the field, never a server error."""

import pytest


@pytest.mark.parametrize("demand, code", [
    ({"3010101": "lots"}, "invalid_type"),
    ({"3010101": -5}, "invalid_quantity"),
    (["3010101"], "invalid_type"),
])
def test_an_allocation_demand_that_is_not_quantities_is_refused(api, users, flood, demand, code):
    reply = api(users["commander"]).post(f"/api/plans/incidents/{flood.uuid}/allocate/", {"demand": demand},
                                         format="json")
    assert reply.status_code == 400 and reply.json()["error"]["code"] == code
    assert reply.json()["error"]["fields"] == {"demand": [reply.json()["error"]["message"]]}


def test_material_order_lines_must_be_objects(api, users, flood):
    reply = api(users["commander"]).post("/api/plans/material-orders/",
                                         {"incident": str(flood.uuid), "lines": ["3010101"]}, format="json")
    assert reply.status_code == 400 and reply.json()["error"]["code"] == "invalid_type"
