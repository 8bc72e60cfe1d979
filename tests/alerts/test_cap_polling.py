"""Polling external CAP feeds (issue 15 §13): a local HTTP server in the test serves an Atom and an RSS feed of the
documents in cap_samples/; the periodic hook imports what is new (by the upload's rules) and keeps per-feed health."""

import threading
from collections import Counter
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.utils import timezone

from yingji.alerts import polling
from yingji.alerts.models import CapFeed, IncomingCap
from yingji.core.extensions import PERIODIC_HOOKS

pytestmark = pytest.mark.django_db
SAMPLES = Path(__file__).with_name("cap_samples")


class FeedServer:
    """Serves `routes` (path → (status, body, content type)) and counts requests per path."""

    def __init__(self):
        self.routes: dict[str, tuple[int, bytes, str]] = {}
        self.redirects: dict[str, str] = {}  # path → Location of a 302
        self.hits: Counter = Counter()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                server.hits[self.path] += 1
                if self.path in server.redirects:
                    self.send_response(302)
                    self.send_header("Location", server.redirects[self.path])
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                status, body, kind = server.routes.get(self.path, (404, b"not found", "text/plain"))
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def cap(self, name: str) -> str:
        self.routes[f"/cap/{name}"] = (200, (SAMPLES / name).read_bytes(), "application/cap+xml")
        return f"/cap/{name}"


@pytest.fixture
def feeds(monkeypatch):
    monkeypatch.setenv("YINGJI_CAP_FETCH_HOSTS", "127.0.0.1")  # the test's feed server is on loopback
    server = FeedServer()
    yield server
    server.httpd.shutdown()


def atom(server, names) -> bytes:
    entries = "".join(
        f'<entry><id>urn:test:{n}</id><title>{n}</title><updated>2026-07-12T20:00:00+08:00</updated>'
        f'<link rel="alternate" type="application/cap+xml" href="{server.cap(n)}"/></entry>' for n in names)
    return (f'<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom"><id>urn:test</id>'
            f'<title>test</title><updated>2026-07-12T20:00:00+08:00</updated>{entries}</feed>').encode()


def rss(server, names) -> bytes:
    items = "".join(f"<item><title>{n}</title><link>{server.url}{server.cap(n)}</link><guid>{n}</guid></item>"
                    for n in names)
    return (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>t</title>'
            f"<link>{server.url}</link><description>d</description>{items}</channel></rss>").encode()


def test_a_feed_added_on_the_page_is_polled_and_its_health_shown(feeds, client, users):
    # newest first, as feeds list them: the Cancel must still find its Alert
    feeds.routes["/feed.atom"] = (200, atom(feeds, ["en_cancel.xml", "en_update.xml", "en_alert.xml",
                                                    "hostile_xxe_file.xml"]), "application/atom+xml")
    client.force_login(users["duty"])
    added = client.post("/alerts/incoming/feeds/", {"name": "四川省气象台", "url": f"{feeds.url}/feed.atom"})
    assert added.status_code == 302
    now = timezone.now()
    assert polling.poll_due(now) == 1
    feed = CapFeed.objects.get(name="四川省气象台")
    records = IncomingCap.objects.filter(feed=feed)
    assert sorted(records.values_list("msg_type", flat=True)) == ["Alert", "Cancel", "Update"]
    assert set(records.exclude(msg_type="Cancel").values_list("state", flat=True)) == {"cancelled"}
    assert feed.imported == 3 and feed.errors_in_row == 0 and feed.last_success_at == now
    assert feed.lag_seconds is not None and "DOCTYPE" in feed.last_error  # the hostile entry, refused
    page = client.get("/alerts/incoming/feeds/").content.decode()
    assert "四川省气象台" in page and "DOCTYPE" in page
    assert polling.poll_due(now + timedelta(seconds=10)) == 0  # not due yet
    assert polling.poll_due(now + timedelta(hours=1)) == 1
    assert feeds.hits["/cap/en_alert.xml"] == 1 and IncomingCap.objects.filter(feed=feed).count() == 3


def test_an_rss_feed_in_several_encodings_is_imported(feeds, users):
    feeds.routes["/feed.rss"] = (200, rss(feeds, ["zh_utf8_bom.xml", "es_iso8859_1.xml", "fr_cap11.xml"]),
                                 "application/rss+xml")
    feed = polling.add_feed(actor=users["duty"], name="RSS", url=f"{feeds.url}/feed.rss")
    assert polling.poll(feed) == 3
    headlines = set(IncomingCap.objects.filter(feed=feed).values_list("headline", flat=True))
    assert {"遂宁市气象台发布暴雨橙色预警信号", "Aviso amarillo por tormentas en Castilla y León"} <= headlines


def test_a_failing_feed_counts_its_failures_until_it_recovers(feeds, client, users):
    feeds.routes["/feed.atom"] = (503, b"down for maintenance", "text/plain")
    feed = polling.add_feed(actor=users["duty"], name="失败的源", url=f"{feeds.url}/feed.atom")
    now = timezone.now()
    polling.poll(feed, now)
    polling.poll(feed, now + timedelta(minutes=5))
    feed.refresh_from_db()
    assert feed.errors_in_row == 2 and "503" in feed.last_error and feed.last_success_at is None
    client.force_login(users["duty"])
    row = client.get("/alerts/incoming/feeds/").content.decode()
    assert "table-danger" in row and "503" in row
    feeds.routes["/feed.atom"] = (200, atom(feeds, ["en_alert.xml"]), "application/atom+xml")
    assert polling.poll(feed, now + timedelta(minutes=10)) == 1
    feed.refresh_from_db()
    assert feed.errors_in_row == 0 and feed.last_success_at == now + timedelta(minutes=10)


def test_polling_runs_as_a_periodic_hook(feeds, users):
    feeds.routes["/feed.atom"] = (200, atom(feeds, ["pt_edxl_de.xml"]), "application/atom+xml")
    polling.add_feed(actor=users["duty"], name="EDXL", url=f"{feeds.url}/feed.atom")
    hook = next(h for h in PERIODIC_HOOKS if h.key == "alerts.cap_polling")
    hook.run()
    assert IncomingCap.objects.filter(identifier="IPMA-2026-11-02-PT-07", envelope="EDXL-DE").exists()


def test_a_bad_feed_address_is_refused_beside_its_field(client, users):
    client.force_login(users["duty"])
    reply = client.post("/alerts/incoming/feeds/", {"name": "x", "url": "ftp://example.com/feed"})
    assert reply.status_code == 400 and "http://" in reply.content.decode() and "is-invalid" in reply.content.decode()
    assert not CapFeed.objects.exists()


def test_a_feed_on_an_internal_address_is_refused_unless_the_administrator_lists_its_host(client, users, monkeypatch):
    monkeypatch.delenv("YINGJI_CAP_FETCH_HOSTS", raising=False)
    client.force_login(users["duty"])
    for url in ("http://127.0.0.1:8000/feed.atom", "http://169.254.169.254/latest/meta-data/", "http://[::1]/f"):
        reply = client.post("/alerts/incoming/feeds/", {"name": "内网", "url": url})
        assert reply.status_code == 400 and "YINGJI_CAP_FETCH_HOSTS" in reply.content.decode(), url
    assert not CapFeed.objects.exists()


def test_entries_and_redirects_to_other_hosts_are_not_fetched(feeds, users):
    port = feeds.httpd.server_address[1]
    stolen = "/internal/secret"
    feeds.routes[stolen] = (200, b"secret", "text/plain")
    entries = "".join(
        f'<entry><id>urn:test:{n}</id><title>t</title><updated>2026-07-12T20:00:00+08:00</updated>'
        f'<link rel="alternate" type="application/cap+xml" href="{href}"/></entry>'
        for n, href in (("a", f"http://127.0.0.2:{port}{stolen}"), ("b", "/hop"), ("c", f"http://localhost:{port}/x")))
    feeds.routes["/feed.atom"] = (200, (f'<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/'
                                        f'Atom"><id>urn:t</id><title>t</title><updated>2026-07-12T20:00:00+08:00'
                                        f'</updated>{entries}</feed>').encode(), "application/atom+xml")
    feeds.redirects["/hop"] = f"http://127.0.0.2:{port}{stolen}"
    feed = CapFeed.objects.create(name="恶意订阅源", url=f"{feeds.url}/feed.atom")
    assert polling.poll(feed) == 0
    feed.refresh_from_db()
    assert feeds.hits[stolen] == 0 and feeds.hits["/hop"] == 1
    assert "127.0.0.2" in feed.last_error and "localhost" in feed.last_error
