"""Quantities no depot could hold get a clear 400, never a server error (issue 12, section 5)."""

import pytest

pytestmark = pytest.mark.django_db
URL = "/api/resources/stock-movements/"


@pytest.mark.parametrize("quantity", ["9" * 5000, "1e5000", "0." + "1" * 5000, "1" * 13])
def test_a_stock_movement_with_an_absurd_quantity_is_refused(api, users, quantity):
    reply = api(users["duty"]).post(URL, {"kind": "receive", "depot": "DEP-D01", "material": "3010101",
                                          "quantity": quantity, "batch_no": "B-HUGE"}, format="json")
    assert reply.status_code == 400, reply.content
    assert reply.json()["error"]["fields"] == {"quantity": [reply.json()["error"]["message"]]}
