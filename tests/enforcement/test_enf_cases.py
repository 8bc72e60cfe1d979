"""行政处罚 cases: the steps as a table, 法制审核 for a 重大执法决定, the 听证 right over the threshold, each step's
legal deadline as a clock, the 告知书 and 决定书 as numbered documents, a step out of order a 400 on `event`, and
the case file (案卷) ZIP whose 目录 lists each file with its SHA-256."""

import csv
import datetime as dt
import hashlib
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone
from enf_helpers import body_of, docx_texts

from yingji.core.attachments import attach
from yingji.enforcement.cases import case_clocks
from yingji.enforcement.models import PenaltyCase, Target
from yingji.enforcement.rights import working_days_after

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _new_case(api, user, **fields):
    target = Target.objects.filter(status="active").order_by("code").first()
    body = {"name": "未按规定配备消防器材案", "region": target.region.code, "target": target.code,
            "party_type": "unit", "penalty_kind": "fine", "amount": "20000", "facts": "灭火器过期未更换",
            "legal_basis": "《中华人民共和国安全生产法》第九十九条", **fields}
    response = api(user).post("/api/enforcement/cases/", body, format="json")
    assert response.status_code == 201, response.content
    return PenaltyCase.objects.get(uuid=response.json()["uuid"])


def _step(api, user, case, event):
    return api(user).post(f"/api/enforcement/cases/{case.uuid}/transitions/", {"event": event}, format="json")


def _waive(api, user, case):
    """The party waives its 陈述申辩 (and 听证): the decision may follow at once (enforcement/rights.py)."""
    kinds = ["statement_waived", "hearing_waived"] if case.hearing_right else ["statement_waived"]
    for kind in kinds:
        response = api(user).post(f"/api/enforcement/cases/{case.uuid}/rights/", {"kind": kind}, format="json")
        assert response.status_code == 201, response.content


def _walk(api, user, case, *events):
    for event in events:
        if event == "decide":
            _waive(api, user, case)
        response = _step(api, user, case, event)
        assert response.status_code == 200, (event, response.content)
    return response.json()


def test_a_case_runs_from_filing_to_closing_with_its_notice_and_decision(api, users):
    boss = users["commander"]
    case = _new_case(api, boss)
    assert case.state == "filed" and case.filed_on == timezone.localdate() and not case.is_major
    body = _walk(api, boss, case, "investigate", "review", "notify")
    assert body["state"] == "notified" and [d["kind"] for d in body["documents"]] == ["penalty_notice"]
    notice = docx_texts(body_of(api(boss).get(body["documents"][0]["download"])))
    assert "行政处罚告知书" in notice and "陈述和申辩" in notice and "20,000.00" in notice
    assert "听证" not in notice  # 2 万元 for a unit is under the threshold
    _walk(api, boss, case, "decide", "serve")
    paid = api(boss).post(f"/api/enforcement/cases/{case.uuid}/payments/", {"amount": "20000", "receipt_no": "JK-1"},
                          format="json")
    assert paid.status_code == 201, paid.content  # 执行 waits for the fine (test_enf_payments.py)
    body = _walk(api, boss, case, "execute", "close")
    assert body["state"] == "closed" and [d["kind"] for d in body["documents"]] == ["penalty_notice",
                                                                                   "penalty_decision"]
    year = timezone.localdate().year
    assert body["documents"][1]["number"].startswith(f"船应急罚决〔{year}〕")


def test_a_step_out_of_order_is_a_400_on_event_and_changes_nothing(api, users):
    case = _new_case(api, users["commander"])
    response = _step(api, users["commander"], case, "decide")
    assert response.status_code == 400 and response.json()["error"]["code"] == "invalid_transition"
    assert "event" in str(response.json()["error"]["fields"])
    case.refresh_from_db()
    assert case.state == "filed" and not case.documents.exists()


def test_a_major_case_needs_the_legal_review_before_the_notice_and_has_a_hearing_right(api, users):
    boss = users["commander"]
    case = _new_case(api, boss, amount="200000")
    assert case.is_major and case.hearing_right
    _walk(api, boss, case, "investigate", "review")
    refused = _step(api, boss, case, "notify")
    assert refused.status_code == 400 and refused.json()["error"]["code"] == "legal_review_required"
    assert "event" in str(refused.json()["error"]["fields"])
    body = _walk(api, boss, case, "legal_review", "notify")
    assert body["hearing_right"] and body["is_major"]
    notice = docx_texts(body_of(api(boss).get(body["documents"][0]["download"])))
    assert "要求举行听证" in notice
    assert [c["what"][:4] for c in body["clocks"]] == ["陈述申辩", "申请听证", "作出处罚"]


def test_a_minor_case_has_no_legal_review_step(api, users):
    case = _new_case(api, users["commander"])
    _walk(api, users["commander"], case, "investigate", "review")
    response = _step(api, users["commander"], case, "legal_review")
    assert response.status_code == 400 and response.json()["error"]["code"] == "legal_review_not_needed"


@override_settings(YINGJI_ENFORCEMENT={"hearing_threshold_unit": 10000, "legal_review_threshold": 15000})
def test_the_thresholds_are_configuration(api, users):
    case = _new_case(api, users["commander"])
    assert case.hearing_right and case.is_major


def test_each_step_has_its_legal_deadline_as_a_clock(api, users):
    boss = users["commander"]
    case = _new_case(api, boss)
    today = timezone.localdate()
    [decide] = case_clocks(case)
    assert decide.deadline == today + dt.timedelta(days=90) and decide.state == "running"
    assert case_clocks(case, today + dt.timedelta(days=89))[0].state == "amber"
    assert case_clocks(case, today + dt.timedelta(days=91))[0].state == "overdue"
    _walk(api, boss, case, "investigate", "review", "notify", "decide")
    case.refresh_from_db()
    assert [c.deadline for c in case_clocks(case)] == [working_days_after(today, 7)]  # 第八十五条: 工作日
    _walk(api, boss, case, "serve")
    case.refresh_from_db()
    assert [(c.deadline - today).days for c in case_clocks(case)] == [15]


def test_a_bad_case_is_a_400_on_the_field(api, users):
    target = Target.objects.filter(status="active").order_by("code").first()
    response = api(users["commander"]).post("/api/enforcement/cases/", {
        "name": "x", "region": target.region.code, "target": target.code, "penalty_kind": "fine", "amount": "0"},
        format="json")
    assert response.status_code == 400 and "amount" in str(response.json()["error"]["fields"])


def test_the_case_file_is_one_zip_whose_index_lists_every_file_with_its_sha256(api, users):
    boss = users["commander"]
    case = _new_case(api, boss)
    attach(actor=boss, record=case, upload=SimpleUploadedFile("现场照片.png", PNG), kind="other")
    _walk(api, boss, case, "investigate", "review", "notify", "decide")
    response = api(boss).get(f"/api/enforcement/cases/{case.uuid}/file/")
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    rows = list(csv.DictReader(io.StringIO(archive.read("目录.csv").decode("utf-8-sig"))))
    assert len(rows) == 3 and {r["校验"] for r in rows} == {"一致"}
    for row in rows:
        assert hashlib.sha256(archive.read(row["文件名"])).hexdigest() == row["SHA-256"]
    assert {r["文号"][:5] for r in rows if r["文号"]} == {"船应急罚告", "船应急罚决"}
    assert any(r["文件名"].endswith("现场照片.png") for r in rows)


def test_the_case_page_shows_the_step_buttons_clocks_and_the_zip_link(users, api):
    case = _new_case(api, users["commander"])
    client = Client()
    client.force_login(users["commander"])
    url = reverse("registry:enforcement-cases-detail", kwargs={"uuid": case.uuid})
    page = client.get(url).content.decode()
    assert 'id="case-investigate"' in page and 'data-clock="running"' in page and 'id="case-file"' in page
    bad = client.post(reverse("enforcement:case-step", kwargs={"uuid": case.uuid}), {"event": "close"})
    assert bad.status_code == 400 and 'data-code="invalid_transition"' in bad.content.decode()
    assert client.post(reverse("enforcement:case-step", kwargs={"uuid": case.uuid}),
                       {"event": "investigate"}).status_code == 302
    assert 'data-state="investigating"' in client.get(url).content.decode()


def test_a_case_filed_from_an_inspected_task_carries_the_tasks_documents_into_the_case_file(api, users):
    from enf_helpers import inspected_task, open_task

    boss = users["commander"]
    early = api(boss).post(f"/api/enforcement/tasks/{open_task().uuid}/case/", {"penalty_kind": "fine",
                                                                               "amount": "5000"}, format="json")
    assert early.status_code == 400 and early.json()["error"]["code"] == "task_not_inspected"
    task = inspected_task(api, boss, note="未设置警示标志")
    assert api(boss).post(f"/api/enforcement/tasks/{task.uuid}/record/", format="json").status_code == 201
    bad = api(boss).post(f"/api/enforcement/tasks/{task.uuid}/case/", {"penalty_kind": "fine", "amount": "abc"},
                         format="json")
    assert bad.status_code == 400 and "amount" in str(bad.json()["error"]["fields"])
    assert not PenaltyCase.objects.filter(task=task).exists()
    response = api(boss).post(f"/api/enforcement/tasks/{task.uuid}/case/", {"penalty_kind": "fine",
                                                                           "amount": "5000"}, format="json")
    assert response.status_code == 201, response.content
    case = PenaltyCase.objects.get(uuid=response.json()["uuid"])
    assert case.target_id == task.target_id and case.state == "filed"
    archive = zipfile.ZipFile(io.BytesIO(api(boss).get(f"/api/enforcement/cases/{case.uuid}/file/").content))
    rows = list(csv.DictReader(io.StringIO(archive.read("目录.csv").decode("utf-8-sig"))))
    assert [r["文号"][:5] for r in rows] == ["船应急检记"]
