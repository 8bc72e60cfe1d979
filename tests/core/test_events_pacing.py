"""Several events of one record published together reach their consumers once. (The worker no longer pauses
between deliveries on SQLite: writers queue for the lock in turn, tests/core/test_sqlite_write_queue.py.)"""

import pytest

from yingji.core import events
from yingji.core.models import OutboxDelivery

pytestmark = pytest.mark.django_db


@pytest.fixture
def seen():
    handled = []
    events.consumer("test-pacing", kinds=("test.*",))(lambda event: handled.append(event.kind))
    yield handled
    events.CONSUMERS.pop("test-pacing")


def test_events_published_together_each_reach_their_consumers_once(seen):
    written = events.publish_many([("test.a", {"n": 1}), ("other.kind", {}), ("test.b", {"n": 2})])
    assert [e.kind for e in written] == ["test.a", "other.kind", "test.b"] and all(e.pk for e in written)
    events.dispatch_pending()
    assert events.dispatch_pending() == 0
    assert seen == ["test.a", "test.b"]
    assert OutboxDelivery.objects.filter(consumer="test-pacing", status="done").count() == 2
