"""`yingji demo` works offline (issue 14 §13): a warning published in the demo is delivered to 100 % by the embedded
worker through the local gateway stand-ins (it stalled at 6.7 % "发送中" with nothing listening).

Runs before test_alerts_journey.py, which points the channels at its own sink."""

import json
import urllib.request
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import expect

from conftest import DEMO_PASSWORD

pytestmark = pytest.mark.browser


def _api(live_url, path, body, token=None):
    headers = {"Content-Type": "application/json", **({"Authorization": f"Token {token}"} if token else {})}
    request = urllib.request.Request(f"{live_url}{path}", data=json.dumps(body).encode(), headers=headers)
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def test_a_warning_published_in_the_demo_reaches_everyone(login, live_url):
    token = _api(live_url, "/api/auth/token/", {"username": "commander", "password": DEMO_PASSWORD})["token"]
    now = datetime.now(UTC)
    draft = _api(live_url, "/api/alerts/warnings/", {
        "type_code": "met.rainstorm", "level": "orange", "headline": "离线演示暴雨橙色预警",
        "description": "预计 3 小时内降雨量将达 50 毫米以上。", "effective": now.isoformat(),
        "expires": (now + timedelta(hours=6)).isoformat(), "area_kind": "district", "committees": ["CMT-HQ01"]},
        token)
    _api(live_url, f"/api/alerts/warnings/{draft['uuid']}/transitions/", {"event": "urgent"}, token)  # 急发

    page = login("commander")
    page.goto(f"{live_url}/alerts/{draft['uuid']}/")
    expect(page.locator("#progress-bar")).to_have_text("100%", timeout=120_000)
    expect(page.locator("#progress-text")).to_contain_text("发送完毕")
    expect(page.locator("#failures")).to_have_text("")
    page.screenshot(path="test-results/alerts-demo-offline.png", full_page=True)
