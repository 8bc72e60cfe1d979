"""Buttons a user may not use are not shown (issue 14 §9): the author is not offered 审核通过, the reviewer not
签发, and a published warning that needs no retrospective approval offers no 补充审核."""

import pytest

from yingji.alerts import presenters, services

pytestmark = pytest.mark.django_db


def _events(warning, user):
    return {a["event"] for a in presenters.actions(warning, user)}


def _submitted(users, warning_data):
    warning = services.create_draft(actor=users["duty"], data=warning_data())
    return services.fire(warning, "submit", actor=users["duty"])


def test_the_author_is_not_offered_the_review_of_their_own_warning(users, warning_data, client):
    warning = _submitted(users, warning_data)
    assert "review" not in _events(warning, users["duty"])
    assert "review" in _events(warning, users["duty-chief"])
    client.force_login(users["duty"])
    page = client.get(f"/alerts/{warning.uuid}/").content.decode()
    assert 'data-event="review"' not in page


def test_the_reviewer_is_not_offered_the_signature(users, warning_data):
    warning = services.fire(_submitted(users, warning_data), "review", actor=users["duty-chief"])
    assert "sign" not in _events(warning, users["duty-chief"])
    assert "sign" in _events(warning, users["commander"])


def test_a_published_warning_offers_no_retrospective_approval_unless_it_was_urgent(users, warning_data,
                                                                                     publish_flow, client):
    warning = publish_flow(warning_data())
    assert warning.status == "published" and not warning.urgent
    assert "retro_approve" not in _events(warning, users["duty-chief"])
    client.force_login(users["duty-chief"])
    assert 'data-event="retro_approve"' not in client.get(f"/alerts/{warning.uuid}/").content.decode()
    urgent = services.fire(services.create_draft(actor=users["commander"], data=warning_data()), "urgent",
                           actor=users["commander"])
    assert "retro_approve" not in _events(urgent, users["commander"])  # the publisher may not approve it
    assert "retro_approve" in _events(urgent, users["duty-chief"])


def test_every_step_offered_succeeds(users, warning_data):
    """What the engine offers is what it accepts: take every offered step of a fresh warning in turn."""
    warning = _submitted(users, warning_data)
    for user in (users["duty-chief"], users["commander"]):
        offered = [a["event"] for a in presenters.actions(warning, user) if a["event"] != "return"]
        assert len(offered) == 1
        warning = services.fire(warning, offered[0], actor=user)
    assert warning.status == "published"
