"""Entered values: evidence required, approved by the director role, only approved values count."""

import pytest

from yingji.core.attachments import attachments_of
from yingji.indicators import status
from yingji.indicators.catalogue import BY_CODE
from yingji.indicators.models import IndicatorValue

VALUES = "/api/indicators/values/"


def _enter(api, user, evidence, **fields):
    data = {"code": "1.1", "year": 2024, "value": "9", "note": "区统计局年报", **fields}
    if evidence is not None:
        data["evidence"] = evidence
    return api(user).post(VALUES, data, format="multipart")


def _decide(api, user, uuid, event, **data):
    return api(user).post(f"{VALUES}{uuid}/{event}/", data, format="json")


def _row(code, user):
    return status.evaluate(BY_CODE[code], user)


def test_a_value_without_evidence_is_refused_and_nothing_saved(api, users):
    response = _enter(api, users["liaison-water"], None)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "evidence_required"
    assert "evidence" in response.json()["error"]["fields"]
    assert not IndicatorValue.objects.exists()


def test_a_file_that_is_not_a_document_is_refused_on_evidence(api, users):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = _enter(api, users["liaison-water"], SimpleUploadedFile("a.exe", b"MZ\x90\x00binary"))
    assert response.status_code == 400 and "evidence" in response.json()["error"]["fields"]
    assert not IndicatorValue.objects.exists()


def test_unapproved_values_do_not_count_approved_ones_do(api, users, evidence):
    liaison, commander = users["liaison-water"], users["commander"]
    base = _enter(api, liaison, evidence(), year=2020, value="10").json()
    now = _enter(api, liaison, evidence(), year=2024, value="8").json()
    assert now["status"] == "submitted"
    assert len(attachments_of(IndicatorValue.objects.get(uuid=now["uuid"]))) == 1
    assert (_row("1.1", commander)["status"], _row("1.1", commander)["value"]) == ("no_data", None)
    assert _decide(api, commander, now["uuid"], "approve").json()["status"] == "approved"
    row = _row("1.1", commander)
    assert (row["value"], row["year"], row["status"], row["note"]) == (8.0, 2024, "no_data", "缺少2020年基准值")
    _decide(api, commander, base["uuid"], "approve")
    row = _row("1.1", commander)
    assert (row["baseline"], row["status_label"]) == (10.0, "达标")  # 8 ≤ 10 × 90 %


def test_a_decrease_short_of_the_target_is_not_met(api, users, evidence):
    liaison, commander = users["liaison-water"], users["commander"]
    for year, value in ((2020, "10"), (2024, "9.5")):
        _decide(api, commander, _enter(api, liaison, evidence(), year=year, value=value).json()["uuid"], "approve")
    assert _row("1.1", commander)["status_label"] == "未达标"


def test_returned_values_do_not_count_and_need_a_reason(api, users, evidence):
    uuid = _enter(api, users["liaison-water"], evidence(), code="2.3", value="0.5").json()["uuid"]
    refused = _decide(api, users["commander"], uuid, "return")
    assert refused.status_code == 400 and refused.json()["error"]["fields"] == {"reason": ["请填写退回原因"]}
    assert _decide(api, users["commander"], uuid, "return", reason="与统计公报不符").json()["status"] == "returned"
    assert _row("2.3", users["commander"])["status"] == "no_data"


@pytest.mark.parametrize("who", ["liaison-water", "commander"])
def test_only_another_director_may_approve(api, users, evidence, who):
    author = users["commander"] if who == "commander" else users["liaison-water"]
    uuid = _enter(api, author, evidence()).json()["uuid"]
    response = _decide(api, users[who], uuid, "approve")
    assert response.status_code == 403
    assert IndicatorValue.objects.get(uuid=uuid).status == "submitted"


@pytest.mark.parametrize("fields, field, code", [
    ({"code": "2.5"}, "code", "not_entered"), ({"code": "9.9"}, "code", "unknown_indicator"),
    ({"year": 2019}, "year", "invalid_year"), ({"value": "多"}, "value", "invalid_value"),
    ({"value": "-1"}, "value", "invalid_value"),
])
def test_bad_input_names_its_field(api, users, evidence, fields, field, code):
    response = _enter(api, users["liaison-water"], evidence(), **fields)
    assert response.status_code == 400
    assert (response.json()["error"]["code"], list(response.json()["error"]["fields"])) == (code, [field])
    assert not IndicatorValue.objects.exists()


def test_a_grid_worker_may_not_enter(api, users, evidence):
    assert _enter(api, users["grid-guihua-01"], evidence()).status_code == 403


def test_a_past_years_value_is_entered_with_its_evidence_and_audited(api, users, evidence):
    import json

    from yingji.core.models import AuditEntry

    response = _enter(api, users["liaison-water"], evidence(), year=2021, note="2021年统计公报")
    record = IndicatorValue.objects.get(uuid=response.json()["uuid"])
    assert (record.year, record.entered_by, record.note) == (2021, users["liaison-water"], "2021年统计公报")
    _decide(api, users["commander"], record.uuid, "approve")
    entries = AuditEntry.objects.filter(model="indicators.IndicatorValue", object_id=str(record.pk)).order_by("at")
    assert entries.first().action == "create" and entries.first().actor_name == "liaison-water"
    approval = [e for e in entries if json.loads(e.after or "{}").get("status") == "approved"]
    assert len(approval) == 1 and approval[0].actor_name == "commander"
