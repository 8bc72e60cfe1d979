"""我的待办 (issue 14 §8): every workflow's waiting steps in one inbox, counted in the navbar, on the home page,
told to the people who can act, and named on the record's page ("待 … 签发")."""

from datetime import timedelta

import pytest
from django.utils import timezone

from yingji.channels.models import Message
from yingji.core.events import dispatch_pending
from yingji.demo.townships import township

pytestmark = pytest.mark.django_db
GUIHUA = township("桂花镇").seat


@pytest.fixture
def submitted_report(users):
    """The duty officer files a landslide and submits its 初报 for signature."""
    from yingji.incidents.reporting import create_report
    from yingji.incidents.services import create_incident
    from yingji.incidents.workflows import fire_report

    now = timezone.now()
    incident = create_incident(actor=users["duty"], now=now, data={
        "type_code": "1.4.2", "occurred_at": now - timedelta(minutes=20), "received_at": now - timedelta(minutes=5),
        "lon": GUIHUA[0] + 0.003, "lat": GUIHUA[1] - 0.002, "statement": "后山滑坡，冲毁一间偏房", "evacuated": 8})
    report = create_report(incident, actor=users["duty"], kind="initial", now=now)
    return fire_report(report, "submit", actor=users["duty"])


def _inbox(client, user):
    """The work listed in the user's 我的待办 (the recent notices beside it left out)."""
    client.force_login(user)
    return client.get("/todo/").content.decode().split('id="todo-notices"')[0]


def test_the_commander_finds_the_report_to_sign_and_its_author_does_not(client, users, submitted_report):
    page = _inbox(client, users["commander"])
    assert submitted_report.incident.name in page and "签发报告" in page
    assert f"/incidents/reports/{submitted_report.uuid}/" in page
    assert submitted_report.incident.name not in _inbox(client, users["duty"])  # the author may not sign it


def test_the_navbar_shows_the_count_and_the_home_page_lists_the_work(client, users, submitted_report):
    client.force_login(users["commander"])
    home = client.get("/").content.decode()
    assert 'id="todo-link"' in home and 'hx-get="/todo/count/"' in home  # the badge is fetched after the page
    assert 'id="todo-panel"' in home and submitted_report.incident.name in home
    badge = client.get("/todo/count/").content.decode()
    assert 'id="todo-count"' in badge and 'data-count="0"' not in badge
    client.force_login(users["observer"])
    assert 'data-count="0"' in client.get("/todo/count/").content.decode()


def test_who_can_sign_is_told_by_an_in_app_message_once(users, submitted_report):
    dispatch_pending()
    dispatch_pending()
    notices = Message.objects.filter(channel__kind="in_app", subject__contains="签发报告")
    assert list(notices.values_list("address", flat=True)) == ["commander"]  # not the author, once
    assert submitted_report.incident.name in notices.get().body


def test_the_report_page_names_who_may_sign_it(client, users, submitted_report):
    client.force_login(users["duty"])
    page = client.get(f"/incidents/reports/{submitted_report.uuid}/").content.decode()
    assert f"待 {users['commander'].display_name} 签发" in page


def test_who_may_follows_the_workflow_preconditions_and_jurisdiction(users, submitted_report):
    from yingji.core.actors import waiting_for, who_may

    assert [u.username for u in who_may("report", submitted_report, "sign")] == ["commander"]
    assert who_may("report", submitted_report, "send") == []  # not a step of a pending report
    assert waiting_for("report", submitted_report, "send") == ""


@pytest.fixture
def warning_in_review(users):
    from yingji.alerts import services

    now = timezone.now()
    data = {"type_code": "met.rainstorm", "level": "yellow", "headline": "船山区暴雨黄色预警（待办测试）",
            "description": "预计 6 小时内降雨量将达 50 毫米以上。", "instructions": "",
            "effective": now.isoformat(), "expires": (now + timedelta(hours=12)).isoformat(),
            "source": "区气象局", "area_kind": "regions", "area_regions": [township("桂花镇").code]}
    warning = services.create_draft(actor=users["duty"], data=data)
    return services.fire(warning, "submit", actor=users["duty"])


def test_a_warning_waits_for_review_by_anyone_but_its_author(client, users, warning_in_review):
    headline = warning_in_review.headline
    assert headline in _inbox(client, users["duty-chief"]) and "审核预警" in _inbox(client, users["duty-chief"])
    assert headline not in _inbox(client, users["duty"])
    client.force_login(users["duty"])
    page = client.get(f"/alerts/{warning_in_review.uuid}/").content.decode()
    assert 'id="waiting-for"' in page and users["duty-chief"].display_name in page and "审核" in page
    dispatch_pending()
    told = set(Message.objects.filter(channel__kind="in_app", body__contains=headline).values_list("address",
                                                                                                   flat=True))
    assert "duty" not in told and {"duty-chief", "commander"} <= told


def test_after_review_it_waits_for_a_signer_who_did_not_review_it(client, users, warning_in_review):
    from yingji.alerts import services

    warning = services.fire(warning_in_review, "review", actor=users["duty-chief"])
    assert warning.headline in _inbox(client, users["commander"])
    assert warning.headline not in _inbox(client, users["duty-chief"])  # reviewed it: may not sign


def test_a_submitted_handover_waits_for_another_officer(client, users):
    from yingji.duty.choices import HandoverStatus
    from yingji.duty.models import Handover

    handover = Handover.objects.filter(status=HandoverStatus.SUBMITTED).select_related("author").first()
    if handover is None:
        pytest.skip("the demo has no submitted handover")
    other = next(u for u in (users["duty"], users["duty-chief"], users["commander"]) if u != handover.author)
    page = _inbox(client, other)
    assert f"/duty/handovers/{handover.uuid}/" in page and "接班确认" in page


def test_an_sms_with_the_link_when_the_work_notice_channel_is_on(users, submitted_report, http_sink):
    from yingji.channels.models import Channel
    from yingji.channels.services import deliver_pending
    from yingji.web.todo import todo_sms_channel_code

    Channel.objects.filter(code=todo_sms_channel_code()).update(enabled=True, config={"url": f"{http_sink.url}/sms"})
    commander = users["commander"]
    commander.phone = "13800000001"
    commander.save()
    dispatch_pending()
    deliver_pending()
    texts = [str(request["json"]) for request in http_sink.requests]
    assert any("13800000001" in text and f"/incidents/reports/{submitted_report.uuid}/" in text for text in texts)


def test_a_provider_without_a_count_is_counted_by_its_items_and_items_come_oldest_first():
    from yingji.core.extensions import TodoItem, TodoProvider, waiting_order

    now = timezone.now()
    items = [TodoItem("新", "/b/", "甲", waiting_since=now), TodoItem("无时间", "/c/", "甲"),
             TodoItem("旧", "/a/", "甲", waiting_since=now - timedelta(hours=1))]
    provider = TodoProvider("test.items", "测试", lambda user: items)
    assert provider.count_for(None) == 3
    assert [i.title for i in sorted(items, key=waiting_order)] == ["旧", "新", "无时间"]
