"""/api/indicators/evaluations/: list, detail with versions, a draft for a year and kind, its text, submit, approve
by the director role, return with a reason, the DOCX; bad input a 400 naming its field, nothing half-made;
jurisdiction-scoped (a township officer sees none)."""

import io

import pytest
from docx import Document

from yingji.indicators.models import Evaluation

pytestmark = pytest.mark.django_db
BASE = "/api/indicators/evaluations/"


def _error(response):
    return response.json()["error"]["code"], list(response.json()["error"]["fields"])


def test_a_draft_through_approval_with_its_versions_and_docx(api, users):
    duty, commander, liaison = users["duty"], users["commander"], users["liaison-water"]
    made = api(duty).post(BASE, {"kind": "midterm", "summary": "总体顺利。"}, format="json")
    assert made.status_code == 201, made.content
    body = made.json()
    assert (body["kind"], body["year"], body["version"], body["status"]) == ("midterm", 2023, 1, "drafted")
    assert body["summary"] == "总体顺利。" and len(body["figures"]["rows"]) == 19
    assert [v["version"] for v in body["versions"]] == [1]
    uuid = body["uuid"]
    edited = api(duty).patch(f"{BASE}{uuid}/", {"problems": "乡镇专职人员不足。"}, format="json")
    assert edited.status_code == 200 and edited.json()["problems"] == "乡镇专职人员不足。"

    assert api(duty).post(f"{BASE}{uuid}/submit/", {}, format="json").json()["status"] == "submitted"
    denied = api(liaison).post(f"{BASE}{uuid}/approve/", {}, format="json")
    assert denied.status_code == 403 and denied.json()["error"]["code"] == "permission_denied"
    assert api(duty).post(f"{BASE}{uuid}/approve/", {}, format="json").status_code == 403
    no_reason = api(commander).post(f"{BASE}{uuid}/return/", {}, format="json")
    assert no_reason.status_code == 400 and _error(no_reason) == ("reason_required", ["reason"])
    approved = api(commander).post(f"{BASE}{uuid}/approve/", {}, format="json")
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    assert approved.json()["decided_by"]

    second = api(duty).post(BASE, {"kind": "midterm"}, format="json").json()
    assert second["version"] == 2 and second["summary"] == "总体顺利。"
    assert [v["version"] for v in second["versions"]] == [1, 2]
    again = api(duty).post(BASE, {"kind": "midterm"}, format="json")
    assert again.status_code == 409 and again.json()["error"]["code"] == "open_version"

    listing = api(liaison).get(BASE, {"kind": "midterm"}).json()
    assert [(r["version"], r["status"]) for r in listing] == [(2, "drafted"), (1, "approved")]
    assert api(liaison).get(BASE, {"kind": "final"}).json() == []

    response = api(liaison).get(f"{BASE}{uuid}/report.docx")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxml")
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "船山区应急体系规划中期评估报告（2023年）" in text and "第1版 · 已批准" in text


@pytest.mark.parametrize("data, code, field", [
    ({"kind": "weekly"}, "invalid_kind", "kind"), ({}, "invalid_kind", "kind"),
    ({"kind": "midterm", "year": 2024}, "invalid_year", "year"), ({"kind": "annual", "year": 2019}, "invalid_year",
                                                                   "year"),
    ({"kind": "annual", "year": "abc"}, "invalid_type", "year"),
    ({"kind": "final", "summary": "长" * 20001}, "too_long", "summary"),
])
def test_bad_input_is_a_400_naming_its_field_and_nothing_is_made(api, users, data, code, field):
    response = api(users["duty"]).post(BASE, data, format="json")
    assert response.status_code == 400 and _error(response) == (code, [field])
    assert not Evaluation.objects.exists()


def test_bad_filters_and_unknown_records(api, users):
    commander = users["commander"]
    assert _error(api(commander).get(BASE, {"kind": "weekly"})) == ("invalid_kind", ["kind"])
    assert _error(api(commander).get(BASE, {"year": "abc"})) == ("invalid_year", ["year"])
    missing = api(commander).get(f"{BASE}00000000-0000-0000-0000-000000000000/")
    assert missing.status_code == 404 and "error" in missing.json()


def test_who_may_draft_and_who_sees(api, users):
    refused = api(users["liaison-water"]).post(BASE, {"kind": "final"}, format="json")
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "permission_denied"
    uuid = api(users["duty"]).post(BASE, {"kind": "final"}, format="json").json()["uuid"]
    officer = api(users["township-guihua"])
    assert officer.get(BASE).json() == [] and officer.get(f"{BASE}{uuid}/").status_code == 404
    assert officer.get(f"{BASE}{uuid}/report.docx").status_code == 404
    assert api(users["grid-guihua-01"]).get(BASE).status_code == 403
    assert api().get(BASE).status_code in (401, 403)
    submitted = api(users["duty"]).post(f"{BASE}{uuid}/submit/", {}, format="json")
    assert submitted.status_code == 200
    late_edit = api(users["duty"]).patch(f"{BASE}{uuid}/", {"summary": "改"}, format="json")
    assert late_edit.status_code == 409 and late_edit.json()["error"]["code"] == "not_a_draft"
