"""Pull feeds (issue 22): a local server serves 水文 JSON and CSV, the periodic hook maps them into monitoring
readings and keeps each feed's health; a CAP feed goes through the alerts app's incoming-CAP code."""

import json
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from yingji.core.extensions import PERIODIC_HOOKS
from yingji.exchange import feeds, services
from yingji.monitoring.models import Reading

pytestmark = pytest.mark.django_db
CAP_SAMPLES = Path(__file__).parents[1] / "alerts" / "cap_samples"
MAPPING = {"device": "stcd", "time": "tm", "values": {"rain": "drp"}}


@pytest.fixture(autouse=True)
def loopback(monkeypatch):
    monkeypatch.setenv("YINGJI_CAP_FETCH_HOSTS", "127.0.0.1")  # the test's feed server is on loopback


def test_json_feed_becomes_readings_with_health(partner, gauge, receiver):
    now = timezone.now().replace(microsecond=0)
    rows = [{"stcd": "X-RG-1", "tm": (now - timedelta(minutes=m)).isoformat(), "drp": 0.5 * m} for m in (20, 10)]
    receiver.routes["/sw.json"] = (200, json.dumps({"data": rows}).encode(), "application/json")
    feed = services.add_feed(actor=None, partner=partner, name="水文站 JSON", kind="json",
                             url=f"{receiver.url}/sw.json", mapping=MAPPING)
    assert PERIODIC_HOOKS.get("exchange.pull").run() == 1
    feed.refresh_from_db()
    assert Reading.objects.filter(sensor__station=gauge).count() == 2
    assert feed.imported == 2 and feed.errors_in_row == 0 and feed.last_success_at is not None
    assert 590 <= feed.lag_seconds <= 700  # the newest reading is ten minutes old
    assert feeds.pull(feed) == 0  # the same rows again: nothing new


def test_csv_feed_and_a_failing_server(partner, gauge, receiver):
    now = timezone.now().replace(microsecond=0)
    receiver.routes["/sw.csv"] = (200, f"stcd,tm,drp\nX-RG-1,{now.isoformat()},1.5\n".encode("gb18030"), "text/csv")
    feed = services.add_feed(actor=None, partner=partner, name="水文站 CSV", kind="csv", url=f"{receiver.url}/sw.csv",
                             mapping=MAPPING)
    assert feeds.pull(feed) == 1
    feed.url = f"{receiver.url}/gone.csv"
    feed.save()
    assert feeds.pull(feed) == 0
    feed.refresh_from_db()
    assert feed.errors_in_row == 1 and "404" in feed.last_error and feed.imported == 1


def test_cap_feed_goes_through_the_alerts_incoming_code(partner, receiver, users):
    from django.test import Client

    from yingji.alerts.models import IncomingCap

    receiver.routes["/cap/en_alert.xml"] = (200, (CAP_SAMPLES / "en_alert.xml").read_bytes(), "application/cap+xml")
    receiver.routes["/atom"] = (200, (
        b'<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom"><id>urn:t</id><title>t</title>'
        b'<updated>2026-07-12T20:00:00+08:00</updated><entry><id>urn:t:1</id><title>a</title>'
        b'<updated>2026-07-12T20:00:00+08:00</updated><link rel="alternate" type="application/cap+xml" '
        b'href="/cap/en_alert.xml"/></entry></feed>'), "application/atom+xml")
    feed = services.add_feed(actor=None, partner=partner, name="气象局 CAP", kind="cap", url=f"{receiver.url}/atom")
    before = IncomingCap.objects.count()
    assert feeds.pull(feed) == 1
    assert IncomingCap.objects.count() == before + 1
    assert feeds.health(feed)["ok"] and feed.cap_feed.imported == 1
    client = Client()
    client.force_login(users["sysadmin"])
    assert "气象局 CAP" in client.get("/exchange/feeds/").content.decode()


def test_a_feed_needs_a_mapping(partner):
    from yingji.core.errors import DomainError

    with pytest.raises(DomainError) as caught:
        services.add_feed(actor=None, partner=partner, name="x", kind="json", url="http://127.0.0.1/x", mapping={})
    assert caught.value.code == "invalid_mapping"
