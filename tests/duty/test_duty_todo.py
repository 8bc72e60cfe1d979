"""The duty desk's work in 我的待办 (issue 14 §8): a swap request waits for the post's manager only, an instruction
from above for the duty officers of its region; both are told through the in-app channel."""

from datetime import timedelta

import pytest
from django.utils import timezone

from yingji.channels.models import Message
from yingji.core.events import dispatch_pending
from yingji.duty import services
from yingji.duty.models import DutyPost, Shift

pytestmark = pytest.mark.django_db


def _inbox(client, user):
    """The work listed in the user's 我的待办 (the recent notices beside it left out)."""
    client.force_login(user)
    return client.get("/todo/").content.decode().split('id="todo-notices"')[0]


def test_a_swap_request_waits_for_the_posts_manager(client, users, staff, later_month, quiet_outbox):
    services.generate_roster(actor=users["duty"], post=DutyPost.objects.get(code="DP-EMB-CHIEF"), month=later_month,
                             people=[staff["C1"], staff["C2"], staff["C3"]], min_rest_hours=24)
    shift = Shift.objects.get(post__code="DP-EMB-CHIEF", duty_date=later_month.replace(day=10))
    swap = services.request_swap(actor=users["duty"], shift=shift, to_person=staff["C4"], reason="家中有事")
    title = str(swap)
    manager = users["commander"]  # the demo's manager of the chief's post (蒋德明's account)
    assert title in _inbox(client, manager) and "审批调班" in _inbox(client, manager)
    assert title not in _inbox(client, users["duty"])  # the requester
    assert title not in _inbox(client, users["duty-chief"])  # not the post's manager
    dispatch_pending()
    told = set(Message.objects.filter(channel__kind="in_app", body__contains=title).values_list("address", flat=True))
    assert told == {manager.username}


def test_an_instruction_from_above_waits_for_the_duty_officers(client, users, regions, quiet_outbox):
    now = timezone.now()
    instruction = services.log_instruction(actor=users["duty"], region=regions["district"], issuer="市应急局",
                                           text="18 时前报送转移人数（待办测试）", received_at=now,
                                           due_at=now + timedelta(hours=2))
    page = _inbox(client, users["duty-chief"])
    assert "18 时前报送转移人数（待办测试）" in page and "办结指示" in page
    assert "18 时前报送转移人数（待办测试）" not in _inbox(client, users["township-guihua"])  # another jurisdiction
    dispatch_pending()
    told = set(Message.objects.filter(channel__kind="in_app", body__contains="报送转移人数（待办测试）")
               .values_list("address", flat=True))
    assert {"duty", "duty-chief", "commander"} <= told and "township-guihua" not in told
    services.complete_instruction(instruction, actor=users["duty"], note="已报送")
    assert "18 时前报送转移人数（待办测试）" not in _inbox(client, users["duty-chief"])
