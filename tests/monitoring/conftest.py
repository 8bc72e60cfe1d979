"""Fixtures of the monitoring tests: a rain gauge and a tank station of their own, with sensors and rules; an
ingester's options and a publisher on the machine's Mosquitto."""

import uuid

import pytest

from yingji.monitoring.choices import UNITS
from yingji.monitoring.models import Rule, Sensor, Station
from yingji.monitoring.mqtt import Ingester, Options, forget_session


def make_station(region, device, kind="rain", sensors=(("rain", 0, 200, 300),), **fields):
    station = Station.objects.create(code=f"JC-{device}", name=f"测试站{device}", station_type=kind, region=region,
                                     lon=105.6, lat=30.43, device_id=device, **fields)
    for quantity, low, high, every in sensors:
        Sensor.objects.create(code=f"CG-{device}-{quantity}", name=quantity, station=station, quantity=quantity,
                              unit=UNITS[quantity],
                              range_min=low, range_max=high, interval_seconds=every, region=region)
    return station


def started(options: Options) -> Ingester:
    """An ingester connected to the machine's Mosquitto and subscribed (its steps are the test's to run)."""
    ingester = Ingester(options)
    ingester.start()
    assert ingester.subscribed.wait(10), "no subscription at Mosquitto"
    return ingester


@pytest.fixture
def own_rules_only(db):
    """The demo's district-wide rules would also judge the test stations: each test declares its own."""
    Rule.objects.filter(is_demo=True).delete()


@pytest.fixture
def gauge(regions):
    return make_station(regions["guihua"], "T-RG-1")


@pytest.fixture
def tank(regions):
    return make_station(regions["guihua"], "T-TK-1", kind="tank",
                        sensors=(("tank_level", 0, 100, 60), ("temperature", -40, 150, 60)))


@pytest.fixture
def rain_rule(regions, gauge):
    """A 1-hour accumulation rule on the test gauge only (the demo's rules cover every rain gauge)."""
    return Rule.objects.create(code="GZ-T-1H", name="测试1小时雨量", kind="accumulation",
                               sensor=gauge.sensors.get(), quantity="rain", window_minutes=60, blue=15, yellow=25,
                               orange=35, red=50, hysteresis=2, region=regions["district"])


@pytest.fixture
def options():
    run = uuid.uuid4().hex[:10]
    made = Options(client_id=f"yingji-ingest-test-{run}", root=f"yingji-test/{run}/monitoring", batch_size=10,
                   batch_wait=0.1)
    yield made
    forget_session(made)


@pytest.fixture
def publisher():
    import paho.mqtt.client as mqtt

    client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id=f"yingji-test-pub-{uuid.uuid4().hex[:8]}")
    client.connect("127.0.0.1", 1883)
    client.loop_start()
    yield client
    client.loop_stop()
    client.disconnect()
