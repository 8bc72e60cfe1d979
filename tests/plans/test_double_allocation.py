"""Two commanders reserve the same stock at the same moment, for real: threads with their own database
connections on PostgreSQL. Exactly one order gets the stock; the other is refused; nothing is
double-allocated. (SQLite serialises writers and its test database is not shared by threads: skipped.)"""

import threading
from decimal import Decimal

import pytest
from django.db import connection, connections

from yingji.core.errors import DomainError
from yingji.core.models import Region, User
from yingji.incidents.models import Incident
from yingji.plans import dispatch
from yingji.plans.models import MaterialOrder
from yingji.resources import services
from yingji.resources.models import Depot, Material, StockBatch


@pytest.fixture
def stock(django_db_blocker):
    with django_db_blocker.unblock():
        if connection.vendor != "postgresql":
            pytest.skip("row-lock concurrency is tested on PostgreSQL (DATABASE_URL=postgres://…)")
        district = Region.objects.get(level=1)
        material = Material.objects.create(code="DBL-M", name="双抢测试物资", gb_code="2990101", use="rescue",
                                           unit="件", region=district)
        depot = Depot.objects.create(code="DBL-D", name="双抢测试库", level="township", region=district, lon=105.59,
                                     lat=30.51)
        services.receive(actor=None, depot=depot, material=material, quantity=Decimal(100), batch_no="B1")
        incident = Incident.objects.filter(status__in=("reported", "verified", "responding")).first()
        yield incident, depot, material


def test_two_commanders_cannot_both_take_the_last_stock(stock):
    incident, depot, material = stock
    commanders = [User.objects.get(username="commander"), User.objects.get(username="duty")]
    barrier, outcomes = threading.Barrier(2), []

    def order(actor):
        try:
            barrier.wait()
            dispatch.order_materials(actor=actor, incident=incident, lines=[(depot, material, Decimal(70))])
            outcomes.append("ok")
        except DomainError as exc:
            outcomes.append(exc.code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=order, args=(user,)) for user in commanders]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sorted(outcomes) == ["insufficient_stock", "ok"]
    batch = StockBatch.objects.get(depot=depot, material=material)
    assert (batch.quantity, batch.reserved) == (100, 70)
    assert MaterialOrder.objects.filter(lines__material=material).count() == 1
