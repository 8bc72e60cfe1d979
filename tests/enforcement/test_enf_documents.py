"""执法文书: the 现场检查记录 of an inspected task as a DOCX with its 文号 (船应急检记〔年〕N号 per kind and year, never
reused), kept as an attachment whose SHA-256 is in the audit trail; a document out of order is a 400 on the field;
the numbering under concurrency is in test_enf_numbering_race.py (PostgreSQL)."""

import hashlib
import re

import pytest
from django.utils import timezone
from enf_helpers import body_of, docx_texts, inspected_task, open_task

from yingji.core.models import AuditEntry
from yingji.enforcement import documents
from yingji.enforcement.choices import DocumentKind
from yingji.enforcement.models import IssuedDocument

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _record(api, user, task):
    return api(user).post(f"/api/enforcement/tasks/{task.uuid}/record/", format="json")


def test_the_inspection_record_is_a_numbered_docx_kept_with_its_sha256_in_the_audit_trail(api, users):
    task = inspected_task(api, users["commander"], note="灭火器过期")
    response = _record(api, users["commander"], task)
    assert response.status_code == 201, response.content
    body = response.json()
    year = timezone.localdate().year
    # the counter lives outside the test's transaction on PostgreSQL (never reused), so the serial is not always 1
    assert body["kind"] == "record" and re.fullmatch(rf"船应急检记〔{year}〕[1-9]\d*号", body["number"])
    download = api(users["commander"]).get(body["download"])
    assert download.status_code == 200
    content = body_of(download)
    assert hashlib.sha256(content).hexdigest() == body["sha256"]
    text = docx_texts(content)
    assert "现场检查记录" in text and body["number"] in text and task.target.enterprise.name in text
    assert "不合格" in text and "灭火器过期" in text and "执法证号" in text
    entry = AuditEntry.objects.filter(model="core.Attachment").order_by("-id").first()
    assert entry is not None and body["sha256"] in str(entry.after)


def test_a_record_before_the_inspection_or_twice_is_a_400_on_task_and_takes_no_document(api, users):
    task = open_task()
    before = _record(api, users["commander"], task)
    assert before.status_code == 400 and before.json()["error"]["code"] == "task_not_inspected"
    assert "task" in str(before.json()["error"]["fields"])
    task = inspected_task(api, users["commander"])
    assert _record(api, users["commander"], task).status_code == 201
    again = _record(api, users["commander"], task)
    assert again.status_code == 400 and again.json()["error"]["code"] == "document_exists"
    assert IssuedDocument.objects.filter(task=task).count() == 1


def test_numbers_run_per_kind_and_year_and_a_failed_issue_never_gives_its_number_again():
    year = 2031
    assert [documents.next_serial(DocumentKind.ORDER, year) for _ in range(3)] == [1, 2, 3]
    assert documents.next_serial(DocumentKind.RECHECK, year) == 1
    assert documents.next_serial(DocumentKind.ORDER, year + 1) == 1
    assert documents.number_text(DocumentKind.ORDER, year, 4) == "船应急责改〔2031〕4号"


def test_another_user_outside_the_township_cannot_download(api, users):
    task = inspected_task(api, users["commander"])
    body = _record(api, users["commander"], task).json()
    outsider = next((u for u in users.values() if u.role == "township_admin" and u.region_id
                     and not task.region.path.startswith(u.region.path)), None)
    if outsider is None:
        pytest.skip("no township officer outside the task's township in the demo")
    assert api(outsider).get(body["download"]).status_code == 404
