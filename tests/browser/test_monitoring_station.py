"""In Chromium, under the Content-Security-Policy: a station page draws its 24-hour chart with Plotly (served from
the plotly package) from the demo's hourly readings, with its rule limits; the 7-day button redraws it."""

import os

import pytest

pytestmark = pytest.mark.browser


def test_a_station_page_draws_its_chart(login, live_url):
    page = login("commander")
    found = page.request.get(f"{live_url}/api/monitoring/stations/?search=JC-RG-061").json()["results"]
    page.goto(f"{live_url}/monitoring/stations/{found[0]['uuid']}/")
    page.wait_for_selector("#station-chart .main-svg")
    assert page.locator("#station-chart .bars .point").count() >= 20  # hourly rain bars of the last day
    assert "mm" in page.inner_text("#live-values")
    page.click("[data-chart-days='7']")
    page.wait_for_selector("[data-chart-days='7'].active")
    if os.environ.get("YINGJI_SCREENSHOTS"):
        page.screenshot(path=os.path.join(os.environ["YINGJI_SCREENSHOTS"], "monitoring-station.png"), full_page=True)
    page.goto(f"{live_url}/monitoring/")
    assert page.inner_text("#figure-online").endswith("%")
