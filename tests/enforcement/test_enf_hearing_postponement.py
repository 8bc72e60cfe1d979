"""听证延期: a noticed hearing is postponed with a reason to a later time, again at least 7 working days ahead; the
numbered 延期举行听证通知书 is issued (read back: the first notice's 文号, the reason, the new time and place); the
clock and the status follow the new time; the hearing is held on the new day, not the old one; bad postponements
are a 400 on the field and save nothing."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from enf_helpers import body_of, docx_texts

from yingji.enforcement.models import PenaltyCase, RightsRecord, Target
from yingji.enforcement.rights import working_days_after

pytestmark = pytest.mark.django_db
PLACE = "区应急管理局三楼会议室"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _right(api, user, case, **body):
    return api(user).post(f"/api/enforcement/cases/{case.uuid}/rights/", body, format="json")


def _error(response):
    return response.json()["error"]["code"], str(response.json()["error"]["fields"])


def _noticed(api, user):
    """A major case (200 000 元) whose party asked for a hearing, noticed for 8 working days from today."""
    target = Target.objects.filter(status="active").order_by("code").first()
    response = api(user).post("/api/enforcement/cases/", {
        "name": "重大事故隐患未整改案", "region": target.region.code, "target": target.code, "party_type": "unit",
        "penalty_kind": "fine", "amount": "200000", "facts": "重大事故隐患逾期未整改"}, format="json")
    case = PenaltyCase.objects.get(uuid=response.json()["uuid"])
    for event in ("investigate", "review", "legal_review", "notify"):
        step = api(user).post(f"/api/enforcement/cases/{case.uuid}/transitions/", {"event": event}, format="json")
        assert step.status_code == 200, step.content
    assert _right(api, user, case, kind="statement_waived").status_code == 201
    assert _right(api, user, case, kind="hearing_request", content="要求听证").status_code == 201
    first = working_days_after(timezone.localdate(), 8)
    assert _right(api, user, case, kind="hearing_notice", hearing_at=f"{first}T09:30", place=PLACE).status_code == 201
    case.refresh_from_db()
    return case, first


def test_a_noticed_hearing_is_postponed_with_its_numbered_notice_and_held_on_the_new_day(api, users):
    boss = users["commander"]
    case, _first = _noticed(api, boss)
    later = working_days_after(timezone.localdate(), 12)
    response = _right(api, boss, case, kind="hearing_postponed", hearing_at=f"{later}T14:00",
                      content="当事人委托代理人因病无法出席，书面申请延期")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["rights"]["hearing"]["code"] == "postponed"
    assert f"{later:%Y-%m-%d} 14:00" in body["rights"]["hearing"]["text"]
    [clock] = [c for c in body["clocks"] if "举行听证" in c["what"]]
    assert clock["deadline"] == str(later) and PLACE in clock["what"], "the clock follows the new day, same place"
    [notice] = [d for d in body["documents"] if d["kind"] == "hearing_notice"]
    [postponed] = [d for d in body["documents"] if d["kind"] == "hearing_postponed"]
    assert postponed["number"].startswith(f"船应急听延〔{timezone.localdate().year}〕")
    text = docx_texts(body_of(api(boss).get(postponed["download"])))
    assert "延期举行听证通知书" in text and notice["number"] in text and "因病无法出席" in text
    assert f"{later.year}年{later.month}月{later.day}日14:00" in text and PLACE in text
    # The old day comes: not yet. The new day comes (moved into the past here): the hearing is held.
    RightsRecord.objects.filter(case=case, kind="hearing_notice").update(
        hearing_at=timezone.now() - dt.timedelta(days=3))
    early = _right(api, boss, case, kind="hearing_held", content="听证记录")
    assert early.status_code == 400 and _error(early)[0] == "invalid_date"
    RightsRecord.objects.filter(case=case, kind="hearing_postponed").update(
        hearing_at=timezone.now() - dt.timedelta(days=1))
    held = _right(api, boss, case, kind="hearing_held", content="当事人代理人到场陈述")
    assert held.status_code == 201 and held.json()["rights"]["hearing"]["code"] == "held"


def test_a_hearing_may_be_postponed_twice_and_the_place_may_change(api, users):
    boss = users["commander"]
    case, _first = _noticed(api, boss)
    today = timezone.localdate()
    for days, place in ((10, ""), (14, "区政务服务中心二楼听证室")):
        at = working_days_after(today, days)
        response = _right(api, boss, case, kind="hearing_postponed", hearing_at=f"{at}T09:00", content="延期",
                          place=place)
        assert response.status_code == 201, response.content
    assert "区政务服务中心二楼听证室" in response.json()["rights"]["hearing"]["text"]
    assert [d["kind"] for d in response.json()["documents"]].count("hearing_postponed") == 2


def test_bad_postponements_are_a_400_on_the_field_and_save_nothing(api, users):
    boss = users["commander"]
    today = timezone.localdate()
    case, first = _noticed(api, boss)
    later = f"{working_days_after(today, 12)}T09:00"
    for body, code, field in (
        ({"hearing_at": later}, "reason_required", "content"),
        ({"hearing_at": f"{first}T08:00", "content": "延期"}, "hearing_not_later", "hearing_at"),
        ({"hearing_at": f"{working_days_after(today, 7)}T08:00", "content": "延期"}, "hearing_not_later", "hearing_at"),
        ({"content": "延期"}, "date_required", "hearing_at"),
        ({"hearing_at": later, "content": "延期", "on": str(today + dt.timedelta(days=1))}, "date_in_future", "on"),
    ):
        response = _right(api, boss, case, kind="hearing_postponed", **body)
        assert response.status_code == 400 and _error(response)[0] == code and field in _error(response)[1], body
    # the hearing was due yesterday: too late to postpone it now
    RightsRecord.objects.filter(case=case, kind="hearing_notice").update(
        hearing_at=timezone.now() - dt.timedelta(days=1))
    late = _right(api, boss, case, kind="hearing_postponed", hearing_at=later, content="延期")
    assert late.status_code == 400 and _error(late)[0] == "invalid_date" and "on" in _error(late)[1]
    assert not RightsRecord.objects.filter(case=case, kind="hearing_postponed").exists()
    assert not case.documents.filter(kind="hearing_postponed").exists()
    other, _first = _noticed(api, boss)
    RightsRecord.objects.filter(case=other, kind="hearing_notice").delete()
    none = _right(api, boss, other, kind="hearing_postponed", hearing_at=later, content="延期")
    assert none.status_code == 400 and _error(none)[0] == "hearing_not_noticed"


def test_the_case_page_offers_the_postponement(api, users):
    boss = users["commander"]
    case, _first = _noticed(api, boss)
    client = Client()
    client.force_login(boss)
    page = client.get(reverse("registry:enforcement-cases-detail", kwargs={"uuid": case.uuid})).content.decode()
    assert '<option value="hearing_postponed">听证延期</option>' in page
    at = working_days_after(timezone.localdate(), 11)
    posted = client.post(reverse("enforcement:case-rights", kwargs={"uuid": case.uuid}),
                         {"kind": "hearing_postponed", "hearing_at": f"{at}T10:00", "content": "听证主持人回避"})
    assert posted.status_code == 302
    page = client.get(reverse("registry:enforcement-cases-detail", kwargs={"uuid": case.uuid})).content.decode()
    assert 'data-right="hearing" data-code="postponed"' in page and "听证主持人回避" in page
