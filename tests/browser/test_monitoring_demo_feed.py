"""`yingji demo` runs the sensor feed itself (issue 18: the ingester "also started by make demo with a simulator"):
a storm replayed over MQTT with `simulate_sensors --storm 老池镇` — no ingester started by hand — is stored by the
demo's own ingester and its red rain alarm is on the alarms page within seconds."""

import time

import pytest

pytestmark = pytest.mark.browser


def test_a_storm_published_over_mqtt_reaches_the_running_demo(login, live_url, live_manage):
    assert "已发布" in live_manage("simulate_sensors", "--rounds", "1", "--storm", "老池镇")
    page = login("commander")
    deadline = time.monotonic() + 30
    red_rows = page.locator("#alarm-list tr:has-text('老池镇'):has-text('红色')")
    while time.monotonic() < deadline:
        page.goto(f"{live_url}/monitoring/alarms/")
        if red_rows.count():
            break
        time.sleep(1)
    assert red_rows.count() >= 1, page.inner_text("body")[:2000]
