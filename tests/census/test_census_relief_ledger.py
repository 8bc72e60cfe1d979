"""Relief through the stock ledger: a distribution from a depot issues its quantity in resources' ledger (the
batch that expires first, one movement referencing the distribution); too little stock refuses the distribution
with nothing saved; an issued distribution keeps its depot, material and quantity and cannot be deleted."""

from decimal import Decimal

import pytest
from django.db.models import Sum

from yingji.census.models import Distribution
from yingji.resources.models import StockBatch, StockMovement

pytestmark = pytest.mark.django_db


def _stock(batch):
    return StockBatch.objects.filter(depot=batch.depot, material=batch.material).aggregate(q=Sum("quantity"))["q"]


def _payload(live_incident, guihua_household, batch, quantity):
    return {"name": batch.material.name, "incident": live_incident.code, "shelter": guihua_household.shelter.code,
            "depot": batch.depot.code, "material": batch.material.code, "quantity": str(quantity),
            "distributed_at": live_incident.occurred_at.isoformat(), "region": guihua_household.shelter.region.code}


def test_a_distribution_from_a_depot_goes_through_the_stock_ledger(api, users, live_incident, guihua_household):
    batch = StockBatch.objects.filter(quantity__gt=20, reserved=0, expiry_date__isnull=True).select_related(
        "depot", "material").order_by("id").first()
    before = _stock(batch)
    client = api(users["commander"])
    response = client.post("/api/census/distributions/", _payload(live_incident, guihua_household, batch, 5),
                           format="json")
    assert response.status_code == 201, response.content
    distribution = Distribution.objects.get(uuid=response.json()["uuid"])
    assert distribution.unit == batch.material.unit and distribution.movement_group
    movement = StockMovement.objects.get(group=distribution.movement_group)
    assert (movement.kind, movement.quantity, movement.reference) == ("issue", Decimal(-5), distribution.code)
    assert "救灾物资发放" in movement.reason and _stock(batch) == before - 5

    too_much = client.post("/api/census/distributions/",
                           _payload(live_incident, guihua_household, batch, before * 10), format="json")
    assert too_much.status_code == 400
    assert "可用数量不足" in str(too_much.json()["error"]["fields"]["quantity"])
    assert Distribution.objects.filter(name=batch.material.name, incident=live_incident).count() == 1
    assert _stock(batch) == before - 5, "nothing issued"

    edit = client.patch(f"/api/census/distributions/{distribution.uuid}/", {"quantity": "3"}, format="json")
    assert edit.status_code == 400 and "已出库的发放记录不能修改" in str(edit.json())
    assert client.delete(f"/api/census/distributions/{distribution.uuid}/").status_code == 400
    assert Distribution.objects.filter(pk=distribution.pk).exists() and _stock(batch) == before - 5

    half = client.post("/api/census/distributions/", {
        **_payload(live_incident, guihua_household, batch, 1), "material": ""}, format="json")
    assert half.status_code == 400 and "material" in half.json()["error"]["fields"]
