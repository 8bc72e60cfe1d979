"""Stock movements: the ledger, never negative, atomic transfers, reservations, and bad input."""

from decimal import Decimal

import pytest

from yingji.core.errors import DomainError
from yingji.resources import services
from yingji.resources.models import Depot, Material, StockBatch, StockMovement

pytestmark = pytest.mark.django_db
URL = "/api/resources/stock-movements/"


@pytest.fixture
def depot():
    return Depot.objects.get(code="DEP-D01")


@pytest.fixture
def station():
    return Depot.objects.get(code="DEP-T105")  # 桂花镇应急物资储备站


@pytest.fixture
def bags():
    return Material.objects.get(code="3010101")  # 编织袋


def total(depot, material):
    return sum((b.quantity for b in StockBatch.objects.filter(depot=depot, material=material)), Decimal(0))


def test_receive_then_issue_keeps_a_ledger_with_balances(depot, users, bags):
    before = total(depot, bags)
    services.receive(actor=users["duty"], depot=depot, material=bags, quantity=Decimal(500), batch_no="B-1")
    services.issue(actor=users["duty"], depot=depot, material=bags, quantity=Decimal(200), reason="抢险",
                   reference="INC-1")
    assert total(depot, bags) == before + 300
    rows = list(StockMovement.objects.filter(depot=depot, material=bags, actor=users["duty"]).order_by("id"))
    assert [r.kind for r in rows] == ["receive", "issue"]
    assert rows[0].quantity == 500 and rows[1].quantity == -200 and rows[1].reference == "INC-1"
    assert rows[1].balance == StockBatch.objects.get(pk=rows[1].batch_id).quantity


def test_issue_takes_the_batch_that_expires_first_and_skips_expired_ones(depot, users):
    food = Material.objects.get(code="1030101")
    batches = StockBatch.objects.filter(depot=depot, material=food).order_by("expiry_date")
    first = batches.first()
    result = services.issue(actor=users["duty"], depot=depot, material=food, quantity=Decimal(1))
    assert result.rows[0].batch_id == first.pk


def test_transfer_is_one_atomic_movement_between_two_depots(depot, station, users, bags):
    source, target = total(depot, bags), total(station, bags)
    result = services.transfer(actor=users["commander"], depot=depot, to_depot=station, material=bags,
                               quantity=Decimal(700))
    assert total(depot, bags) == source - 700 and total(station, bags) == target + 700
    assert {r.kind for r in result.rows} == {"transfer_out", "transfer_in"}
    assert len({r.group for r in result.rows}) == 1


def test_a_failed_transfer_changes_nothing(depot, station, users, bags):
    source, target, count = total(depot, bags), total(station, bags), StockMovement.objects.count()
    with pytest.raises(DomainError) as error:
        services.transfer(actor=users["commander"], depot=station, to_depot=depot, material=bags,
                          quantity=target + 1)
    assert error.value.code == "insufficient_stock" and "编织袋" in error.value.message
    assert (total(depot, bags), total(station, bags), StockMovement.objects.count()) == (source, target, count)


def test_reserved_stock_cannot_be_issued_until_released(station, users, bags):
    available = total(station, bags)
    services.reserve(actor=users["duty"], depot=station, material=bags, quantity=available - 10, reference="T-1")
    with pytest.raises(DomainError) as error:
        services.issue(actor=users["duty"], depot=station, material=bags, quantity=Decimal(11))
    assert error.value.code == "insufficient_stock"
    services.issue(actor=users["duty"], depot=station, material=bags, quantity=Decimal(100), from_reserved=True)
    services.release(actor=users["duty"], depot=station, material=bags, quantity=available - 110)
    with pytest.raises(DomainError) as error:
        services.release(actor=users["duty"], depot=station, material=bags, quantity=Decimal(1))
    assert error.value.code == "insufficient_reserved"
    assert total(station, bags) == available - 100


def test_count_adjustment_and_scrap(station, users, bags):
    batch = StockBatch.objects.filter(depot=station, material=bags).first()
    services.adjust(actor=users["duty"], depot=station, material=bags, batch_no=batch.batch_no, counted=Decimal(1500))
    services.scrap(actor=users["duty"], depot=station, material=bags, batch_no=batch.batch_no, quantity=Decimal(20),
                   reason="霉变")
    batch.refresh_from_db()
    assert batch.quantity == 1480
    kinds = list(StockMovement.objects.filter(batch=batch).order_by("-id").values_list("kind", flat=True)[:2])
    assert kinds == ["scrap", "adjust"]


def _post(api, user, **data):
    return api(user).post(URL, {"kind": "issue", "depot": "DEP-D01", "material": "3010101", "quantity": "1",
                                **data}, format="json")


@pytest.mark.parametrize(("change", "code", "field"), [
    ({"quantity": "-5"}, "negative_quantity", "quantity"),
    ({"quantity": "五十"}, "invalid_quantity", "quantity"),
    ({"quantity": "0"}, "zero_quantity", "quantity"),
    ({"quantity": "1.234"}, "invalid_quantity", "quantity"),
    ({"quantity": "NaN"}, "invalid_quantity", "quantity"),
    ({"material": "9999999"}, "unknown_material", "material"),
    ({"depot": "NOPE"}, "unknown_depot", "depot"),
    ({"quantity": "99999999"}, "insufficient_stock", "quantity"),
    ({"kind": "transfer", "to_depot": "DEP-D01"}, "same_depot_transfer", "to_depot"),
    ({"kind": "steal"}, "unknown_kind", "kind"),
    ({"kind": "scrap"}, "batch_required", "batch_no"),
    ({"kind": "receive", "expiry_date": "明年"}, "invalid_date", "expiry_date"),
])
def test_bad_movements_get_a_clear_error_and_nothing_is_saved(api, users, change, code, field):
    count, stock = StockMovement.objects.count(), list(StockBatch.objects.values_list("quantity", flat=True))
    response = _post(api, users["duty"], **change)
    assert response.status_code == 400, response.content
    error = response.json()["error"]
    assert error["code"] == code and field in error["fields"] and error["message"]
    assert StockMovement.objects.count() == count
    assert list(StockBatch.objects.values_list("quantity", flat=True)) == stock


def test_movement_permissions_and_jurisdiction(api, users):
    assert _post(api, None).status_code == 401
    assert _post(api, users["observer"]).status_code == 403
    outside = _post(api, users["township-longfeng"], depot="DEP-T105")  # 桂花镇 station
    assert outside.status_code == 403 and outside.json()["error"]["code"] == "outside_jurisdiction"
    assert _post(api, users["township-guihua"], depot="DEP-T105").status_code == 201
    ledger = api(users["township-guihua"]).get(URL, {"page_size": 1000}).json()["results"]
    assert ledger and {row["depot"] for row in ledger} <= {d.code for d in Depot.objects.filter(
        region__path__startswith=users["township-guihua"].region.path)}


def test_stock_and_alerts_api(api, users):
    client = api(users["observer"])
    rows = client.get("/api/resources/stock/", {"depot": "DEP-D01", "material": "1030101"}).json()["results"]
    assert rows and all(r["material_name"] == "方便食品" for r in rows)
    alerts = client.get("/api/resources/stock/alerts/").json()
    assert any(row["depot"] == "DEP-T108" for row in alerts["low_stock"])  # 北固镇 station is below its minimums
    assert alerts["expiring"] and all(row["expiry_date"] for row in alerts["expiring"])
    assert client.get("/api/resources/stock/alerts/", {"days": "x"}).json()["error"]["code"] == "invalid_days"
