"""The on-site inspection page (现场检查 on a phone): item results, photos, position and the party's drawn signature
in one step; a form re-sent with the same submission key (the offline queue, a double tap) records the inspection
once; a missing signature or a bad position is a 400 on the field and saves nothing. The offline journey itself is
tests/browser/test_enforcement_onsite_offline.py."""

import base64
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from enf_helpers import open_task

from yingji.core.models import Attachment
from yingji.enforcement.inspections import items_for
from yingji.enforcement.models import Finding, InspectionTask

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
SIGNATURE = "data:image/png;base64," + base64.b64encode(PNG).decode()
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 500


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _form(task, key, **changes):
    items = list(items_for(task))
    body = {"submission_key": key, "party_signer": "王现场", "signature": SIGNATURE, "signature_lead": SIGNATURE,
            "signature_second": SIGNATURE, "lon": "105.5931",
            "lat": "30.5207", f"result-{items[0].code}": "fail", f"note-{items[0].code}": "灭火器过期",
            **{f"result-{i.code}": "pass" for i in items[1:]}}
    body.update(changes)
    return body


def _attachments(task):
    return Attachment.objects.filter(object_id=task.pk, content_type__model="inspectiontask")


def test_a_form_sent_twice_records_one_inspection_with_photos_position_and_signature(users):
    from yingji.enforcement.indicators import internet_share

    before = internet_share(users["commander"])
    task = open_task()
    client = Client()
    client.force_login(users["commander"])
    url = reverse("enforcement:onsite", kwargs={"uuid": task.uuid})
    page = client.get(url).content.decode()
    assert 'id="onsite-signature"' in page and "data-offline-safe" in page and 'name="submission_key"' in page
    key = str(uuid.uuid4())
    for _ in range(2):  # the second is the offline queue sending again after a lost answer
        body = _form(task, key, photo=SimpleUploadedFile("现场.jpg", JPEG, content_type="image/jpeg"))
        response = client.post(url, body)
        assert response.status_code == 302 and response["Location"] == url
    task.refresh_from_db()
    assert task.state == "done" and task.party_signer == "王现场" and (task.lon, task.lat) == (105.5931, 30.5207)
    assert Finding.objects.filter(task=task).count() == len(items_for(task))
    assert Finding.objects.filter(task=task, result="fail", hazard__isnull=False).count() == 1
    kinds = sorted(_attachments(task).values_list("kind", flat=True))
    assert kinds == ["inspector_signature", "inspector_signature", "signature", "site_photo"]
    photo = _attachments(task).get(kind="site_photo")
    assert (photo.lon, photo.lat) == (105.5931, 30.5207) and photo.sha256
    after = internet_share(users["commander"])  # E.7 互联网+执法 counts it once
    assert (after["numerator"], after["denominator"]) == (before["numerator"] + 1, before["denominator"] + 1)


@pytest.mark.parametrize("changes, code, field", [
    ({"signature": ""}, "signature_required", "signature"),
    ({"signature": "data:image/png;base64,AAAA"}, "invalid_signature", "signature"),
    ({"party_signer": " "}, "signer_required", "party_signer"),
    ({"signature_second": ""}, "inspector_signature_required", "signature_second"),
    ({"lon": "东经105"}, "invalid_position", "lon"),
])
def test_a_bad_form_is_a_400_on_the_field_and_saves_nothing(users, changes, code, field):
    task = open_task()
    client = Client()
    client.force_login(users["commander"])
    response = client.post(reverse("enforcement:onsite", kwargs={"uuid": task.uuid}),
                           _form(task, str(uuid.uuid4()), **changes))
    text = response.content.decode()
    assert response.status_code == 400 and f'data-code="{code}"' in text and field in text
    assert InspectionTask.objects.get(pk=task.pk).state == "assigned"
    assert not Finding.objects.filter(task=task).exists() and not _attachments(task).exists()
    assert 'value="王现场"' in text or code == "signer_required", "the input is kept"
