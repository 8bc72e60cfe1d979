"""The participants' signatures of the 现场检查记录: the two inspectors and the party's person in charge draw theirs
on the phone, and each is embedded in the DOCX after its name (read back with python-docx: the very images drawn);
a party who refuses to sign (当事人拒绝签字) is recorded with the inspectors' note of what happened and, when a witness
is present, the witness's drawn signature — and the DOCX says so; a refusal without a note, a witness or an
inspector who does not sign is a 400 on the field and saves nothing."""

import base64
import io
import uuid

import pytest
from django.test import Client
from django.urls import reverse
from docx import Document
from enf_helpers import body_of, docx_images, docx_texts, open_task, real_png

from yingji.core.models import Attachment
from yingji.enforcement.inspections import items_for
from yingji.enforcement.models import Finding, InspectionTask

pytestmark = pytest.mark.django_db
PARTY, LEAD, SECOND = real_png(40), real_png(41), real_png(42)  # three different drawings


def _url(png):
    return "data:image/png;base64," + base64.b64encode(png).decode()


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _onsite(client, task, **changes):
    items = list(items_for(task))
    body = {"submission_key": str(uuid.uuid4()), "party_signer": "王现场", "signature": _url(PARTY),
            "signature_lead": _url(LEAD), "signature_second": _url(SECOND), "lon": "105.5931", "lat": "30.5207",
            f"result-{items[0].code}": "fail", f"note-{items[0].code}": "安全出口锁闭",
            **{f"result-{i.code}": "pass" for i in items[1:]}, **changes}
    return client.post(reverse("enforcement:onsite", kwargs={"uuid": task.uuid}), body)


def _kinds(task):
    return sorted(Attachment.objects.filter(object_id=task.pk, content_type__model="inspectiontask")
                  .values_list("kind", flat=True))


def _record_docx(api, user, task) -> bytes:
    response = api(user).post(f"/api/enforcement/tasks/{task.uuid}/record/", format="json")
    assert response.status_code == 201, response.content
    return body_of(api(user).get(response.json()["download"]))


def _pictures_after(content: bytes) -> dict[str, int]:
    """Each paragraph holding a picture: its text (the caption) → how many pictures."""
    document = Document(io.BytesIO(content))
    return {p.text: len(p._p.xpath(".//pic:pic")) for p in document.paragraphs if p._p.xpath(".//pic:pic")}


def test_the_drawn_signatures_are_embedded_in_the_inspection_record(api, users):
    boss, task = users["commander"], open_task()
    assert _onsite(_client(boss), task).status_code == 302
    task.refresh_from_db()
    assert _kinds(task) == ["inspector_signature", "inspector_signature", "signature"]
    content = _record_docx(api, boss, task)
    text = docx_texts(content)
    assert "拒绝签字" not in text
    lead, second = task.lead_inspector, task.second_inspector
    assert _pictures_after(content) == {
        f"执法人员{lead.name}（执法证号：{lead.certificate_no}）（签名）：": 1,
        f"执法人员{second.name}（执法证号：{second.certificate_no}）（签名）：": 1,
        "被检查单位现场负责人王现场（签名）：": 1}
    assert sorted(docx_images(content)) == sorted([PARTY, LEAD, SECOND]), "the images drawn, as they were drawn"


def test_a_refusal_with_a_witness_is_recorded_with_the_witness_signature_and_said_in_the_record(api, users):
    boss, task = users["commander"], open_task()
    response = _onsite(_client(boss), task, party_refused="1", refusal_note="负责人看过检查结果后拒绝签字",
                       witness="张见证")
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.state == "done" and task.party_refused and task.witness == "张见证"
    assert task.refusal_note == "负责人看过检查结果后拒绝签字"
    assert _kinds(task) == ["inspector_signature", "inspector_signature", "witness_signature"]
    content = _record_docx(api, boss, task)
    text = docx_texts(content)
    assert "被检查单位现场负责人王现场拒绝签字。拒签情况：负责人看过检查结果后拒绝签字" in text
    assert _pictures_after(content)["见证人张见证（签名）："] == 1 and PARTY in docx_images(content)
    page = _client(boss).get(reverse("registry:enforcement-tasks-detail", kwargs={"uuid": task.uuid})).content.decode()
    assert 'id="task-signature" data-refused="1"' in page and "张见证" in page


def test_a_refusal_without_a_witness_needs_only_the_note(api, users):
    boss, task = users["commander"], open_task()
    assert _onsite(_client(boss), task, party_refused="1", refusal_note="拒绝签字，无其他人员在场",
                   signature="").status_code == 302
    task.refresh_from_db()
    assert task.party_refused and _kinds(task) == ["inspector_signature", "inspector_signature"]
    content = _record_docx(api, boss, task)
    assert "无见证人在场" in docx_texts(content) and len(_pictures_after(content)) == 2


def test_a_record_of_an_inspection_entered_without_the_phone_leaves_room_to_sign(api, users):
    from enf_helpers import inspected_task

    boss = users["commander"]
    task = inspected_task(api, boss)
    content = _record_docx(api, boss, task)
    assert "被检查单位现场负责人（签名）：" in docx_texts(content) and docx_images(content) == []


@pytest.mark.parametrize("changes, code, field", [
    ({"party_refused": "1", "refusal_note": " "}, "refusal_note_required", "refusal_note"),
    ({"party_refused": "1", "refusal_note": "拒签", "witness": "张见证", "signature": ""},
     "witness_signature_required", "signature"),
    ({"party_refused": "1", "refusal_note": "拒签", "signature_lead": ""}, "inspector_signature_required",
     "signature_lead"),
    ({"party_refused": "1", "refusal_note": "拒签", "signature_second": "data:image/png;base64,AAAA"},
     "invalid_signature", "signature_second"),
])
def test_a_refusal_without_its_note_or_a_signature_is_a_400_and_saves_nothing(users, changes, code, field):
    task = open_task()
    response = _onsite(_client(users["commander"]), task, **changes)
    text = response.content.decode()
    assert response.status_code == 400 and f'data-code="{code}"' in text and field in text
    assert InspectionTask.objects.get(pk=task.pk).state == "assigned" and not Finding.objects.filter(task=task).exists()
    assert _kinds(task) == []
    assert 'name="party_refused" value="1" id="f-refused" checked' in text, "the refusal stays ticked"
    assert 'id="onsite-refusal" hidden' not in text
