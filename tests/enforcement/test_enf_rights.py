"""陈述申辩 and 听证 as recorded steps of a penalty case: the decision waits until each right is settled (made,
waived, its working-day period over, or the requested hearing held); the 听证通知 comes ≥7 working days before the
hearing and issues the numbered 听证通知书; the 陈述申辩笔录 and 听证笔录 join the case file; bad input is a 400 on
the field and saves nothing."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from enf_helpers import body_of, docx_texts

from yingji.core.models import Attachment
from yingji.enforcement.models import PenaltyCase, RightsRecord, Target
from yingji.enforcement.rights import working_days_after

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _notified(api, user, amount="20000"):
    target = Target.objects.filter(status="active").order_by("code").first()
    response = api(user).post("/api/enforcement/cases/", {
        "name": "未按规定配备消防器材案", "region": target.region.code, "target": target.code, "party_type": "unit",
        "penalty_kind": "fine", "amount": amount, "facts": "灭火器过期未更换"}, format="json")
    assert response.status_code == 201, response.content
    case = PenaltyCase.objects.get(uuid=response.json()["uuid"])
    events = ["investigate", "review", *(["legal_review"] if case.is_major else []), "notify"]
    for event in events:
        assert _step(api, user, case, event).status_code == 200
    case.refresh_from_db()
    return case


def _step(api, user, case, event):
    return api(user).post(f"/api/enforcement/cases/{case.uuid}/transitions/", {"event": event}, format="json")


def _right(api, user, case, **body):
    return api(user).post(f"/api/enforcement/cases/{case.uuid}/rights/", body, format="json")


def _error(response):
    return response.json()["error"]["code"], str(response.json()["error"]["fields"])


def _back(case, days):
    """As if the 告知书 had been served `days` ago."""
    PenaltyCase.objects.filter(pk=case.pk).update(notified_on=timezone.localdate() - dt.timedelta(days=days))
    case.refresh_from_db()


def _decision_text(api, user, body):
    [decision] = [d for d in body["documents"] if d["kind"] == "penalty_decision"]
    return docx_texts(body_of(api(user).get(decision["download"])))


def test_the_decision_waits_for_the_statement_which_is_recorded_with_its_minutes(api, users):
    boss = users["commander"]
    case = _notified(api, boss)
    today = timezone.localdate()
    status = api(boss).get(f"/api/enforcement/cases/{case.uuid}/status/").json()
    assert status["rights"]["statement"]["code"] == "open" and status["rights"]["hearing"]["code"] == "none"
    assert status["clocks"][0]["deadline"] == f"{working_days_after(today, 3):%Y-%m-%d}"
    assert "3个工作日" in status["clocks"][0]["what"]
    early = _step(api, boss, case, "decide")
    assert early.status_code == 400 and _error(early)[0] == "statement_period_open" and "event" in _error(early)[1]
    empty = _right(api, boss, case, kind="statement")
    assert empty.status_code == 400 and _error(empty) [0] == "content_required" and "content" in _error(empty)[1]
    made = _right(api, boss, case, kind="statement", content="灭火器已于次日更换，请求从轻处罚")
    assert made.status_code == 201 and made.json()["rights"]["statement"]["code"] == "made"
    minutes = Attachment.objects.filter(object_id=case.pk, original_name__startswith="陈述申辩笔录").get()
    assert minutes.sha256
    body = _step(api, boss, case, "decide").json()
    assert body["state"] == "decided"
    assert "提出了陈述申辩，本机关已进行复核" in _decision_text(api, boss, body)


def test_when_the_period_is_over_the_decision_may_follow_and_a_late_statement_is_refused(api, users):
    boss = users["commander"]
    case = _notified(api, boss)
    _back(case, 10)
    late = _right(api, boss, case, kind="statement", content="迟到的申辩")
    assert late.status_code == 400 and _error(late)[0] == "period_over" and "on" in _error(late)[1]
    assert not RightsRecord.objects.filter(case=case).exists()
    body = _step(api, boss, case, "decide").json()
    assert body["state"] == "decided" and "在法定期限内未提出陈述申辩" in _decision_text(api, boss, body)


def test_a_requested_hearing_is_noticed_seven_working_days_ahead_and_held_before_the_decision(api, users):
    boss = users["commander"]
    case = _notified(api, boss, amount="200000")
    assert case.hearing_right
    assert _right(api, boss, case, kind="statement_waived").status_code == 201
    blocked = _step(api, boss, case, "decide")
    assert blocked.status_code == 400 and _error(blocked)[0] == "hearing_period_open"
    assert _right(api, boss, case, kind="hearing_request", content="要求听证").status_code == 201
    assert _error(_step(api, boss, case, "decide"))[0] == "hearing_not_held"
    today = timezone.localdate()
    soon = _right(api, boss, case, kind="hearing_notice", hearing_at=f"{today + dt.timedelta(days=2)}T09:30",
                  place="区应急管理局三楼会议室")
    assert soon.status_code == 400 and _error(soon)[0] == "hearing_too_soon" and "hearing_at" in _error(soon)[1]
    no_place = _right(api, boss, case, kind="hearing_notice", hearing_at=f"{working_days_after(today, 7)}T09:30")
    assert no_place.status_code == 400 and _error(no_place)[0] == "place_required"
    assert not case.documents.filter(kind="hearing_notice").exists(), "nothing half-saved"
    noticed = _right(api, boss, case, kind="hearing_notice", hearing_at=f"{working_days_after(today, 7)}T09:30",
                     place="区应急管理局三楼会议室")
    assert noticed.status_code == 201 and noticed.json()["rights"]["hearing"]["code"] == "noticed"
    [notice] = [d for d in noticed.json()["documents"] if d["kind"] == "hearing_notice"]
    assert notice["number"].startswith(f"船应急听通〔{today.year}〕")
    text = docx_texts(body_of(api(boss).get(notice["download"])))
    assert "听证通知书" in text and "区应急管理局三楼会议室" in text and "申请回避" in text
    assert any("举行听证" in c["what"] for c in noticed.json()["clocks"])
    too_early = _right(api, boss, case, kind="hearing_held", content="听证记录")
    assert too_early.status_code == 400 and _error(too_early)[0] == "invalid_date"
    # The hearing day comes (moved into the past here): the hearing is held and recorded, then the decision.
    past = timezone.now() - dt.timedelta(days=1)
    RightsRecord.objects.filter(case=case, kind="hearing_notice").update(hearing_at=past)
    held = _right(api, boss, case, kind="hearing_held", content="当事人到场陈述；调查人员出示证据")
    assert held.status_code == 201 and held.json()["rights"]["hearing"]["code"] == "held"
    assert Attachment.objects.filter(object_id=case.pk, original_name__startswith="听证笔录").exists()
    body = _step(api, boss, case, "decide").json()
    assert body["state"] == "decided" and "举行了听证" in _decision_text(api, boss, body)


def test_bad_rights_input_is_a_400_on_the_field_and_saves_nothing(api, users):
    boss = users["commander"]
    case = _notified(api, boss)
    for body, code, field in [({"kind": "appeal"}, "invalid_choice", "kind"),
                              ({"kind": "hearing_request"}, "no_hearing_right", "kind"),
                              ({"kind": "statement", "content": "x", "on": "2026-13-01"}, "invalid_date", "on"),
                              ({"kind": "statement", "content": "x", "on": f"{timezone.localdate() + dt.timedelta(1)}"},
                               "date_in_future", "on")]:
        response = _right(api, boss, case, **body)
        assert response.status_code == 400 and _error(response)[0] == code and field in _error(response)[1], body
    assert _right(api, boss, case, kind="statement_waived").status_code == 201
    again = _right(api, boss, case, kind="statement", content="又要申辩")
    assert again.status_code == 400 and _error(again)[0] == "already_recorded"
    assert RightsRecord.objects.filter(case=case).count() == 1
    _step(api, boss, case, "decide")
    after = _right(api, boss, case, kind="statement", content="决定之后")
    assert after.status_code == 400 and _error(after)[0] == "invalid_transition"
    assert _right(api, users["observer"], case, kind="statement_waived").status_code in (403, 404)


def test_the_case_page_shows_the_rights_and_records_one_from_its_form(api, users):
    boss = users["commander"]
    case = _notified(api, boss)
    client = Client()
    client.force_login(boss)
    url = reverse("registry:enforcement-cases-detail", kwargs={"uuid": case.uuid})
    page = client.get(url).content.decode()
    assert 'id="rights-form"' in page and 'data-right="statement" data-code="open"' in page
    post = reverse("enforcement:case-rights", kwargs={"uuid": case.uuid})
    bad = client.post(post, {"kind": "statement", "content": ""})
    assert bad.status_code == 400 and 'data-code="content_required"' in bad.content.decode()
    assert client.post(post, {"kind": "statement", "content": "已整改"}).status_code == 302
    page = client.get(url).content.decode()
    assert 'data-right="statement" data-code="made"' in page and "已整改" in page
