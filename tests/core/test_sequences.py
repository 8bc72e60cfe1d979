"""Record numbers people quote (SJ…, DL…, WZ…): local date, a per-day counter, never random, never reused."""

import re
import threading
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connections, transaction

from concurrency import in_threads, postgres_only
from yingji.core.models import DailySequence
from yingji.core.sequences import next_code, next_number

# 17:48 UTC on 4 December is 01:48 on 5 December in the district (Asia/Shanghai).
LATE_UTC = datetime(2026, 12, 4, 17, 48, tzinfo=UTC)


@pytest.mark.django_db
def test_codes_carry_the_local_date_and_count_per_day():
    assert next_code("TQ", LATE_UTC) == "TQ20261205-0001"
    assert next_code("TQ", LATE_UTC + timedelta(hours=1)) == "TQ20261205-0002"
    assert next_code("TQ", LATE_UTC + timedelta(days=1)) == "TQ20261206-0001"
    assert next_code("TR", LATE_UTC) == "TR20261205-0001", "each prefix counts on its own"


def test_incidents_reported_the_same_day_get_consecutive_codes(users, regions):
    from yingji.incidents.services import create_incident

    codes = []
    for minute in (1, 2, 3):
        at = LATE_UTC + timedelta(minutes=minute)
        codes.append(create_incident(actor=users["duty"], now=at, data={
            "type_code": "1.1.1", "occurred_at": at - timedelta(minutes=5), "received_at": at,
            "statement": "测试接报", "lon": 105.58, "lat": 30.52}).code)
    numbers = [int(code.rsplit("-", 1)[1]) for code in codes]
    assert all(re.fullmatch(r"SJ20261205-\d{4}", code) for code in codes), codes
    assert numbers == sorted(numbers) and len(set(numbers)) == 3 and numbers[2] - numbers[0] == 2


def test_a_dispatch_order_number_carries_the_district_date_not_the_utc_date(users):
    """Issue 14 #6: an order placed at 01:48 Beijing time on 12-05 was numbered DL20261204-…"""
    from yingji.incidents.services import create_incident
    from yingji.plans import dispatch
    from yingji.resources.models import RescueTeam

    incident = create_incident(actor=users["duty"], now=LATE_UTC, data={
        "type_code": "1.1.1", "occurred_at": LATE_UTC - timedelta(minutes=30), "received_at": LATE_UTC,
        "statement": "夜间接报", "lon": 105.58, "lat": 30.52})
    order = dispatch.dispatch_team(actor=users["commander"], incident=incident,
                                   team=RescueTeam.objects.get(code="TEAM-S001"), now=LATE_UTC)
    assert order.code.startswith("DL20261205-")


def test_many_at_once_each_get_their_own_number(django_db_blocker):
    """PostgreSQL: threads with their own connections take numbers at the same moment; none is given twice."""
    with django_db_blocker.unblock():
        postgres_only("number races")
        day, numbers = LATE_UTC.date(), []
        in_threads([lambda: numbers.extend(next_number("TC", day) for _ in range(5)) for _ in range(20)])
        try:
            assert sorted(numbers) == list(range(1, 101))
        finally:
            DailySequence.objects.filter(prefix="TC").delete()


def test_a_long_transaction_does_not_hold_up_the_next_number(django_db_blocker):
    """PostgreSQL: one request took a number and is still busy in its transaction; another request gets its
    number without waiting for the first to commit (the counter is not locked for the whole request)."""
    with django_db_blocker.unblock():
        postgres_only("number races")
        day, taken, second_done = LATE_UTC.date(), {}, threading.Event()

        def first():
            try:
                with transaction.atomic():
                    taken["first"] = next_number("TL", day)
                    second_done.wait(20)  # still inside its transaction while the second one asks
            finally:
                connections.close_all()

        def second():
            try:
                taken["second"] = next_number("TL", day)
                second_done.set()
            finally:
                connections.close_all()

        holder = threading.Thread(target=first)
        holder.start()
        while "first" not in taken and holder.is_alive():
            holder.join(0.01)
        asker = threading.Thread(target=second)
        asker.start()
        asker.join(15)
        second_done.set()
        holder.join(30)
        try:
            assert taken == {"first": 1, "second": 2}, "the second request waited for the first to commit"
        finally:
            DailySequence.objects.filter(prefix="TL").delete()


class _Abandoned(Exception):
    pass


@pytest.mark.django_db
def test_a_number_taken_by_a_request_that_rolls_back_is_not_given_out_again():
    """Issue 17 #6: on SQLite the counter ran in the caller's transaction, so a request that took 船应急罚决〔年〕5号,
    wrote its DOCX and then failed handed 5号 to the next request (two documents once seen with one 文号)."""
    day = LATE_UTC.date().replace(year=2042)
    first = next_number("RB", day)
    try:
        with transaction.atomic():
            abandoned = next_number("RB", day)
            raise _Abandoned
    except _Abandoned:
        pass
    assert abandoned == first + 1
    assert next_number("RB", day) == abandoned + 1, "the abandoned number was given out again"
    assert DailySequence.objects.get(prefix="RB", day=day).last == abandoned + 1, "the counter table follows"


@pytest.mark.django_db
def test_a_prefix_longer_than_the_column_is_refused_on_every_database():
    """SQLite kept a 19-character prefix that PostgreSQL refused (a licence's certificate answered 500 there only)."""
    from datetime import date

    from yingji.core.sequences import next_number

    with pytest.raises(ValueError, match="longer than 8"):
        next_number("XKhazchem_trade2026", date(2026, 1, 1))
