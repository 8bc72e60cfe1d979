"""Plan filing (应急管理部令第2号) through the API: the enterprise submits, the bureau returns it once for a missing
document, the enterprise completes it and resubmits, the bureau files it and the 备案登记表 downloads; bad files and
another enterprise's case are refused with a code and nothing is saved."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from yingji.core.models import Attachment
from yingji.services.models import ServiceCase

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"


def pdf(name="plan.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def _submit(api, user, **files):
    body = {"plan_name": "测试化工生产安全事故应急预案", "issued_on": "2026-11-20", "evaluated_on": "2026-11-10",
            "special_plans": "泄漏专项应急预案", "onsite_plans": "储罐区现场处置方案", **files}
    return api(user).post("/api/services/filings/", body, format="multipart")


def test_filing_returned_once_then_filed_and_the_form_downloads(api, users):
    enterprise, bureau = users["enterprise"], users["inspector"]
    response = _submit(api, enterprise, plan_general=pdf(), plan_special=pdf(), plan_onsite=pdf())
    assert response.status_code == 201, response.json()
    case = response.json()
    assert case["state"] == "submitted" and case["number"].startswith("BJ") and case["enterprise"] == "QY-HX-01"
    assert case["clock"]["state"] in ("running", "amber") and case["clock"]["working_days_left"] in (19, 20)
    assert case["missing_documents"] == ["plan_evaluation"] and case["next_steps"] == []
    url = f"/api/services/cases/{case['uuid']}/"

    refused = api(bureau).post(url + "transitions/", {"event": "file"}, format="json")
    assert refused.status_code == 400 and refused.json()["error"]["code"] == "document_missing"
    assert "评审" in refused.json()["error"]["message"]
    no_reason = api(bureau).post(url + "transitions/", {"event": "return"}, format="json")
    assert no_reason.json()["error"]["code"] == "reason_required"
    returned = api(bureau).post(url + "transitions/", {"event": "return", "reason": "缺少评审意见"}, format="json")
    assert returned.json()["state"] == "returned" and returned.json()["clock"]["state"] == "stopped"
    own_step = api(enterprise).post(url + "transitions/", {"event": "file"}, format="json")
    assert own_step.status_code == 400 and own_step.json()["error"]["code"] == "invalid_transition"

    added = api(enterprise).post(url + "documents/", {"kind": "plan_evaluation", "file": pdf("评审意见.pdf")},
                                 format="multipart")
    assert added.status_code == 201 and added.json()["kind_label"] == "应急预案评审（论证）意见"
    again = api(enterprise).post(url + "transitions/", {"event": "resubmit"}, format="json").json()
    assert again["state"] == "submitted" and again["missing_documents"] == [] and again["returned_count"] == 1
    assert api(enterprise).post(url + "messages/", {"text": "已补充评审意见"}, format="json").status_code == 201

    filed = api(bureau).post(url + "transitions/", {"event": "file"}, format="json").json()
    assert filed["state"] == "done" and filed["filing_number"].startswith("510903-") and filed["clock"] is None
    detail = api(enterprise).get(url).json()
    assert [s["event"] for s in detail["steps"]] == ["submit", "return", "resubmit", "file"]
    assert detail["messages"][0]["from_enterprise"] is True

    docx = api(enterprise).get(url + "filing-form/")
    assert docx.status_code == 200 and docx["Content-Type"].startswith("application/vnd.openxmlformats")
    text = zipfile.ZipFile(io.BytesIO(docx.content)).read("word/document.xml").decode()
    assert "应急预案备案登记表" in text and "遂宁川中精细化工有限公司" in text and filed["filing_number"] in text
    assert "予以备案" in text

    drill = api(enterprise).post(url + "drills/", {"plan_kind": "onsite", "held_on": "2026-12-01"}, format="json")
    assert drill.status_code == 201
    late = api(enterprise).post(url + "drills/", {"plan_kind": "onsite", "held_on": "2099-01-01"}, format="json")
    assert late.json()["error"]["code"] in ("date_in_future", "invalid_date")


@pytest.mark.parametrize("upload, code", [
    (SimpleUploadedFile("plan.txt", b"just text", content_type="text/plain"), "file_type_not_allowed"),
    (None, "document_missing"),
])
def test_bad_files_are_refused_on_their_field_and_nothing_is_saved(api, users, upload, code):
    before, files = (ServiceCase.objects.count(), Attachment.objects.count()), {}
    if upload is not None:
        files = {"plan_general": upload, "plan_special": pdf()}
    response = _submit(api, users["enterprise"], **files)
    assert response.status_code == 400 and response.json()["error"]["code"] == code
    assert "plan_general" in response.json()["error"]["fields"]
    assert (ServiceCase.objects.count(), Attachment.objects.count()) == before


def test_a_file_too_large_is_refused(api, users, settings):
    settings.ATTACHMENT_MAX_BYTES = 10
    response = _submit(api, users["enterprise"], plan_general=pdf())
    assert response.status_code == 400 and response.json()["error"]["code"] == "file_too_large"


def test_an_application_for_another_enterprise_is_a_404(api, users):
    response = _submit(api, users["enterprise"], plan_general=pdf(), enterprise="QY-HX-02")
    assert response.status_code == 404 and response.json()["error"]["code"] == "enterprise_not_found"
    bad_date = _submit(api, users["enterprise"], plan_general=pdf(), issued_on="2026-13-40")
    assert bad_date.json()["error"]["code"] == "invalid_date"


def test_an_enterprise_never_sees_another_enterprises_case(api, users, client):
    theirs = ServiceCase.objects.filter(enterprise__code="QY-HX-02").first()
    assert theirs is not None
    for user in ("enterprise", "enterprise-b"):
        response = api(users[user]).get(f"/api/services/cases/{theirs.uuid}/")
        assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"
        listed = api(users[user]).get("/api/services/cases/").json()
        assert {row["enterprise"] for row in listed} <= {"QY-HX-01"}
        client.force_login(users[user])
        assert client.get(f"/services/cases/{theirs.uuid}/").status_code == 404
    assert api(users["enterprise-2"]).get(f"/api/services/cases/{theirs.uuid}/").status_code == 200
    message = api(users["enterprise"]).post(f"/api/services/cases/{theirs.uuid}/messages/", {"text": "x"},
                                            format="json")
    assert message.status_code == 404


def test_two_accounts_of_one_enterprise_share_its_cases(api, users):
    case = _submit(api, users["enterprise"], plan_general=pdf()).json()
    assert api(users["enterprise-b"]).get(f"/api/services/cases/{case['uuid']}/").status_code == 200


def test_the_public_lookup_shows_the_state_and_no_names(api, users):
    case = ServiceCase.objects.filter(state="returned").select_related("enterprise").first()
    body = api(None).get(f"/api/services/lookup/{case.code}/").json()
    assert body["state"] == "returned" and body["state_label"] == "退回补正" and body["number"] == case.code
    assert case.enterprise.name not in str(body) and case.enterprise.credit_code not in str(body)
    missing = api(None).get("/api/services/lookup/BJ00000000-0000/")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "case_not_found"
    page = api(None).get("/services/lookup/", {"number": case.code}).content.decode()
    assert "退回补正" in page and case.enterprise.name not in page
