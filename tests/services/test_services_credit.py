"""Credit rules on fixed events, the lists' entry and exit, daily commitments, licences and the enterprise portal."""

import datetime as dt

import pytest
from django.utils import timezone

from yingji.prevention.models import Enterprise
from yingji.services import commitments, credit
from yingji.services.models import CreditListEntry, Licence, ServiceCase

pytestmark = pytest.mark.django_db


def _quiet_enterprise():
    """An enterprise outside the commitment duty, with no major hazards: only the recorded events count."""
    return Enterprise.objects.exclude(category__startswith="chem").exclude(credit_code="") \
        .exclude(hazards__grade="major").order_by("code").first()


def test_the_score_and_class_follow_the_rules_on_fixed_events(users):
    officer, enterprise = users["commander"], _quiet_enterprise()
    assert credit.record_of(enterprise).score == 100 and credit.record_of(enterprise).credit_class == "A"
    today = timezone.localdate()
    credit.record_event(actor=officer, enterprise=enterprise, kind="penalty", happened_on=today.isoformat())
    assert (credit.record_of(enterprise).score, credit.record_of(enterprise).credit_class) == (85, "B")
    credit.record_event(actor=officer, enterprise=enterprise, kind="penalty", happened_on=today - dt.timedelta(1))
    assert (credit.record_of(enterprise).score, credit.record_of(enterprise).credit_class) == (70, "C")
    credit.record_event(actor=officer, enterprise=enterprise, kind="accident", happened_on=today)
    record = credit.record_of(enterprise)
    assert (record.score, record.credit_class) == (45, "D")
    # D makes an inspection target 重点监管, twice a year in the enforcement plan (test_services_supervision.py)
    assert (record.supervision_class, record.supervision_per_year) in (("key", 2), ("", 0))
    assert ("行政处罚", 2, -30) in record.lines
    credit.record_event(actor=officer, enterprise=enterprise, kind="penalty", happened_on=today - dt.timedelta(800))
    assert credit.record_of(enterprise).score == 45  # outside the two-year window
    with pytest.raises(Exception) as bad:
        credit.record_event(actor=officer, enterprise=enterprise, kind="gossip", happened_on=today)
    assert bad.value.code == "invalid_event_kind"


def test_list_entry_and_exit_procedures(users):
    officer, enterprise = users["commander"], _quiet_enterprise()
    today = timezone.localdate()
    entry = credit.enter_list(actor=officer, enterprise=enterprise, list_kind="blacklist", reason="严重失信",
                              day=today - dt.timedelta(days=400))
    with pytest.raises(Exception) as twice:
        credit.enter_list(actor=officer, enterprise=enterprise, list_kind="blacklist", reason="again")
    assert twice.value.code == "already_listed"
    for _ in range(4):
        credit.record_event(actor=officer, enterprise=enterprise, kind="penalty", happened_on=today)
    with pytest.raises(Exception) as not_repaired:
        credit.exit_list(actor=officer, entry=entry, reason="已整改")
    assert not_repaired.value.code == "exit_not_eligible"
    watch = credit.enter_list(actor=officer, enterprise=enterprise, list_kind="watchlist", reason="多次处罚")
    with pytest.raises(Exception) as early:
        credit.exit_list(actor=officer, entry=watch, reason="已整改")
    assert early.value.code == "exit_too_early"
    credit.exit_list(actor=officer, entry=watch, reason="已整改", day=today + dt.timedelta(days=181))
    assert CreditListEntry.objects.get(pk=watch.pk).exited_on is not None


def test_credit_is_managed_in_reach_only(api, users):
    theirs = Enterprise.objects.filter(region__path__startswith=users["township-guihua"].region.path) \
        .exclude(credit_code="").first()
    response = api(users["township-longfeng"]).get(f"/api/services/credit/{theirs.code}/")
    assert response.status_code == 404 and response.json()["error"]["code"] == "enterprise_not_found"
    refused = api(users["enterprise"]).post(f"/api/services/credit/{theirs.code}/events/",
                                            {"kind": "honour", "happened_on": "2026-01-01"}, format="json")
    assert refused.status_code in (403, 404)


def test_the_demo_spreads_the_classes_across_a_to_d_and_lists_two(users):
    records = credit.records(Enterprise.objects.filter(code__startswith="QY-HX-"))
    assert {r.credit_class for r in records} == {"A", "B", "C", "D"}
    assert set(CreditListEntry.objects.values_list("list_kind", flat=True)) == {"blacklist", "watchlist"}


def test_daily_commitment_once_a_day_and_gaps_flagged_to_the_township(api, users):
    enterprise_user, officer = users["enterprise"], users["township-guihua"]
    own = Enterprise.objects.get(code="QY-HX-01")
    assert own in commitments.missing_today(officer)
    assert own not in commitments.missing_today(users["township-longfeng"])
    todo = api(officer).get("/api/services/commitments/missing/").json()
    assert "QY-HX-01" in {row["code"] for row in todo}
    body = {"risk_state": "low", "special_work": 1, "signed_by": own.legal_representative}
    made = api(enterprise_user).post("/api/services/commitments/", body, format="json")
    assert made.status_code == 201 and "低风险" in made.json()["statement"]
    again = api(enterprise_user).post("/api/services/commitments/", body, format="json")
    assert again.status_code == 400 and again.json()["error"]["code"] == "already_committed"
    assert own not in commitments.missing_today(officer)
    unsigned = api(users["enterprise-2"]).post("/api/services/commitments/", {"risk_state": "low"}, format="json")
    assert unsigned.json()["error"]["code"] in ("signer_required", "already_committed")
    assert commitments.gaps(own)  # the demo leaves gaps in the last 30 days


def test_licence_flow_to_a_certificate_with_expiry(api, users):
    from django.core.files.uploadedfile import SimpleUploadedFile

    pdf = b"%PDF-1.4\n%%EOF\n"
    files = {code: SimpleUploadedFile(f"{code}.pdf", pdf) for code in
             ("licence_application", "licence_premises", "licence_rules", "licence_staff")}
    created = api(users["enterprise"]).post("/api/services/licence-applications/",
                                            {"scope": "甲醇（不带储存）", **files}, format="multipart")
    assert created.status_code == 201, created.json()
    url = f"/api/services/cases/{created.json()['uuid']}/transitions/"
    bureau = api(users["inspector"])
    assert bureau.post(url, {"event": "accept"}, format="json").json()["state"] == "accepted"
    assert bureau.post(url, {"event": "site_check"}, format="json").json()["error"]["code"] == "note_required"
    assert bureau.post(url, {"event": "certify"}, format="json").json()["error"]["code"] == "invalid_transition"
    bureau.post(url, {"event": "site_check", "note": "符合条件"}, format="json")
    bureau.post(url, {"event": "approve"}, format="json")
    done = bureau.post(url, {"event": "certify"}, format="json").json()
    assert done["state"] == "done" and done["licence_number"].startswith("川遂船应急经")
    licence = Licence.objects.get(number=done["licence_number"])
    assert licence.expires_on.year == licence.issued_on.year + 3
    assert Licence.objects.filter(expires_on__lte=timezone.localdate() + dt.timedelta(days=90)).exists()  # demo


def test_the_portal_lists_the_enterprises_duties(api, users, client):
    duties = api(users["enterprise"]).get("/api/services/portal/").json()
    kinds = {d["kind"] for d in duties}
    assert {"filing", "commitment"} <= kinds  # 川中 has no filing yet and owes today's commitment
    client.force_login(users["enterprise-b"])
    page = client.get("/services/").content.decode()
    assert "应急预案备案" in page and "enterprise-b" in page and "遂宁川中精细化工有限公司" in page
    assert not ServiceCase.objects.filter(enterprise__code="QY-HX-01").exists()
    assert api(users["township-guihua"]).get("/api/services/portal/").status_code == 404
