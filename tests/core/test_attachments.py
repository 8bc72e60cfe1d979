"""Attachments (core/attachments.py): a bad file names the field `file` and leaves nothing behind (no row, no file),
a good one keeps its SHA-256 in the audit entry, and a download is only for users who may see the owner record."""

import hashlib
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from yingji.core import filetypes
from yingji.core.accounts_services import issue_token
from yingji.core.models import Attachment, AuditEntry
from yingji.prevention.models import Hazard

pytestmark = pytest.mark.django_db

JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 200
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def attached():
    """The attachments made by this test (the demo has its own: the services app's filed documents)."""
    before = set(Attachment.objects.values_list("pk", flat=True))
    return lambda: Attachment.objects.exclude(pk__in=before)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _stored_files(root):
    return [p for p in root.rglob("*") if p.is_file()]


def _hazard(region):
    return Hazard.objects.filter(region__path__startswith=region.path).first()


def _office(part):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(part, "<x/>")
    return buffer.getvalue()


def _post(api, user, hazard, content, name="photo.jpg", kind="before"):
    upload = SimpleUploadedFile(name, content, content_type="image/jpeg")
    return api(user).post(f"/api/prevention/hazards/{hazard.uuid}/attachments/", {"file": upload, "kind": kind},
                          format="multipart")


@pytest.mark.parametrize(("content", "expected"), [
    (JPEG, filetypes.JPEG), (PNG, filetypes.PNG), (b"%PDF-1.7\n", filetypes.PDF),
    (_office("word/document.xml"), filetypes.DOCX), (_office("xl/workbook.xml"), filetypes.XLSX),
    (_office("other.txt"), None), (b"PK\x03\x04broken", None), (b"<html>", None), (b"", None)])
def test_a_file_is_known_by_its_first_bytes(content, expected):
    assert filetypes.sniff(SimpleUploadedFile("x.jpg", content)) == expected


def test_a_photo_is_stored_with_its_sha256_in_the_audit_entry(api, client, users, regions, _media):
    hazard, officer = _hazard(regions["guihua"]), users["township-guihua"]
    response = _post(api, officer, hazard, JPEG)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["sha256"] == hashlib.sha256(JPEG).hexdigest() and body["kind_label"] == "整改前照片"
    entry = AuditEntry.objects.filter(model="core.Attachment").latest("id")
    assert hashlib.sha256(JPEG).hexdigest() in entry.after and entry.actor_name == "township-guihua"
    assert len(_stored_files(_media)) == 1
    listed = api(officer).get(f"/api/prevention/hazards/{hazard.uuid}/attachments/").json()
    assert [item["original_name"] for item in listed] == ["photo.jpg"]
    token = issue_token(user=officer).key  # an API client downloads with its token
    download = client.get(body["url"], HTTP_AUTHORIZATION=f"Token {token}")
    assert download.status_code == 200 and b"".join(download.streaming_content) == JPEG
    assert download["Content-Type"] == "image/jpeg"
    assert client.get(body["url"]).status_code == 302  # no session, no token: to the login page


@pytest.mark.parametrize(("content", "code"), [
    (b"MZ\x90\x00 an executable", "file_type_not_allowed"),
    (_office("other.txt"), "file_type_not_allowed"),
    (JPEG + b"\x00" * 2048, "file_too_large"),
])
def test_a_bad_file_is_a_400_on_file_and_nothing_is_kept(attached, api, users, regions, settings, _media, content,
                                                         code):
    settings.ATTACHMENT_MAX_BYTES = 1024
    hazard, entries = _hazard(regions["guihua"]), AuditEntry.objects.count()
    response = _post(api, users["township-guihua"], hazard, content)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == code and "file" in error["fields"]
    assert not attached().exists() and _stored_files(_media) == []
    assert AuditEntry.objects.count() == entries


def test_no_file_and_an_unknown_kind_name_their_fields(api, users, regions):
    hazard, officer = _hazard(regions["guihua"]), users["township-guihua"]
    missing = api(officer).post(f"/api/prevention/hazards/{hazard.uuid}/attachments/", {"kind": "before"},
                                format="multipart").json()["error"]
    assert missing["code"] == "file_required" and "file" in missing["fields"]
    assert _post(api, officer, hazard, JPEG, kind="selfie").json()["error"]["fields"].keys() == {"kind"}


def test_a_failure_while_saving_leaves_no_file(attached, users, regions, _media, monkeypatch):
    from yingji.core import attachments

    def broken(*args, **kwargs):
        raise RuntimeError("database gone")

    monkeypatch.setattr(attachments, "_audit", broken)
    with pytest.raises(RuntimeError):
        attachments.attach(actor=users["township-guihua"], record=_hazard(regions["guihua"]),
                           upload=SimpleUploadedFile("a.png", PNG), kind="after")
    assert not attached().exists() and _stored_files(_media) == []


def test_outside_the_users_reach_the_record_and_its_files_are_404(api, client, users, regions):
    hazard = _hazard(regions["guihua"])
    url = _post(api, users["township-guihua"], hazard, JPEG).json()["url"]
    other = users["township-longfeng"]
    client.force_login(other)
    assert client.get(url).status_code == 404
    assert api(other).get(f"/api/prevention/hazards/{hazard.uuid}/attachments/").status_code == 404
    assert _post(api, other, hazard, JPEG).status_code == 404
    client.force_login(users["observer"])
    assert client.get(url).status_code == 200  # reads everything, uploads nothing
    assert _post(api, users["observer"], hazard, JPEG).status_code == 403


def test_the_hazard_page_shows_the_photos_and_uploads_through_its_form(attached, client, users, regions, _media):
    hazard, officer = _hazard(regions["guihua"]), users["township-guihua"]
    client.force_login(officer)
    page = f"/r/prevention/hazards/{hazard.uuid}/"
    assert "没有附件" in client.get(page).content.decode()
    upload = f"/core/attachments/prevention/hazard/{hazard.uuid}/"
    refused = client.post(upload, {"kind": "after", "file": SimpleUploadedFile("a.txt", b"hello")}, follow=True)
    assert "附件未上传：只能上传" in refused.content.decode() and not attached().exists()
    done = client.post(upload, {"kind": "after", "file": SimpleUploadedFile("after.png", PNG)}, follow=True)
    html = done.content.decode()
    item = attached().get()
    assert "已上传附件：after.png" in html and f'<img src="/core/attachments/{item.uuid}/"' in html
    assert "整改后照片" in html
    client.force_login(users["township-longfeng"])
    assert client.post(upload, {"kind": "after", "file": SimpleUploadedFile("b.png", PNG)}).status_code == 404


def test_media_files_are_not_served_directly(client, users, regions, _media):
    client.force_login(users["township-guihua"])
    assert client.get("/media/attachments/x").status_code == 404
