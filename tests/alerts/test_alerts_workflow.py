"""制作 → 审核 → 签发 → 发布, each by a different person; 急发 with retrospective approval; updates, cancels."""

from datetime import timedelta

import pytest
from django.utils import timezone

from yingji.alerts import services
from yingji.alerts.models import CapMessage, Warning
from yingji.core.errors import DomainError, PermissionDeniedError
from yingji.core.models import OutboxEvent

pytestmark = pytest.mark.django_db


def test_the_full_flow_publishes_with_a_cap_message_and_a_history(users, warning_data, publish_flow):
    warning = publish_flow(warning_data())
    assert warning.status == "published" and warning.get_status_display() == "已发布"
    assert (warning.author.username, warning.reviewer.username, warning.signer.username) == (
        "duty", "duty-chief", "commander")
    assert CapMessage.objects.get(warning=warning).identifier.startswith("51090300100000_")
    assert [e.label for e in warning.events.all()] == ["制作", "提交审核", "审核通过", "签发", "发布"]
    assert OutboxEvent.objects.filter(kind="warning.published", aggregate_id=str(warning.uuid)).exists()
    assert warning.population == sum(r.population for r in warning.area_regions.all()) > 0


def test_the_author_cannot_approve_their_own_warning(users, warning_data):
    warning = services.create_draft(actor=users["commander"], data=warning_data())
    warning = services.fire(warning, "submit", actor=users["commander"])
    with pytest.raises(DomainError) as error:
        services.fire(warning, "review", actor=users["commander"])
    assert error.value.code == "approver_is_author" and "自己制作" in error.value.message
    warning.refresh_from_db()
    assert warning.status == "pending_review" and not CapMessage.objects.filter(warning=warning).exists()


def test_the_signer_must_differ_from_the_reviewer(users, warning_data):
    warning = services.create_draft(actor=users["duty"], data=warning_data())
    warning = services.fire(warning, "submit", actor=users["duty"])
    warning = services.fire(warning, "review", actor=users["commander"])
    with pytest.raises(DomainError) as error:
        services.fire(warning, "sign", actor=users["commander"])
    assert error.value.code == "signer_is_reviewer"


def test_a_duty_officer_cannot_sign_or_send_urgently(users, warning_data):
    warning = services.create_draft(actor=users["duty"], data=warning_data())
    with pytest.raises(PermissionDeniedError):
        services.fire(warning, "urgent", actor=users["duty-chief"])
    warning = services.fire(warning, "submit", actor=users["duty"])
    warning = services.fire(warning, "review", actor=users["duty-chief"])
    with pytest.raises(PermissionDeniedError):
        services.fire(warning, "sign", actor=users["duty-chief"])


def test_urgent_publishing_is_approved_afterwards_by_someone_else(users, warning_data):
    warning = services.create_draft(actor=users["duty"], data=warning_data())
    warning = services.fire(warning, "urgent", actor=users["commander"])
    assert warning.status == "published" and warning.urgent
    with pytest.raises(DomainError):
        services.fire(warning, "retro_approve", actor=users["commander"])
    warning = services.fire(warning, "retro_approve", actor=users["duty-chief"])
    assert warning.retro_approver == users["duty-chief"]
    with pytest.raises(DomainError) as error:
        services.fire(warning, "retro_approve", actor=users["duty-chief"])
    assert error.value.code == "no_retro_needed"


def test_return_needs_a_reason_and_goes_back_to_drafting(users, warning_data):
    warning = services.fire(services.create_draft(actor=users["duty"], data=warning_data()), "submit",
                            actor=users["duty"])
    with pytest.raises(DomainError):
        services.fire(warning, "return", actor=users["duty-chief"], data={"reason": " "})
    warning = services.fire(warning, "return", actor=users["duty-chief"], data={"reason": "区域有误"})
    assert warning.status == "draft" and warning.events.last().note == "区域有误"


def test_update_supersedes_and_cancel_closes_the_thread(users, warning_data, publish_flow):
    first = publish_flow(warning_data())
    update = services.start_update(actor=users["duty"], reference=first.cap.identifier,
                                   data=warning_data(level="orange", headline="降为橙色"))
    assert update.msg_type == "Update" and update.references == first
    update = services.fire(services.fire(services.fire(update, "submit", actor=users["duty"]), "review",
                                         actor=users["duty-chief"]), "sign", actor=users["commander"])
    first.refresh_from_db()
    assert first.status == "superseded" and update.status == "published"
    notice = services.cancel(actor=users["commander"], reference=str(first.uuid), reason="降雨结束")
    update.refresh_from_db()
    assert update.status == "cancelled" and notice.msg_type == "Cancel" and notice.references == update
    thread = list(services.thread_of(first))
    assert [w.msg_type for w in thread] == ["Alert", "Update", "Cancel"]
    assert not services.in_force().filter(pk__in=[w.pk for w in thread]).exists()


def test_update_or_cancel_of_unknown_or_cancelled_warnings_is_refused(users, warning_data, publish_flow):
    with pytest.raises(DomainError) as error:
        services.cancel(actor=users["commander"], reference="51090300100000_20990101000000_0", reason="x")
    assert error.value.code == "unknown_warning"
    first = publish_flow(warning_data())
    services.cancel(actor=users["commander"], reference=str(first.uuid), reason="结束")
    with pytest.raises(DomainError) as error:
        services.cancel(actor=users["commander"], reference=str(first.uuid), reason="再次")
    assert error.value.code == "warning_cancelled" and "已解除" in error.value.message
    with pytest.raises(DomainError):
        services.start_update(actor=users["duty"], reference=str(first.uuid), data=warning_data())


def test_expired_warnings_close_by_themselves(users, warning_data, publish_flow):
    warning = publish_flow(warning_data())
    assert services.sweep_expired(now=timezone.now() + timedelta(hours=1)) >= 0
    warning.refresh_from_db()
    assert warning.status == "published"
    services.sweep_expired(now=timezone.now() + timedelta(hours=13))
    warning.refresh_from_db()
    assert warning.status == "expired" and warning.events.last().label == "到期自动结束"


def test_the_demo_has_a_warning_in_force_and_a_cancelled_one_from_2020():
    in_force = services.in_force().filter(is_demo=True).get()
    assert in_force.level == "level_3" and "仁里镇" in in_force.area_desc
    past = Warning.objects.get(is_demo=True, msg_type="Alert", status="cancelled")
    assert past.effective.year == 2020 and past.level == "level_1"
