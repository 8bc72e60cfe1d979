"""The duty pages as people use them: they render, their forms work, and bad input is shown, never a 500."""

import io
from datetime import timedelta

import pytest
from django.utils import timezone
from docx import Document

from yingji.duty.models import Handover, LogEntry, RollCallTarget, Shift, SwapRequest

pytestmark = pytest.mark.django_db
PAGES = ["/duty/", "/duty/on-duty/", "/duty/widget/", "/duty/roster/", "/duty/log/", "/duty/handovers/",
         "/duty/roll-calls/", "/duty/escalations/", "/duty/report/"]


@pytest.mark.parametrize("username", ["duty", "commander", "township-guihua", "observer"])
def test_every_page_opens_for_the_roles_that_read_it(client, users, username):
    client.force_login(users[username])
    for url in PAGES:
        response = client.get(url)
        assert response.status_code == 200, url


def test_pages_are_closed_to_roles_without_duty_access(client, users):
    client.force_login(users["enterprise"])
    assert client.get("/duty/").status_code == 403
    assert client.get("/duty/", follow=False).status_code == 403


def test_the_desk_shows_who_is_on_duty_with_masked_phones_for_observers(client, users):
    client.force_login(users["observer"])
    page = client.get("/duty/").content.decode()
    assert "区应急管理局值班长" in page and "****" in page
    client.force_login(users["duty"])
    assert "****" not in client.get("/duty/on-duty/").content.decode()


def test_bad_times_and_months_are_explained(client, users):
    client.force_login(users["duty"])
    response = client.get("/duty/on-duty/?at=yesterday")
    assert response.status_code == 400 and "时间格式无效" in response.content.decode()
    assert client.get("/duty/roster/?month=13-99").status_code == 200
    assert client.get("/duty/report/?date=notaday").status_code == 200
    assert client.get("/duty/roster/export.xlsx?post=NOPE").status_code == 404


def test_generating_a_roster_on_the_page_and_its_error(client, users, posts, staff, later_month):
    client.force_login(users["duty"])
    month = f"{later_month:%Y-%m}"
    people = [staff[k].pk for k in ("C1", "C2", "C3")]
    response = client.post("/duty/roster/generate/", {"post": "DP-EMB-CHIEF", "month": month, "people": people,
                                                      "min_rest_hours": 24}, follow=True)
    page = response.content.decode()
    assert "无冲突" in page and staff["C1"].name in page
    response = client.post("/duty/roster/generate/", {"post": "DP-EMB-LEADER", "month": month,
                                                      "people": [staff["L1"].pk], "min_rest_hours": 24}, follow=True)
    assert "空岗" in response.content.decode() and "请增加轮班人员" in response.content.decode()
    assert not Shift.objects.filter(post=posts["DP-EMB-LEADER"], duty_date__gte=later_month).exists()
    export = client.get(f"/duty/roster/export.xlsx?post=DP-EMB-CHIEF&month={month}")
    assert export.status_code == 200 and export["Content-Type"].startswith("application/vnd.openxml")
    assert staff["C2"].name in client.get(f"/duty/roster/print/?post=DP-EMB-CHIEF&month={month}").content.decode()


def test_a_swap_is_requested_then_approved_by_another_manager(client, users, posts, staff, later_month):
    from yingji.duty import services

    services.generate_roster(actor=users["duty"], post=posts["DP-EMB-CHIEF"], month=later_month,
                             people=[staff["C1"], staff["C2"], staff["C3"]], min_rest_hours=24)
    shift = Shift.objects.filter(post__code="DP-EMB-CHIEF", duty_date=later_month.replace(day=10)).get()
    client.force_login(users["duty"])
    client.post(f"/duty/shifts/{shift.uuid}/swap/", {"to_person": shift.person.pk, "reason": "家中有事"})
    assert not SwapRequest.objects.filter(shift=shift).exists(), "a swap with oneself is refused"
    response = client.post(f"/duty/shifts/{shift.uuid}/swap/", {"to_person": staff["C4"].pk, "reason": "家中有事"},
                           follow=True)
    assert "调班申请已提交" in response.content.decode()
    swap = SwapRequest.objects.get(shift=shift)
    own = client.post(f"/duty/swaps/{swap.uuid}/decide/", {"event": "approve"}, follow=True)
    assert "本岗位的调班由岗位负责人蒋德明审批" in own.content.decode()
    client.force_login(users["commander"])
    client.post(f"/duty/swaps/{swap.uuid}/decide/", {"event": "approve"})
    shift.refresh_from_db()
    assert shift.person == staff["C4"] and shift.source == "swap"


def test_a_call_logged_on_the_page_creates_an_incident(client, users, regions):
    client.force_login(users["duty"])
    occurred = timezone.localtime() - timedelta(minutes=20)
    response = client.post("/duty/log/call/", {
        "kind": "call_in", "counterpart": "龙凤镇值班室", "phone": "0825-1234567",
        "summary": "龙凤镇某村道路塌方，一辆货车受损，无人员伤亡。", "create_incident": "on",
        "incident_name": "龙凤镇道路塌方", "type_code": "1.4.1", "occurred_at": occurred.strftime("%Y-%m-%dT%H:%M"),
        "region": regions["longfeng"].pk}, follow=True)
    page = response.content.decode()
    assert "已记录来电并登记突发事件" in page and "龙凤镇道路塌方" in page
    entry = LogEntry.objects.get(summary__startswith="龙凤镇某村道路塌方")
    from yingji.incidents.models import Incident

    assert Incident.objects.get(uuid=entry.incident_uuid).name == "龙凤镇道路塌方"
    bad = client.post("/duty/log/call/", {"kind": "call_in", "summary": "来电", "create_incident": "on"}, follow=True)
    assert bad.status_code == 200 and "alert-danger" in bad.content.decode()


def test_handover_submitted_then_accepted_by_someone_else(client, users):
    client.force_login(users["duty"])
    shift = Shift.objects.filter(post__code="DP-EMB-CHIEF", start__lte=timezone.now(),
                                 end__gt=timezone.now()).first()
    response = client.post(f"/duty/handovers/start/{shift.uuid}/", follow=True)
    assert "未办结的上级指示" in response.content.decode()
    handover = Handover.objects.get(outgoing_shift=shift)
    url = f"/duty/handovers/{handover.uuid}/transition/"
    client.post(url, {"event": "submit", "remarks": "水位持续上涨，请每小时联系桂花镇"})
    own = client.post(url, {"event": "accept"}, follow=True)
    assert "交班人不能自己接班" in own.content.decode()
    client.force_login(users["commander"])
    client.post(url, {"event": "return"})
    handover.refresh_from_db()
    assert handover.status == "submitted", "a return needs a reason"
    client.post(url, {"event": "accept"})
    handover.refresh_from_db()
    assert handover.status == "accepted" and handover.accepted_by == users["commander"]


def test_roll_call_sent_and_answered_on_the_pages(client, users, regions):
    from yingji.core.models import Organization

    guihua = Organization.objects.get(kind="township", region=regions["guihua"])
    client.force_login(users["duty"])
    client.post("/duty/roll-calls/send/", {"organizations": [guihua.pk], "window_minutes": 10, "message": "点名"})
    target = RollCallTarget.objects.get(organization=guihua, roll_call__message="点名")
    client.force_login(users["township-longfeng"])
    refused = client.post(f"/duty/roll-calls/{target.uuid}/answer/", follow=True)
    assert "只能应答本单位的点名" in refused.content.decode()
    client.force_login(users["township-guihua"])
    assert "点名" in client.get("/duty/").content.decode()
    client.post(f"/duty/roll-calls/{target.uuid}/answer/")
    target.refresh_from_db()
    assert target.result == "on_time"


def test_the_daily_report_downloads_as_an_official_docx(client, users):
    client.force_login(users["duty"])
    page = client.get("/duty/report/").content.decode()
    assert "一、值班人员" in page and "区应急管理局值班长" in page
    response = client.get(f"/duty/report.docx?date={timezone.localdate():%Y-%m-%d}")
    assert response["Content-Disposition"].endswith('.docx"')
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "值班日报" in text and "四、上级指示批示及落实情况" in text and "遂宁市船山区应急管理局" in text


def test_the_command_board_loads_who_is_on_duty(client, users):
    """Issue: who is on duty is visible on the command board (the widget fragment, refreshed every minute)."""
    from yingji.duty.oncall import holders

    client.force_login(users["commander"])
    board = client.get("/incidents/board/").content.decode()
    assert 'hx-get="/duty/widget/"' in board
    widget = client.get("/duty/widget/").content.decode()
    on_duty = [row.person.name for row in holders(timezone.now()) if row.person and row.post.role == "chief"]
    assert on_duty and on_duty[0] in widget
    client.force_login(users["enterprise"])  # no duty access: no widget on the board
    assert "/duty/widget/" not in client.get("/incidents/board/").content.decode()


def test_the_roster_calendar_names_the_weekdays_in_the_users_language(client, users):
    client.force_login(users["duty"])
    page = client.get("/duty/roster/", {"post": "DP-EMB-CHIEF"}).content.decode()
    header = page[page.index("<thead>"):page.index("</thead>")]
    assert "星期一" in header and "星期日" in header
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get("/duty/roster/", {"post": "DP-EMB-CHIEF"}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    header = page[page.index("<thead>"):page.index("</thead>")]
    assert "Mon" in header and "Sun" in header
