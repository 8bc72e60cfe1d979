"""Partners push documents (部门来文) with their files: validated, idempotent by the partner's id, all or nothing,
within the partner's region; on the incident's timeline and on the 部门来文 page, the file downloadable."""

import base64
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from yingji.core.models import Attachment
from yingji.demo.townships import township
from yingji.exchange import keys, services
from yingji.exchange.models import PartnerDocument

pytestmark = pytest.mark.django_db
URL = "/api/exchange/documents/"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
LAOCHI = township("老池镇")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def incident(users):
    from yingji.incidents.services import create_incident

    now = timezone.now()
    return create_incident(actor=users["duty"], now=now, data={
        "type_code": "1.1.1", "occurred_at": now - timedelta(minutes=40), "received_at": now - timedelta(minutes=10),
        "lon": LAOCHI.seat[0] + 0.002, "lat": LAOCHI.seat[1] + 0.001, "statement": "老池镇场镇暴雨积水"})


def _sender(api, region, scopes=("documents:write",), code="t-docs"):
    partner, _secret = services.create_partner(actor=None, code=code, name="区水利局业务系统", region=region,
                                               scopes=list(scopes))
    made = api()
    made.credentials(HTTP_AUTHORIZATION=f"Partner {keys.issue(actor=None, partner=partner)[1]}")
    return made


def _body(**changes):
    return {"id": "SL-2026-031", "title": "关于加强涪江沿线防汛值守的通知", "number": "船水发〔2026〕31号",
            "category": "notice", "issued_on": "2026-07-05", "summary": "请各镇加强堤防巡查。",
            "files": [{"name": "通知.pdf", "content": base64.b64encode(PDF).decode()}], **changes}


def test_a_document_is_kept_once_with_its_file_and_is_on_the_timeline(api, client, users, regions, incident):
    sender = _sender(api, regions["district"])
    first = sender.post(URL, _body(incident=str(incident.uuid)), format="json")
    assert first.status_code == 201, first.json()
    again = sender.post(URL, _body(incident=str(incident.uuid), title="改过的标题"), format="json")
    assert again.status_code == 200 and again.json() == first.json()
    document = PartnerDocument.objects.get()
    assert document.title == "关于加强涪江沿线防汛值守的通知" and document.region == incident.region
    entry = incident.timeline.get(kind="partner_doc")
    assert entry.title == "部门来文：关于加强涪江沿线防汛值守的通知" and "船水发〔2026〕31号" in entry.body
    client.force_login(users["commander"])
    page = client.get("/exchange/documents/").content.decode()
    assert "关于加强涪江沿线防汛值守的通知" in page and "通知.pdf" in page
    attachment = Attachment.objects.get(object_id=document.pk, content_type__model="partnerdocument")
    url = reverse("core:attachment", kwargs={"uuid": attachment.uuid})
    assert url in page
    download = client.get(url)
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF


@pytest.mark.parametrize(("changes", "code", "field"), [
    ({"files": [{"name": "a.pdf", "content": "不是base64!"}]}, "invalid_base64", "files.0.content"),
    ({"files": [{"name": "a.exe", "content": base64.b64encode(b"MZ\x90\x00evil").decode()}]},
     "file_type_not_allowed", "files.0.content"),
    ({"category": "secret"}, "invalid_choice", "category"),
    ({"incident": "6f1c2f7e-0000-4000-8000-000000000000"}, "unknown_incident", "incident"),
    ({"title": ""}, "blank", "title"),
    ({"issued_on": "0001-01-01"}, "date_out_of_range", "issued_on"),
])
def test_bad_documents_are_refused_by_field_and_nothing_is_kept(api, regions, changes, code, field):
    reply = _sender(api, regions["district"]).post(URL, _body(**changes), format="json")
    assert reply.status_code == 400, reply.json()
    assert reply.json()["error"]["code"] == code and field in reply.json()["error"]["fields"]
    assert not PartnerDocument.objects.exists() and not Attachment.objects.filter(
        content_type__model="partnerdocument").exists()


def test_scope_and_region_are_checked(api, regions, incident):
    no_scope = _sender(api, regions["district"], scopes=("incidents:write",)).post(URL, _body(), format="json")
    assert no_scope.status_code == 403 and no_scope.json()["error"]["code"] == "scope_not_allowed"
    elsewhere = _sender(api, regions["longfeng"], code="t-longfeng").post(
        URL, _body(incident=str(incident.uuid)), format="json")  # 老池镇's incident, a 龙凤镇 partner
    assert elsewhere.status_code == 403 and elsewhere.json()["error"]["code"] == "outside_partner_region"
    assert not PartnerDocument.objects.exists()
