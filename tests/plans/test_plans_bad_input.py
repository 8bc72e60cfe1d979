"""Bad input to the plans API gets a clear 4xx, never a server error (issue 12, section 5)."""

import pytest


@pytest.mark.parametrize("level", ["response_9", "x", "响应"])
def test_capability_of_an_unknown_level_is_refused(api, users, flood_plan, level):
    reply = api(users["commander"]).get(f"/api/plans/plans/{flood_plan.plan.uuid}/capability/", {"level": level})
    assert reply.status_code == 400
    assert reply.json()["error"]["code"] == "invalid_level" and "level" in reply.json()["error"]["fields"]


@pytest.mark.parametrize("quantity", [10**30, "1e30", 1e300])
def test_an_allocation_demand_beyond_any_stock_is_refused(api, users, flood, quantity):
    reply = api(users["commander"]).post(f"/api/plans/incidents/{flood.uuid}/allocate/",
                                         {"demand": {"3010101": quantity}}, format="json")
    assert reply.status_code == 400 and reply.json()["error"]["code"] == "quantity_too_large"
    assert "demand" in reply.json()["error"]["fields"]


def test_material_order_with_a_huge_quantity_is_refused(api, users, flood):
    reply = api(users["commander"]).post("/api/plans/material-orders/", {
        "incident": str(flood.uuid), "lines": [{"depot": "DEP-D01", "material": "3010101", "quantity": 10**30}]},
        format="json")
    assert reply.status_code == 400 and reply.json()["error"]["code"] == "quantity_too_large"


def test_a_solver_failure_is_a_conflict_with_a_message_not_a_server_error(flood):
    """Numbers beyond HiGHS's range (1e20 counts as infinite) make it fail: the caller gets a 409 to show."""
    from yingji.core.errors import ConflictError
    from yingji.plans.recommend import propose_materials

    with pytest.raises(ConflictError) as refused:
        propose_materials(flood, {"3010101": 1e30})
    assert refused.value.code == "allocation_failed" and "调配方案" in refused.value.message
