"""Helpers for the plans tests: heavy rain floods 老池镇 on a July night."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from yingji.demo.townships import township

CST = ZoneInfo("Asia/Shanghai")
NOW = datetime(2025, 7, 10, 23, 30, tzinfo=CST)
LAOCHI = township("老池镇")


@pytest.fixture
def now():
    return NOW


@pytest.fixture
def flood(users):
    from yingji.incidents.services import create_incident

    data = {"type_code": "1.1.1", "occurred_at": NOW - timedelta(minutes=40),
            "received_at": NOW - timedelta(minutes=10), "lon": LAOCHI.seat[0] + 0.002, "lat": LAOCHI.seat[1] + 0.001,
            "statement": "老池镇场镇暴雨积水，低洼处群众被困",
            "trapped": 4, "evacuated": 60}
    return create_incident(actor=users["duty"], data=data, now=NOW)


@pytest.fixture
def flood_plan(db):
    from yingji.plans.models import Plan

    plan = Plan.objects.get(code="YA-FX")
    return plan.current_version()


@pytest.fixture
def laochi_admin(db):
    """The demo account of 老池镇 (township role, the township's organization)."""
    from yingji.core.models import User

    user = User.objects.get(username="township-laochi")
    assert user.role == "township_admin" and user.organization.region.code == LAOCHI.code
    return user


@pytest.fixture
def activate(users, flood, flood_plan):
    from yingji.plans.activation import activate as run

    def go(level="response_4", actor=None, **kwargs):
        return run(actor=actor or users["commander"], incident=flood, version=flood_plan, level=level, now=NOW,
                   **kwargs)

    return go
