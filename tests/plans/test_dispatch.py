"""Team and material dispatch orders: readiness follows the order; stock is reserved, issued, received and
returned through the resources ledger; refused input changes nothing."""

from decimal import Decimal

import pytest

from yingji.core.errors import DomainError
from yingji.plans import dispatch
from yingji.plans.models import MaterialOrder, TeamOrder
from yingji.plans.workflows import MATERIAL_FLOW, TEAM_FLOW, fire
from yingji.resources.models import Depot, Material, RescueTeam, StockBatch, StockMovement
from yingji.resources.stock import available_by_depot

from .conftest import NOW

SANDBAGS = "3010101"


@pytest.fixture
def guanyinhu():
    return RescueTeam.objects.get(code="TEAM-S001")


def _free(depot, material):
    return available_by_depot(material, Decimal("0"), [depot]).get(depot.pk, Decimal(0))


def test_a_team_order_runs_its_course_and_readiness_follows(flood, users, guanyinhu):
    commander = users["commander"]
    order = dispatch.dispatch_team(actor=commander, incident=flood, team=guanyinhu, now=NOW)
    guanyinhu.refresh_from_db()
    assert guanyinhu.readiness == "on_mission" and order.minutes > 0
    for event in ("respond", "depart", "arrive", "return", "release"):
        order = fire(TEAM_FLOW, order, event, actor=commander)
    assert order.status == "released" and not order.active and set(order.times) >= {"dispatched", "arrived"}
    guanyinhu.refresh_from_db()
    assert guanyinhu.readiness == "resting"


def test_a_team_cannot_be_on_two_active_orders(flood, users, guanyinhu):
    dispatch.dispatch_team(actor=users["commander"], incident=flood, team=guanyinhu, now=NOW)
    with pytest.raises(DomainError) as error:
        dispatch.dispatch_team(actor=users["duty"], incident=flood, team=guanyinhu, now=NOW)
    assert error.value.code == "team_busy" and "观音湖" in error.value.message
    assert TeamOrder.objects.filter(team=guanyinhu).count() == 1


def test_an_inactive_team_cannot_be_dispatched(flood, users, guanyinhu):
    RescueTeam.objects.filter(pk=guanyinhu.pk).update(readiness="inactive")
    with pytest.raises(DomainError) as error:
        dispatch.dispatch_team(actor=users["commander"], incident=flood, team=guanyinhu, now=NOW)
    assert error.value.code == "team_inactive" and not TeamOrder.objects.exists()


def test_invalid_order_transitions_are_refused(flood, users, guanyinhu):
    order = dispatch.dispatch_team(actor=users["commander"], incident=flood, team=guanyinhu, now=NOW)
    with pytest.raises(DomainError) as error:
        fire(TEAM_FLOW, order, "arrive", actor=users["commander"])
    assert error.value.code == "invalid_transition"


@pytest.fixture
def sandbag_order(flood, users):
    depot, material = Depot.objects.get(code="DEP-F02"), Material.objects.get(code=SANDBAGS)
    before = _free(depot, material)
    order = dispatch.order_materials(actor=users["commander"], incident=flood, lines=[(depot, material, 1500)], now=NOW)
    return order, depot, material, before


def test_materials_are_reserved_issued_received_and_returned(sandbag_order, users):
    order, depot, material, before = sandbag_order
    assert _free(depot, material) == before - 1500
    commander = users["commander"]
    line = order.lines.get()
    order = fire(MATERIAL_FLOW, order, "dispatch", actor=commander, data={"issue": {line.pk: "1200"}})
    assert _free(depot, material) == before - 1200  # 300 not issued were released
    assert StockMovement.objects.filter(reference=order.code, kind="issue").exists()
    order = fire(MATERIAL_FLOW, order, "receive", actor=commander)
    order = fire(MATERIAL_FLOW, order, "close", actor=commander, data={"returned": {line.pk: "200"}})
    line.refresh_from_db()
    assert (line.issued, line.received, line.returned) == (1200, 1200, 200)
    assert _free(depot, material) == before - 1000


def test_issuing_more_than_reserved_is_refused_and_nothing_moves(sandbag_order, users):
    order, depot, material, before = sandbag_order
    line = order.lines.get()
    with pytest.raises(DomainError) as error:
        fire(MATERIAL_FLOW, order, "dispatch", actor=users["commander"], data={"issue": {line.pk: "1501"}})
    assert error.value.code == "exceeds_reserved" and "已预占" in error.value.message
    order.refresh_from_db()
    assert order.status == "reserved" and _free(depot, material) == before - 1500


def test_reserving_more_than_available_is_refused_atomically(flood, users):
    depot, material = Depot.objects.get(code="DEP-F02"), Material.objects.get(code=SANDBAGS)
    other = Material.objects.get(code="2010101")
    with pytest.raises(DomainError) as error:
        dispatch.order_materials(actor=users["commander"], incident=flood,
                                 lines=[(depot, other, 10), (depot, material, 10**7)])
    assert error.value.code == "insufficient_stock"
    assert not MaterialOrder.objects.exists()
    assert not StockBatch.objects.filter(depot=depot, material=other, reserved__gt=0).exists()


def test_cancel_releases_the_reservation(sandbag_order, users):
    order, depot, material, before = sandbag_order
    fire(MATERIAL_FLOW, order, "cancel", actor=users["commander"])
    assert _free(depot, material) == before


def test_an_order_for_a_material_no_depot_has(flood):
    from yingji.plans.recommend import propose_materials

    Material.objects.create(code="1999999", name="演示空缺物资", gb_code="1999999", use="living", unit="件",
                            region=flood.region.parent or flood.region)
    with pytest.raises(DomainError) as error:
        propose_materials(flood, {"1999999": 5})
    assert error.value.code == "material_unavailable" and "演示空缺物资" in error.value.message
