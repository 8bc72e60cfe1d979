"""An intake through the API in a surge (issue 13 §1): a bounded number of SQL statements, the same records as
before (the report, its intake, its timeline, its clocks, its announcements), and an answer that carries what
clients use."""

import uuid
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from yingji.core.models import OutboxEvent
from yingji.incidents.models import Incident

from .conftest import GUIHUA

pytestmark = pytest.mark.django_db

# Token and user with region and organization (1), the submission key (1), the region found for the point with its
# parent (1: the tree's shape and the township boundaries are kept per process after the first report), the day's
# counter (1), the inserts of one transaction: incident, its audit entry, the submission, the intake, the timeline
# entries, the events, their deliveries, the clocks (8); the answer's clocks are the rows just inserted (0);
# savepoints of the test's transaction.
MAX_STATEMENTS = 16


def _token_client(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


def _report(client, statement="河水漫过道路，有群众被困"):
    body = {"type_code": "1.1.1", "occurred_at": (timezone.now() - timedelta(minutes=5)).isoformat(),
            "statement": statement, "lon": GUIHUA[0] + 0.001, "lat": GUIHUA[1] - 0.001, "trapped": 2}
    return client.post("/api/incidents/incidents/", body, format="json", HTTP_IDEMPOTENCY_KEY=str(uuid.uuid4()))


def test_an_intake_takes_a_bounded_number_of_statements(users):
    from yingji.incidents.locate import _LOCATING

    # An earlier test's region change, rolled back, leaves the locating tree read afresh for a minute (no signal
    # tells a rollback): this test starts from committed data only.
    _LOCATING.update(at=None, uncommitted_until=0.0)
    client = _token_client(users["duty"])
    assert _report(client, "先报一次，边界已缓存").status_code == 201
    with CaptureQueriesContext(connection) as queries:
        answer = _report(client)
    assert answer.status_code == 201
    statements = [q["sql"] for q in queries.captured_queries if not q["sql"].startswith(("SAVEPOINT", "RELEASE"))]
    assert len(statements) <= MAX_STATEMENTS, "\n".join(statements)


def test_an_intake_writes_its_timeline_clocks_and_announcements_and_answers_with_them(users):
    answer = _report(_token_client(users["duty"]))
    assert answer.status_code == 201
    body = answer.json()
    incident = Incident.objects.get(uuid=body["uuid"])
    assert body["code"] == incident.code and body["code"].startswith("SJ")
    assert (body["status"], body["grade"], body["version"]) == (incident.status, incident.grade, incident.version)
    assert body["place"].startswith("桂花镇") and body["region"] == incident.region.code
    assert body["trapped"] == 2 and body["type_name"]
    assert sorted(c["slug"] for c in body["clocks"]) == sorted(incident.clocks.values_list("slug", flat=True))
    assert body["clocks"] and all(c["id"] and c["state"] for c in body["clocks"])
    kinds = list(incident.timeline.order_by("id").values_list("kind", flat=True))
    assert kinds[0] == "intake" and (kinds[1:] == ["grade"]) == bool(incident.grade)
    assert incident.intakes.get().statement == "河水漫过道路，有群众被困"
    entry = incident.timeline.order_by("id").first()
    assert entry.actor == users["duty"] and entry.organization_name == str(users["duty"].organization or "")
    events = OutboxEvent.objects.filter(aggregate_id=str(incident.uuid)).order_by("id")
    assert [e.kind for e in events] == ["incident.timeline"] * len(kinds) + ["incident.reported"]
    assert all(e.deliveries.exists() for e in events)
    assert events.last().payload["grade"] == incident.grade
