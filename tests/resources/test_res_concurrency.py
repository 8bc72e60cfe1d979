"""Concurrent movements on the same stock, for real: threads with their own database connections.

Runs on PostgreSQL (row locks with SELECT … FOR UPDATE); SQLite serialises writers as a whole and its
in-memory test database is not shared by threads, so there the test is skipped.
"""

from decimal import Decimal

import pytest

from concurrency import in_threads, postgres_only
from yingji.core.errors import DomainError
from yingji.core.models import Region
from yingji.resources import services
from yingji.resources.models import Depot, Material, StockBatch, StockMovement


def _run(workers):
    outcomes = []

    def run(work):
        try:
            work()
            outcomes.append("ok")
        except DomainError as exc:
            outcomes.append(exc.code)

    in_threads([lambda w=w: run(w) for w in workers])
    return outcomes


@pytest.fixture
def committed(django_db_blocker):
    with django_db_blocker.unblock():
        postgres_only("row-lock races")
        district = Region.objects.get(level=1)
        material = Material.objects.create(code="CONC-M", name="并发测试物资", gb_code="2990101", use="rescue",
                                           unit="件", region=district)
        depots = [Depot.objects.create(code=f"CONC-D{i}", name=f"并发测试库{i}", level="township", region=district,
                                       lon=105.59, lat=30.51) for i in (1, 2)]
        yield depots, material
        StockMovement.objects.filter(material=material).delete()
        StockBatch.objects.filter(material=material).delete()
        for depot in depots:
            depot.delete()
        material.delete()


def _total(depot, material):
    return sum((b.quantity for b in StockBatch.objects.filter(depot=depot, material=material)), Decimal(0))


def test_concurrent_issues_never_oversell(committed, django_db_blocker):
    (depot, _other), material = committed
    with django_db_blocker.unblock():
        services.receive(actor=None, depot=depot, material=material, quantity=Decimal(100), batch_no="C1")
        outcomes = _run([lambda: services.issue(actor=None, depot=depot, material=material, quantity=Decimal(10))
                         for _ in range(25)])
        assert outcomes.count("ok") == 10 and outcomes.count("insufficient_stock") == 15
        assert _total(depot, material) == 0
        assert StockMovement.objects.filter(material=material, kind="issue").count() == 10


def test_concurrent_transfers_both_ways_keep_the_sum_and_do_not_deadlock(committed, django_db_blocker):
    (first, second), material = committed
    with django_db_blocker.unblock():
        for depot in (first, second):
            services.receive(actor=None, depot=depot, material=material, quantity=Decimal(50), batch_no="C1")

        def move(a, b):
            return lambda: services.transfer(actor=None, depot=a, to_depot=b, material=material, quantity=Decimal(7))

        outcomes = _run([move(first, second) for _ in range(12)] + [move(second, first) for _ in range(12)])
        assert set(outcomes) <= {"ok", "insufficient_stock"} and outcomes.count("ok") >= 12
        assert _total(first, material) + _total(second, material) == 100
        assert min(_total(first, material), _total(second, material)) >= 0
