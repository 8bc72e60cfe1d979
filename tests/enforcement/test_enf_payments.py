"""缴纳罚款: a fine case records its payments (amount, date, receipt number); the step 执行完毕 waits until the fine
— and, when paid late, its 加处罚款 — is paid in full; the 加处罚款 (configurable: 3 % a day, at most the fine, not in
shared/STANDARDS.md) is shown on the case page and in the API; the 决定书 states the configured rule; bad input is a
400 on the field and saves nothing."""

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone
from enf_helpers import body_of, docx_texts

from yingji.core.models import AuditEntry
from yingji.enforcement.models import PenaltyCase, PenaltyPayment, Target

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _step(api, user, case, event):
    return api(user).post(f"/api/enforcement/cases/{case.uuid}/transitions/", {"event": event}, format="json")


def _case(api, user, *, amount="20000", kind="fine", last="serve"):
    target = Target.objects.filter(status="active").order_by("code").first()
    response = api(user).post("/api/enforcement/cases/", {
        "name": "未按规定配备消防器材案", "region": target.region.code, "target": target.code, "party_type": "unit",
        "penalty_kind": kind, "amount": amount, "facts": "灭火器过期未更换"}, format="json")
    assert response.status_code == 201, response.content
    case = PenaltyCase.objects.get(uuid=response.json()["uuid"])
    for event in ("investigate", "review", "notify", "decide", "serve"):
        if event == "decide":
            waived = api(user).post(f"/api/enforcement/cases/{case.uuid}/rights/", {"kind": "statement_waived"},
                                    format="json")
            assert waived.status_code == 201, waived.content
        assert _step(api, user, case, event).status_code == 200, event
        if event == last:
            break
    case.refresh_from_db()
    return case


def _served_ago(case, days):
    PenaltyCase.objects.filter(pk=case.pk).update(served_on=timezone.localdate() - dt.timedelta(days=days),
                                                  decided_on=timezone.localdate() - dt.timedelta(days=days + 1))
    case.refresh_from_db()


def _pay(api, user, case, **body):
    return api(user).post(f"/api/enforcement/cases/{case.uuid}/payments/", body, format="json")


def _error(response):
    return response.json()["error"]["code"], str(response.json()["error"]["fields"])


def test_a_fine_is_executed_only_once_paid_in_full(api, users):
    boss = users["commander"]
    case = _case(api, boss)
    status = api(boss).get(f"/api/enforcement/cases/{case.uuid}/status/").json()
    assert status["payment"]["outstanding"] == "20000.00" and not status["payment"]["settled"]
    assert any(c["what"].startswith("缴纳罚款") for c in status["clocks"])
    refused = _step(api, boss, case, "execute")
    assert refused.status_code == 400 and _error(refused)[0] == "fine_unpaid" and "event" in _error(refused)[1]
    assert "尚欠20,000.00元" in refused.json()["error"]["message"]
    part = _pay(api, boss, case, amount="5000", receipt_no="JK-0001")
    assert part.status_code == 201 and part.json()["payment"]["outstanding"] == "15000.00"
    assert _step(api, boss, case, "execute").status_code == 400
    rest = _pay(api, boss, case, amount="15000.00", receipt_no="JK-0002", note="银行代收")
    body = rest.json()
    assert body["payment"]["settled"] and body["payment"]["late_fee"] == "0.00"
    assert [p["receipt_no"] for p in body["payments"]] == ["JK-0001", "JK-0002"]
    assert not any(c["what"].startswith("缴纳罚款") for c in body["clocks"]), "paid: no payment clock any more"
    assert _step(api, boss, case, "execute").json()["state"] == "executed"
    entry = AuditEntry.objects.filter(model="enforcement.PenaltyPayment").order_by("-id").first()
    assert entry is not None and "JK-0002" in str(entry.after)


def test_a_late_fine_carries_the_late_fee_which_must_be_paid_too(api, users):
    boss = users["commander"]
    case = _case(api, boss)
    _served_ago(case, 20)  # due 15 days after service: 5 days late today
    payment = api(boss).get(f"/api/enforcement/cases/{case.uuid}/status/").json()["payment"]
    assert payment["overdue_days"] == 5 and payment["late_fee"] == "3000.00"  # 20 000 × 3 % × 5
    assert payment["outstanding"] == "23000.00" and "逾期5日" in payment["text"]
    page = Client()
    page.force_login(boss)
    html = page.get(reverse("registry:enforcement-cases-detail", kwargs={"uuid": case.uuid})).content.decode()
    assert 'id="case-payment"' in html and "加处罚款3,000.00元" in html and 'id="payment-form"' in html
    assert _pay(api, boss, case, amount="20000", receipt_no="JK-0101").status_code == 201
    assert _error(_step(api, boss, case, "execute"))[0] == "fine_unpaid"
    assert _pay(api, boss, case, amount="3000", receipt_no="JK-0102").json()["payment"]["settled"]
    assert _step(api, boss, case, "execute").status_code == 200


def test_the_late_fee_never_exceeds_the_fine_and_is_configuration(api, users):
    boss = users["commander"]
    case = _case(api, boss)
    _served_ago(case, 90)
    status = api(boss).get(f"/api/enforcement/cases/{case.uuid}/status/").json()["payment"]
    assert status["late_fee"] == "20000.00" and status["outstanding"] == "40000.00"
    with override_settings(YINGJI_ENFORCEMENT={"late_fee_percent_per_day": 0}):
        off = api(boss).get(f"/api/enforcement/cases/{case.uuid}/status/").json()["payment"]
        assert off["late_fee"] == "0.00" and off["outstanding"] == "20000.00"
    with override_settings(YINGJI_ENFORCEMENT={"late_fee_percent_per_day": 1, "late_fee_cap_percent": 50}):
        assert api(boss).get(f"/api/enforcement/cases/{case.uuid}/status/").json()["payment"]["late_fee"] == "10000.00"


def test_the_decision_states_the_configured_late_fee(api, users):
    boss = users["commander"]
    case = _case(api, boss, last="decide")
    [decision] = case.documents.filter(kind="penalty_decision")
    text = docx_texts(body_of(api(boss).get(f"/api/enforcement/documents/{decision.uuid}/")))
    assert "每日按罚款数额的3%加处罚款" in text and "不超出罚款的数额" in text
    with override_settings(YINGJI_ENFORCEMENT={"late_fee_percent_per_day": 0}):
        other = _case(api, boss, amount="30000", last="decide")
        [decision] = other.documents.filter(kind="penalty_decision")
        assert "加处罚款" not in docx_texts(body_of(api(boss).get(f"/api/enforcement/documents/{decision.uuid}/")))


def test_bad_payments_are_a_400_on_the_field_and_save_nothing(api, users):
    boss = users["commander"]
    case = _case(api, boss)
    today = timezone.localdate()
    assert _pay(api, boss, case, amount="100", receipt_no="JK-0201").status_code == 201
    for body, code, field in (
        ({"amount": "abc", "receipt_no": "X1"}, "invalid_amount", "amount"),
        ({"amount": "-5", "receipt_no": "X1"}, "invalid_amount", "amount"),
        ({"amount": "1.234", "receipt_no": "X1"}, "invalid_amount", "amount"),
        ({"amount": "100"}, "receipt_required", "receipt_no"),
        ({"amount": "100", "receipt_no": "JK-0201"}, "receipt_exists", "receipt_no"),
        ({"amount": "100", "receipt_no": "X1", "paid_on": str(today + dt.timedelta(days=1))}, "date_in_future",
         "paid_on"),
        ({"amount": "100", "receipt_no": "X1", "paid_on": str(case.decided_on - dt.timedelta(days=1))},
         "invalid_date", "paid_on"),
        ({"amount": "19900.01", "receipt_no": "X1"}, "amount_exceeds_outstanding", "amount"),
    ):
        response = _pay(api, boss, case, **body)
        assert response.status_code == 400 and _error(response)[0] == code and field in _error(response)[1], body
    assert list(PenaltyPayment.objects.filter(case=case).values_list("amount", flat=True)) == [Decimal("100.00")]
    warning = _case(api, boss, kind="warning", amount="0")
    assert _error(_pay(api, boss, warning, amount="100", receipt_no="X2"))[0] == "no_fine"
    early = _case(api, boss, amount="30000", last="notify")
    assert _error(_pay(api, boss, early, amount="100", receipt_no="X3"))[0] == "invalid_transition"


def test_the_case_page_records_a_payment_from_its_form(users, api):
    boss = users["commander"]
    case = _case(api, boss)
    client = Client()
    client.force_login(boss)
    response = client.post(reverse("enforcement:case-payment", kwargs={"uuid": case.uuid}),
                           {"amount": "20000", "paid_on": str(timezone.localdate()), "receipt_no": "JK-0301"})
    assert response.status_code == 302 and response["Location"].endswith("#case-payment")
    html = client.get(response["Location"].split("#")[0]).content.decode()
    assert 'data-settled="1"' in html and "JK-0301" in html and 'id="payment-form"' not in html
    bad = client.post(reverse("enforcement:case-payment", kwargs={"uuid": case.uuid}), {"amount": "1"})
    assert bad.status_code == 400 and "receipt_required" in bad.content.decode()
