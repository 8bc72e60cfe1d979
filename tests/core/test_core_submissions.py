"""Submission keys make a create happen once: a repeat of the same key gets the first record back, a bad key is
a clear 400, another user's key is refused, and two requests racing with one key create one record (for real,
with threads on PostgreSQL)."""

import threading
import uuid

import pytest
from django.db import transaction

from concurrency import in_threads, postgres_only
from yingji.core import submissions
from yingji.core.errors import ConflictError, DomainError
from yingji.core.models import OutboxEvent, Submission, User


def _event(kind="test.submission"):
    """A service as once() expects it: it stores the request's key in its own write transaction."""
    with transaction.atomic():
        event = OutboxEvent.objects.create(kind=kind)
        submissions.store_pending(event)
    return event


@pytest.mark.django_db
def test_the_same_key_twice_creates_one_record_and_returns_it_again(users):
    key = str(uuid.uuid4())
    first, created = submissions.once(key, _event, model=OutboxEvent, actor=users["duty"])
    again, created_again = submissions.once(key, _event, model=OutboxEvent, actor=users["duty"])
    assert (created, created_again) == (True, False)
    assert again == first and OutboxEvent.objects.filter(kind="test.submission").count() == 1
    assert submissions.recorded(key, model=OutboxEvent, actor=users["duty"]) == first


@pytest.mark.django_db
def test_without_a_key_every_call_creates():
    for value in (None, "", "  "):
        assert submissions.once(value, _event, model=OutboxEvent)[1] is True
    assert OutboxEvent.objects.filter(kind="test.submission").count() == 3


@pytest.mark.django_db
def test_a_failed_create_leaves_the_key_unused():
    key = uuid.uuid4()

    def failing():
        with transaction.atomic():
            _event()
            raise DomainError("boom", "失败")

    with pytest.raises(DomainError):
        submissions.once(key, failing, model=OutboxEvent)
    assert not OutboxEvent.objects.filter(kind="test.submission").exists()
    assert not Submission.objects.filter(key=key).exists()
    assert submissions.once(key, _event, model=OutboxEvent)[1] is True


@pytest.mark.django_db
def test_a_key_that_is_not_a_uuid_is_a_clear_error(api, users):
    with pytest.raises(DomainError) as error:
        submissions.once("12345", _event, model=OutboxEvent)
    assert (error.value.status, error.value.code) == (400, "invalid_submission_key")
    assert list(error.value.fields) == ["submission_key"] and "UUID" in error.value.message
    response = api(users["duty"]).post("/api/incidents/incidents/", {}, format="json",
                                       HTTP_IDEMPOTENCY_KEY="not-a-uuid")
    assert response.status_code == 400
    body = response.json()["error"]
    assert body["code"] == "invalid_submission_key" and "submission_key" in body["fields"]
    assert not OutboxEvent.objects.filter(kind="test.submission").exists()


@pytest.mark.django_db
def test_another_users_key_or_another_kind_of_record_is_refused(users):
    key = uuid.uuid4()
    submissions.once(key, _event, model=OutboxEvent, actor=users["duty"])
    with pytest.raises(ConflictError) as error:
        submissions.once(key, _event, model=OutboxEvent, actor=users["commander"])
    assert error.value.code == "submission_key_reused" and error.value.status == 409
    with pytest.raises(ConflictError):
        submissions.once(key, lambda: User.objects.first(), model=User, actor=users["duty"])
    assert OutboxEvent.objects.filter(kind="test.submission").count() == 1


@pytest.mark.django_db
def test_a_service_that_does_not_store_the_key_is_a_programming_error():
    with pytest.raises(RuntimeError, match="store_pending"):
        submissions.once(uuid.uuid4(), lambda: OutboxEvent.objects.create(kind="test.submission"), model=OutboxEvent)


@pytest.fixture
def race_kind(django_db_blocker):
    with django_db_blocker.unblock():
        postgres_only("submission races")
        kind = f"test.race.{uuid.uuid4().hex[:8]}"
        yield kind
        events = OutboxEvent.objects.filter(kind=kind)
        Submission.objects.filter(object_id__in=events.values("pk")).delete()
        events.delete()


def test_two_requests_racing_with_one_key_create_one_record(race_kind):
    key, inside, answers = uuid.uuid4(), threading.Barrier(2), []

    def create():
        with transaction.atomic():
            event = OutboxEvent.objects.create(kind=race_kind)
            inside.wait(30)  # both requests are past the "seen this key?" check and have created their record
            submissions.store_pending(event)
        return event

    def request():
        record, created = submissions.once(key, create, model=OutboxEvent)
        answers.append((record.pk, created))

    in_threads([request, request])
    assert sorted(created for _pk, created in answers) == [False, True]
    assert answers[0][0] == answers[1][0]
    assert list(OutboxEvent.objects.filter(kind=race_kind).values_list("pk", flat=True)) == [answers[0][0]]
