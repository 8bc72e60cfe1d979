"""The command board's feed and the incident map layer take a fixed number of queries, however many incidents
are active (commanders reload them all through a flood; each incident used to cost queries of its own)."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from yingji.demo.townships import TOWNSHIPS
from yingji.incidents.services import create_incident


def _report(users, count):
    now = timezone.now()
    for n in range(count):
        seat = TOWNSHIPS[n % len(TOWNSHIPS)].seat
        create_incident(actor=users["duty"], now=now, data={
            "type_code": "1.1.1", "occurred_at": now - timedelta(minutes=5), "received_at": now,
            "statement": "查询次数测试", "lon": seat[0] + 0.001, "lat": seat[1] + 0.001})


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_board_feed_and_incident_layer_queries_do_not_grow_with_the_incidents(client, users):
    client.force_login(users["commander"])
    _report(users, 2)
    _queries(client, "/incidents/board/data/")  # the first request of a session does one-off work
    board, layer = _queries(client, "/incidents/board/data/"), _queries(client, "/api/onemap/layers/incidents/")
    _report(users, 12)
    feed = client.get("/incidents/board/data/").json()
    assert all(row["place"] for row in feed["incidents"]), "every row still names its place"
    assert _queries(client, "/incidents/board/data/") == board
    assert _queries(client, "/api/onemap/layers/incidents/") == layer
