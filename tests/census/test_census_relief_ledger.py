"""Relief through the shelters and the stock ledger (issue 19: "distributions from depot stock: issued to a shelter,
then to people"): an allocation moves stock from a depot into the shelter's store (one ledger transfer naming the
allocation); a distribution of a material issues from the shelter's store (one ledger issue naming the
distribution); each shelter's balance is the ledger's; too little stock refuses either with
`insufficient_stock` on `quantity`, nothing saved; an issued distribution keeps its depot, material and quantity and
cannot be deleted; a depot other than the shelter's is refused."""

from decimal import Decimal

import pytest
from django.db.models import Sum

from yingji.census.models import Allocation, Distribution, ShelterStore
from yingji.core.models import AuditEntry
from yingji.resources.models import StockBatch, StockMovement

pytestmark = pytest.mark.django_db


def _stock(depot, material):
    return StockBatch.objects.filter(depot=depot, material=material).aggregate(q=Sum("quantity"))["q"] or Decimal(0)


@pytest.fixture
def batch(db):
    return StockBatch.objects.filter(quantity__gt=20, reserved=0, expiry_date__isnull=True).select_related(
        "depot", "material").order_by("id").first()


def _allocate(client, incident, shelter, batch, quantity):
    return client.post("/api/census/allocations/", {
        "incident": incident.code, "shelter": shelter.code, "depot": batch.depot.code,
        "material": batch.material.code, "quantity": str(quantity)}, format="json")


def _distribute(client, incident, shelter, batch, quantity, **extra):
    return client.post("/api/census/distributions/", {
        "name": batch.material.name, "incident": incident.code, "shelter": shelter.code,
        "material": batch.material.code, "quantity": str(quantity), "distributed_at": incident.occurred_at.isoformat(),
        "region": shelter.region.code, **extra}, format="json")


def test_stock_goes_from_a_depot_to_the_shelter_then_to_the_people(api, users, live_incident, guihua_household,
                                                                   batch):
    shelter, client = guihua_household.shelter, api(users["commander"])
    before = _stock(batch.depot, batch.material)
    moved = _allocate(client, live_incident, shelter, batch, 12)
    assert moved.status_code == 201, moved.content
    allocation = Allocation.objects.get(uuid=moved.json()["uuid"])
    store = ShelterStore.objects.select_related("depot").get(shelter=shelter)
    assert moved.json()["store"] == store.depot.code and shelter.name in store.depot.name
    rows = StockMovement.objects.filter(group=allocation.movement_group)
    assert sorted((r.kind, r.depot_id, r.quantity) for r in rows) == sorted([
        ("transfer_in", store.depot_id, Decimal(12)), ("transfer_out", batch.depot_id, Decimal(-12))])
    assert {r.reference for r in rows} == {allocation.code}
    assert _stock(batch.depot, batch.material) == before - 12 and _stock(store.depot, batch.material) == 12
    assert AuditEntry.objects.filter(model="census.Allocation", object_id=str(allocation.pk), action="create").exists()

    given = _distribute(client, live_incident, shelter, batch, 5)
    assert given.status_code == 201, given.content
    distribution = Distribution.objects.get(uuid=given.json()["uuid"])
    assert distribution.depot_id == store.depot_id and distribution.unit == batch.material.unit
    issue = StockMovement.objects.get(group=distribution.movement_group)
    assert (issue.kind, issue.depot_id, issue.quantity, issue.reference) == (
        "issue", store.depot_id, Decimal(-5), distribution.code)
    assert _stock(store.depot, batch.material) == 7 and _stock(batch.depot, batch.material) == before - 12

    stock = client.get("/api/census/shelter-stock/", {"shelter": shelter.code}).json()
    assert [(r["material"], r["allocated"], r["issued"], r["balance"]) for r in stock] == [
        (batch.material.code, "12.00", "5.00", "7.00")]


def test_no_stock_goes_negative_and_nothing_is_half_saved(api, users, live_incident, guihua_household, batch):
    shelter, client = guihua_household.shelter, api(users["commander"])
    before = _stock(batch.depot, batch.material)
    too_much = _allocate(client, live_incident, shelter, batch, before + 1)
    assert too_much.status_code == 400
    error = too_much.json()["error"]
    assert error["code"] == "insufficient_stock" and "可用数量不足" in error["fields"]["quantity"][0]
    assert not Allocation.objects.exists() and not ShelterStore.objects.filter(shelter=shelter).exists()
    assert _stock(batch.depot, batch.material) == before

    nothing_there = _distribute(client, live_incident, shelter, batch, 1)
    assert nothing_there.status_code == 400 and nothing_there.json()["error"]["code"] == "insufficient_stock"
    assert "quantity" in nothing_there.json()["error"]["fields"]

    assert _allocate(client, live_incident, shelter, batch, 3).status_code == 201
    over = _distribute(client, live_incident, shelter, batch, 4)
    assert over.status_code == 400 and over.json()["error"]["code"] == "insufficient_stock"
    assert "quantity" in over.json()["error"]["fields"]
    assert not Distribution.objects.filter(name=batch.material.name, incident=live_incident).exists()
    store = ShelterStore.objects.get(shelter=shelter)
    assert _stock(store.depot, batch.material) == 3, "nothing issued"

    straight = _distribute(client, live_incident, shelter, batch, 1, depot=batch.depot.code)
    assert straight.status_code == 400 and straight.json()["error"]["code"] == "depot_not_shelter"
    assert "depot" in straight.json()["error"]["fields"]
    zero = _allocate(client, live_incident, shelter, batch, 0)
    assert zero.status_code == 400 and "quantity" in zero.json()["error"]["fields"]
    unknown = client.post("/api/census/allocations/", {"incident": live_incident.code, "shelter": "SH-NONE",
                                                       "depot": batch.depot.code, "material": batch.material.code,
                                                       "quantity": "1"}, format="json")
    assert unknown.status_code == 400 and "shelter" in unknown.json()["error"]["fields"]
    assert Allocation.objects.count() == 1


def test_an_issued_distribution_is_locked(api, users, live_incident, guihua_household, batch):
    shelter, client = guihua_household.shelter, api(users["commander"])
    assert _allocate(client, live_incident, shelter, batch, 6).status_code == 201
    given = _distribute(client, live_incident, shelter, batch, 2)
    distribution = Distribution.objects.get(uuid=given.json()["uuid"])
    edit = client.patch(f"/api/census/distributions/{distribution.uuid}/", {"quantity": "1"}, format="json")
    assert edit.status_code == 400 and "已出库的发放记录不能修改" in str(edit.json())
    assert client.delete(f"/api/census/distributions/{distribution.uuid}/").status_code == 400
    assert Distribution.objects.filter(pk=distribution.pk).exists()
    store = ShelterStore.objects.get(shelter=shelter)
    assert _stock(store.depot, batch.material) == 4


def test_an_observer_may_not_allocate(api, users, live_incident, guihua_household, batch):
    refused = _allocate(api(users["observer"]), live_incident, guihua_household.shelter, batch, 1)
    assert refused.status_code == 403 and not Allocation.objects.exists()


def test_the_relief_page_allocates_and_shows_each_shelters_balance(client, users, live_incident, guihua_household,
                                                                   batch):
    shelter = guihua_household.shelter
    client.force_login(users["commander"])
    url = f"/census/relief/{live_incident.uuid}/"
    page = client.get(url).content.decode()
    assert 'id="allocation-form"' in page and "还没有调拨到安置场所的物资" in page
    form = {"shelter": shelter.pk, "depot": batch.depot.pk, "material": batch.material.pk, "note": ""}
    refused = client.post(url, {**form, "quantity": str(_stock(batch.depot, batch.material) + 1)})
    assert refused.status_code == 400 and "可用数量不足" in refused.content.decode()
    assert not Allocation.objects.exists()
    done = client.post(url, {**form, "quantity": "8"})
    assert done.status_code == 302
    page = client.get(url).content.decode()
    assert f'data-shelter="{shelter.code}" data-material="{batch.material.code}"' in page
    assert "relief-allocations" in page and shelter.name in page
    store = ShelterStore.objects.get(shelter=shelter)
    depots = page.split('name="depot"')[1].split("</select>")[0]
    assert f'value="{batch.depot.pk}"' in depots and f'value="{store.depot.pk}"' not in depots, \
        "a shelter's own store is not a depot to allocate from"
    shelter_page = client.get(f"/r/resources/shelters/{shelter.uuid}/").content.decode()
    assert 'id="shelter-stock"' in shelter_page and batch.material.name in shelter_page


def test_allocations_are_listed_by_incident_and_shelter(api, users, live_incident, guihua_household, batch):
    shelter, client = guihua_household.shelter, api(users["commander"])
    assert _allocate(client, live_incident, shelter, batch, 2).status_code == 201
    assert _allocate(client, live_incident, shelter, batch, 1).status_code == 201
    store = ShelterStore.objects.select_related("depot").get(shelter=shelter)
    rows = client.get("/api/census/allocations/", {"incident": live_incident.code, "shelter": shelter.code}).json()
    assert sorted(r["quantity"] for r in rows) == ["1.00", "2.00"] and {r["store"] for r in rows} == {store.depot.code}
    assert client.get("/api/census/allocations/", {"shelter": "SH-NONE"}).json() == []
