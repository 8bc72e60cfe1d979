"""Helpers for the incident tests: a landslide in 桂花镇 reported by phone, at a fixed time."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from yingji.demo.townships import township

CST = ZoneInfo("Asia/Shanghai")
NOW = datetime(2025, 7, 10, 23, 30, tzinfo=CST)  # a Thursday night
GUIHUA = township("桂花镇").seat
LONGFENG = township("龙凤镇").seat


@pytest.fixture
def now():
    return NOW


def landslide_data(**changes):
    data = {
        "type_code": "1.4.2", "occurred_at": NOW - timedelta(minutes=20), "received_at": NOW - timedelta(minutes=5),
        "lon": GUIHUA[0] + 0.003, "lat": GUIHUA[1] - 0.002, "statement": "后山滑坡，冲毁一间偏房，无人受伤",
        "caller_name": "李大爷", "caller_phone": "13900001111", "evacuated": 8,
    }
    data.update(changes)
    return data


def accident_data(**changes):
    data = {
        "type_code": "2.2.1", "occurred_at": NOW - timedelta(minutes=30), "received_at": NOW - timedelta(minutes=10),
        "lon": LONGFENG[0], "lat": LONGFENG[1], "statement": "两车相撞", "dead": 1, "injured": 2,
    }
    data.update(changes)
    return data


@pytest.fixture
def landslide(users, now):
    from yingji.incidents.services import create_incident

    return create_incident(actor=users["duty"], data=landslide_data(), now=now)


@pytest.fixture
def accident(users, now):
    from yingji.incidents.services import create_incident

    return create_incident(actor=users["duty"], data=accident_data(), now=now)


def api_json(value):
    """Datetimes as ISO text, for posting through the API."""
    return {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in value.items()}
