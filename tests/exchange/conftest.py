"""Fixtures of the exchange tests: a partner of their own with a key, and a rain gauge in 桂花镇."""

import pytest

from yingji.exchange import keys, services
from yingji.exchange.choices import Scope
from yingji.monitoring.models import Sensor, Station

ALL = [Scope.INCIDENTS_WRITE, Scope.HAZARDS_WRITE, Scope.READINGS_WRITE, Scope.CATALOGUE_READ]


@pytest.fixture
def partner(regions):
    made, _secret = services.create_partner(actor=None, code="t-partner", name="测试伙伴", region=regions["district"],
                                            scopes=ALL, signing_secret="test-secret", read_feeds=["catalogue"])
    return made


@pytest.fixture
def key(partner):
    return keys.issue(actor=None, partner=partner)[1]


@pytest.fixture
def client(api, key):
    c = api()
    c.credentials(HTTP_AUTHORIZATION=f"Partner {key}")
    return c


@pytest.fixture
def gauge(regions):
    station = Station.objects.create(code="JC-X-RG", name="交换测试雨量站", station_type="rain",
                                     region=regions["guihua"], lon=105.6, lat=30.43, device_id="X-RG-1")
    Sensor.objects.create(code="CG-X-RG", name="rain", station=station, quantity="rain", unit="mm", range_min=0,
                          range_max=200, interval_seconds=300, region=regions["guihua"])
    return station


@pytest.fixture
def receiver():
    from peers import SignedWebhookReceiver
    from yingji.exchange.signing import verify

    made = SignedWebhookReceiver("test-secret", verify)
    yield made
    made.close()


@pytest.fixture(autouse=True)
def fresh_cache():
    """Rate counters and seen signatures are keyed by the partner's id, which a rolled-back test may reuse."""
    from django.core.cache import cache

    cache.clear()

