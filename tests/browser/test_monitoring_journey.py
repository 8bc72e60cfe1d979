"""In Chromium, under the Content-Security-Policy: the duty officer has the duty desk open when a storm crosses
桂花镇's rain gauges — the past hour's rain replayed over the HTTP bulk endpoint with each gauge's device key —; the
desk's live feed shows the red alarm (and plays its tone); the officer opens it, confirms it, and drafts the warning
from it: the alerts compose form comes up with 暴雨 / 红色 / 桂花镇 filled in."""

import json
import os

import pytest

pytestmark = pytest.mark.browser

# The storm's batches (simulator.storm_backfill: 56.5 mm in the past hour) with a fresh key for each 桂花镇 gauge.
BATCHES = (
    "import json; from django.utils import timezone; from yingji.monitoring import simulator; "
    "from yingji.monitoring.keys import issue_key; from yingji.monitoring.models import Station; "
    "now = timezone.now(); stations = list(simulator.demo_stations()); "
    "batches = simulator.storm_backfill(stations, now, ['桂花镇']); "
    "print(json.dumps([[issue_key(Station.objects.get(device_id=b[0]['device'])), b] for _t, b in batches]))"
)


def _shot(page, name):
    if os.environ.get("YINGJI_SCREENSHOTS"):
        page.screenshot(path=os.path.join(os.environ["YINGJI_SCREENSHOTS"], name), full_page=True)


def test_a_storm_reaches_the_duty_desk_which_confirms_it_and_drafts_the_warning(login, live_url, live_manage):
    page = login("duty")
    page.goto(f"{live_url}/duty/")
    page.wait_for_selector("#live-alarms[hidden]", state="attached")
    batches = json.loads(live_manage("shell", "-c", BATCHES).strip().splitlines()[-1])
    assert len(batches) == 2  # two rain gauges in every township
    for key, batch in batches:
        answer = page.request.post(f"{live_url}/api/monitoring/readings/", data=json.dumps(batch),
                                   headers={"Authorization": f"Device {key}", "Content-Type": "application/json"})
        assert answer.ok and answer.json()["stored"] == len(batch), answer.text()
    red = page.locator("#live-alarms li[data-level='red']").first
    red.wait_for()
    assert page.is_visible("#live-alarms") and "降雨量红色报警" in red.inner_text()
    assert page.get_attribute("#live-alarms", "data-sound") in ("played", "blocked")  # the tone was attempted
    _shot(page, "monitoring-desk-alarm.png")
    red.locator("a").click()
    page.wait_for_selector("#alarm-level")
    assert page.inner_text("#alarm-level") == "红色" and page.inner_text("#alarm-state") == "触发"
    page.click("#step-confirm")
    page.wait_for_selector("#alarm-state:has-text('确认')")
    page.click("#draft-warning")
    page.wait_for_url("**/alerts/*/edit/")
    assert page.input_value("[name=type_code]") == "met.rainstorm"
    assert "降雨量达到红色报警阈值" in page.input_value("[name=description]")
    assert page.locator("[name=area_regions]:checked").count() == 1  # the station's township
    _shot(page, "monitoring-draft-warning.png")
