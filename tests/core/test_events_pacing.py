"""The worker shares SQLite's one write lock with the web processes: while draining a backlog it leaves the lock
free after each stretch of work, so reports arriving in a surge are not kept waiting (issue 13 §1). Elsewhere
(PostgreSQL locks rows) it never pauses. Also: several events of one record published together."""

import pytest
from django.db import connection

from yingji.core import events
from yingji.core.models import OutboxDelivery

pytestmark = pytest.mark.django_db


@pytest.fixture
def seen():
    handled = []
    events.consumer("test-pacing", kinds=("test.*",))(lambda event: handled.append(event.kind))
    yield handled
    events.CONSUMERS.pop("test-pacing")


def test_draining_pauses_between_stretches_of_work_on_sqlite_only(seen, monkeypatch):
    monkeypatch.setattr(events, "SQLITE_WORK_SECONDS", 0)  # every delivery is a whole stretch
    events.publish_many([("test.one", {}), ("test.two", {}), ("test.three", {})])
    pauses = []
    assert events.dispatch_pending(sleep=pauses.append) >= 3
    assert seen == ["test.one", "test.two", "test.three"]
    expected = events.SQLITE_PAUSE_SECONDS if connection.vendor == "sqlite" else None
    assert (set(pauses) == {expected} and len(pauses) >= 3) if expected else pauses == []


def test_events_published_together_each_reach_their_consumers_once(seen):
    written = events.publish_many([("test.a", {"n": 1}), ("other.kind", {}), ("test.b", {"n": 2})])
    assert [e.kind for e in written] == ["test.a", "other.kind", "test.b"] and all(e.pk for e in written)
    events.dispatch_pending(sleep=lambda seconds: None)
    assert events.dispatch_pending(sleep=lambda seconds: None) == 0
    assert seen == ["test.a", "test.b"]
    assert OutboxDelivery.objects.filter(consumer="test-pacing", status="done").count() == 2
