"""Incoming CAP (issue 15 §1, §4–7, §9, §10, §13, §14): documents written for the tests (tests/alerts/cap_samples/) in
several languages and encodings, hostile ones, a signed one, CAP 1.1, EDXL-DE and <alerts> wrappers; through the
API (JSON text or the XML itself) and the upload page, as a duty officer would."""

import threading
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from yingji.alerts import incoming, services, signing
from yingji.alerts.models import IncomingCap, Warning
from yingji.demo.townships import township

pytestmark = pytest.mark.django_db
SAMPLES = Path(__file__).with_name("cap_samples")
API = "/api/alerts/incoming/"


def sample(name: str) -> bytes:
    return (SAMPLES / name).read_bytes()


def post_json(api, user, xml: str):
    return api(user).post(API, {"xml": xml}, format="json")


def post_xml(api, user, raw: bytes):
    return api(user).generic("POST", API, raw, content_type="application/cap+xml")


def receive(users, name: str) -> IncomingCap:
    [record] = incoming.receive(actor=users["duty"], xml=sample(name))
    return record


# §1 Any DOCTYPE is refused with a clear 400; nothing is expanded, read or fetched.

@pytest.mark.parametrize("name", ["hostile_internal_entity.xml", "hostile_xxe_file.xml",
                                  "hostile_billion_laughs.xml"])
def test_a_document_with_a_doctype_is_a_clear_400_by_api_and_page(name, api, client, users):
    reply = post_json(api, users["duty"], sample(name).decode())
    assert reply.status_code == 400, reply.content
    assert reply.json()["error"]["code"] == "cap_doctype" and "DOCTYPE" in reply.json()["error"]["message"]
    assert "root:" not in reply.content.decode()
    client.force_login(users["duty"])
    page = client.post("/alerts/incoming/", {"file": SimpleUploadedFile(name, sample(name))})
    assert page.status_code == 400 and "DOCTYPE" in page.content.decode()
    assert not IncomingCap.objects.filter(identifier__in=["ENTITY-0001", "XXE-0001"]).exists()


class _Watcher:
    """A local HTTP server that records every request it gets (an XXE target)."""

    def __init__(self):
        self.paths = []
        watcher = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                watcher.paths.append(self.path)
                self.send_response(200)
                self.end_headers()
                self.wfile.write(b'<!ENTITY leak "fetched">')

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


def test_external_entities_and_dtds_are_never_fetched(api, users):
    watcher = _Watcher()
    try:
        xml = sample("hostile_xxe_http.xml").decode().replace("PORT", str(watcher.port))
        reply = post_json(api, users["duty"], xml)
        raw_reply = post_xml(api, users["duty"], xml.encode())
    finally:
        watcher.server.shutdown()
    assert reply.status_code == raw_reply.status_code == 400
    assert reply.json()["error"]["code"] == "cap_doctype" and watcher.paths == []


# §4 Encodings: the bytes are kept as received, the text is proper Unicode, and so is a reissued draft.

ENCODED = [("es_iso8859_1.xml", "iso-8859-1", "ISO-8859-1", "Peñafiel"),
           ("zh_utf8_bom.xml", "utf-8", "UTF-8", "老池镇"),
           ("zh_gb18030.xml", "gb18030", "GB18030", "老池镇")]


@pytest.mark.parametrize("name, codec, declared, word", ENCODED)
@pytest.mark.parametrize("way", ["json", "xml", "page"])
def test_a_document_in_any_declared_encoding_is_stored_intact(name, codec, declared, word, way, api, client, users):
    raw = sample(name)
    if way == "json":  # a client sends the document's text, decoded as its declaration says
        reply = post_json(api, users["duty"], raw.decode(codec))
        assert reply.status_code == 201, reply.content
    elif way == "xml":
        assert post_xml(api, users["duty"], raw).status_code == 201
    else:
        client.force_login(users["duty"])
        assert client.post("/alerts/incoming/", {"file": SimpleUploadedFile(name, raw)}).status_code == 302
    record = IncomingCap.objects.latest("received")
    assert bytes(record.raw) == raw and record.encoding.upper() == declared
    assert word in record.infos[0]["description"] and word in record.xml and "\ufffd" not in record.xml
    client.force_login(users["duty"])
    assert client.get(f"/alerts/incoming/{record.uuid}/raw.xml").content == raw
    draft = incoming.reissue(actor=users["duty"], record=record)
    assert word in Warning.objects.get(pk=draft.pk).description


def test_text_that_its_declared_encoding_cannot_carry_is_refused_by_name(api, users):
    xml = sample("es_iso8859_1.xml").decode("iso-8859-1").replace("Peñafiel", "遂宁")
    reply = post_json(api, users["duty"], xml)
    assert reply.status_code == 400 and reply.json()["error"]["code"] == "encoding_mismatch"
    assert "ISO-8859-1" in reply.json()["error"]["message"]


# §5 Duplicates are keyed on (sender, identifier, sent).

def test_the_same_identifier_from_another_sender_is_a_different_message(api, users):
    assert post_xml(api, users["duty"], sample("en_alert.xml")).status_code == 201
    assert post_xml(api, users["duty"], sample("other_sender_same_id.xml")).status_code == 201
    again = post_xml(api, users["duty"], sample("en_alert.xml"))
    assert again.status_code == 400 and again.json()["error"]["code"] == "duplicate_cap"
    assert IncomingCap.objects.filter(identifier="SCMB-2026-0712-0001").count() == 2


# §6 Everything a message carries is kept.

def test_every_info_block_area_and_time_is_kept_with_its_language(users, client):
    record = receive(users, "zh_utf8_bom.xml")
    assert (record.status, record.msg_type, record.scope) == ("Actual", "Alert", "Public")
    assert [i["language"] for i in record.infos] == ["zh-CN", "en-US"] and record.language == "zh-CN"
    assert record.headline == "遂宁市气象台发布暴雨橙色预警信号"
    assert record.infos[1]["headline"] == "Orange rainstorm signal for Guihua and Laochi"
    area = record.infos[0]["areas"][0]
    assert area["polygons"][0][0] == [30.55, 105.55] and area["circles"] == [{"lat": 30.57, "lon": 105.58,
                                                                                "radius_km": 5.0}]
    assert area["geocodes"] == [{"name": "统计用区划和城乡划分代码", "value": "510903105000"}]
    assert record.effective == datetime(2026, 7, 31, 22, tzinfo=UTC) and record.expires.year == 2099
    client.force_login(users["duty"])
    page = client.get(f"/alerts/incoming/{record.uuid}/")
    shapes = page.context["area"]["features"]
    kinds = sorted(f["geometry"]["type"] for f in shapes)
    assert kinds[:2] == ["Point", "Polygon"] and any(f["properties"].get("geocode") == "510903105000" for f in shapes)
    assert 'lang="en-US"' in page.content.decode()


def test_a_test_message_keeps_its_status_and_is_never_reissued(users, client):
    record = receive(users, "en_test_status.xml")
    assert record.status == "Test"
    client.force_login(users["duty"])
    reply = client.post(f"/alerts/incoming/{record.uuid}/reissue/")
    assert reply.status_code == 302 and not Warning.objects.filter(headline__startswith="TEST").exists()
    page = client.get(f"/alerts/incoming/{record.uuid}/").content.decode()
    assert "测试" in page and "reissue-button" not in page


def test_an_update_and_a_cancel_close_the_stored_chain_and_withdraw_the_local_draft(users):
    first = receive(users, "en_alert.xml")
    draft = incoming.reissue(actor=users["duty"], record=first)
    update = receive(users, "en_update.xml")
    first.refresh_from_db()
    assert first.state == "updated" and first.replaced_by == update
    cancel = receive(users, "en_cancel.xml")
    first.refresh_from_db()
    update.refresh_from_db()
    assert first.state == update.state == "cancelled" and update.replaced_by == cancel
    assert not Warning.objects.filter(pk=draft.pk).exists() and first.reissued_as is None
    assert "本地转发草稿" in first.notice and "作废" in cancel.notice


def test_an_incoming_cancel_asks_for_the_published_reissue_to_be_cancelled(users, client):
    first = receive(users, "zh_utf8_bom.xml")
    local = incoming.reissue(actor=users["duty"], record=first)
    local = services.fire(services.fire(local, "submit", actor=users["duty"]), "review", actor=users["duty-chief"])
    local = services.fire(local, "sign", actor=users["commander"])
    upstream = b"51090041600000,51090041600000_20260801060000_1,2026-08-01T06:00:00+08:00"
    cancel = sample("en_cancel.xml").replace(
        b"warnings@sc-weather.example.cn,SCMB-2026-0712-0001,2026-07-12T08:00:00+08:00", upstream)
    incoming.receive(actor=users["duty"], xml=cancel)
    assert list(incoming.prompts()) == [IncomingCap.objects.get(pk=first.pk)]
    client.force_login(users["duty"])
    page = client.get("/alerts/incoming/").content.decode()
    assert "incoming-prompts" in page and "请解除本地转发的预警" in page
    assert "请解除本地转发的预警" in client.get("/todo/").content.decode()
    services.cancel(actor=users["commander"], reference=str(local.uuid), reason="上级已解除")
    assert list(incoming.prompts()) == []
    assert "请解除本地转发的预警" not in client.get("/todo/").content.decode()


# §7 Reissue: refused with a reason for cancels, tests and expired messages; long text is offered for editing.

@pytest.mark.parametrize("name, reason", [("en_cancel.xml", "解除"), ("en_test_status.xml", "测试"),
                                          ("en_expired.xml", "失效")])
def test_reissue_is_refused_with_the_reason(name, reason, users, client):
    record = receive(users, name)
    client.force_login(users["duty"])
    before = Warning.objects.count()
    reply = client.post(f"/alerts/incoming/{record.uuid}/reissue/", follow=True)
    assert reason in reply.content.decode() and Warning.objects.count() == before


def test_a_headline_over_the_local_limit_is_offered_for_editing_not_cut(users, client):
    record = receive(users, "en_long_headline.xml")
    client.force_login(users["duty"])
    offered = client.post(f"/alerts/incoming/{record.uuid}/reissue/")
    page = offered.content.decode()
    assert offered.status_code == 400 and "reissue-of" in page and "最多 200 字" in page
    assert record.headline in page and not Warning.objects.filter(source__contains="Sichuan").exists()
    form = offered.context["data"]
    edited = {**{k: v for k, v in form.items() if not isinstance(v, list)}, "headline": "遂宁暴雨橙色预警（转发）",
              "area_kind": "district"}
    saved = client.post(f"/alerts/incoming/{record.uuid}/reissue/", edited)
    assert saved.status_code == 302
    record.refresh_from_db()
    assert record.reissued_as.headline == "遂宁暴雨橙色预警（转发）"
    assert record.reissued_as.description.startswith("Heavy rain of 50 mm")


def test_a_chinese_warning_is_reissued_with_its_type_level_and_our_township(users):
    draft = incoming.reissue(actor=users["duty"], record=receive(users, "zh_utf8_bom.xml"))
    assert (draft.type_code, draft.level_enum.colour, draft.area_kind) == ("met.rainstorm", "orange", "regions")
    assert [r.code for r in draft.area_regions.all()] == [township("桂花镇").code]


def test_an_upstream_update_of_a_reissued_warning_becomes_a_local_update(users):
    first = receive(users, "en_alert.xml")
    local = incoming.reissue(actor=users["duty"], record=first)
    local = services.fire(services.fire(local, "submit", actor=users["duty"]), "review", actor=users["duty-chief"])
    local = services.fire(local, "sign", actor=users["commander"])
    update = receive(users, "en_update.xml")
    assert [p.pk for p in incoming.prompts()] == [first.pk] and "更新" in update.notice
    local_update = incoming.reissue(actor=users["duty"], record=update)
    assert local_update.msg_type == "Update" and local_update.references == local


# §9 Lengths are enforced by the service, whatever the database.

def test_a_262_character_identifier_is_refused_naming_the_element(api, users):
    reply = post_xml(api, users["duty"], sample("en_long_identifier.xml"))
    assert reply.status_code == 400 and reply.json()["error"]["code"] == "too_long"
    assert "<identifier>" in reply.json()["error"]["message"] and not IncomingCap.objects.filter(
        identifier__startswith="XXXX").exists()


# §13 CAP 1.1, EDXL-DE and <alerts> are accepted.

def test_cap_1_1_is_upgraded_and_wrappers_are_unwrapped(api, users):
    eleven = receive(users, "fr_cap11.xml")
    assert eleven.cap_version == "1.1" and eleven.infos[0]["certainty"] == "Likely"
    assert eleven.headline == "Vigilance orange vent violent : rafales à 120 km/h"
    edxl = receive(users, "pt_edxl_de.xml")
    assert edxl.envelope == "EDXL-DE" and edxl.language == "pt-PT" and edxl.sent.utcoffset().total_seconds() == 0
    reply = post_xml(api, users["duty"], sample("de_ja_alerts_wrapper.xml"))
    assert reply.status_code == 201
    records = reply.json()["records"]
    assert [r["language"] for r in records] == ["de-DE", "ja-JP"] and records[1]["headline"] == "新潟県に大雪警報"
    assert {r["envelope"] for r in records} == {"alerts"}


# §10 Signatures on incoming documents: valid, invalid, unsigned; trust by configured certificates.

def test_signatures_are_verified_and_shown(users, client, monkeypatch, warning_data, publish_flow):
    signed = receive(users, "zh_signed.xml")
    assert signed.signature == "valid" and "遂宁市气象台" in signed.signer and not signed.signer_trusted
    tampered = sample("zh_signed.xml").replace("35℃".encode(), "30℃".encode()).replace(b"093000_0", b"093000_1")
    [broken] = incoming.receive(actor=users["duty"], xml=tampered)
    assert broken.signature == "invalid"
    assert receive(users, "en_alert.xml").signature == "unsigned"
    client.force_login(users["duty"])
    assert "签名无效" in client.get(f"/alerts/incoming/{broken.uuid}/").content.decode()
    monkeypatch.setenv("YINGJI_CAP_TRUSTED_CERTS", str(SAMPLES / "zh_signed_signer.pem"))
    signing._trusted_fingerprints.cache_clear()
    try:
        again = sample("zh_signed.xml")
        IncomingCap.objects.filter(pk=signed.pk).delete()
        assert receive_bytes(users, again).signer_trusted
    finally:
        signing._trusted_fingerprints.cache_clear()
    ours = publish_flow(warning_data())
    [mine] = incoming.receive(actor=users["duty"], xml=ours.cap.xml)
    assert mine.signature == "valid" and mine.signer_trusted


def receive_bytes(users, raw: bytes) -> IncomingCap:
    [record] = incoming.receive(actor=users["duty"], xml=raw)
    return record


# §14 A GET API for incoming records, with filters.

def test_the_incoming_api_lists_and_filters_records(api, users):
    for name in ("en_alert.xml", "en_update.xml", "zh_signed.xml", "de_ja_alerts_wrapper.xml"):
        incoming.receive(actor=users["duty"], xml=sample(name))
    client = api(users["duty"])
    assert client.get(API).json()["count"] >= 5
    assert [r["identifier"] for r in client.get(API, {"msg_type": "Update"}).json()["results"]] == [
        "SCMB-2026-0712-0002"]
    assert [r["headline"] for r in client.get(API, {"language": "ja-JP"}).json()["results"]] == ["新潟県に大雪警報"]
    assert {r["signature"] for r in client.get(API, {"signature": "valid"}).json()["results"]} == {"valid"}
    assert client.get(API, {"sender": "warnings@sc-weather.example.cn", "state": "updated"}).json()["count"] == 1
    assert client.get(API, {"since": "2026-12-01T00:00:00+00:00"}).json()["count"] == 2
    bad = client.get(API, {"since": "next tuesday"})
    assert bad.status_code == 400 and bad.json()["error"]["fields"] == {"since": [bad.json()["error"]["message"]]}
    one = client.get(API, {"q": "大雪"}).json()["results"][0]
    detail = client.get(f"{API}{one['uuid']}/").json()
    assert detail["infos"][0]["language"] == "ja-JP" and "大雪警報" in detail["xml"]
    assert api(users["grid-guihua-01"]).get(API).status_code == 403


def test_the_senders_text_is_never_active_on_our_pages(users, client):
    hostile = sample("en_alert.xml").replace(b"https://sc-weather.example.cn/warnings/0001", b"javascript:alert(1)")
    [record] = incoming.receive(actor=users["duty"], xml=hostile)
    client.force_login(users["duty"])
    page = client.get(f"/alerts/incoming/{record.uuid}/").content.decode()
    assert "javascript:alert(1)" in page and 'href="javascript:' not in page
    raw = client.get(f"/alerts/incoming/{record.uuid}/raw.xml")
    assert raw["Content-Disposition"].startswith("attachment") and raw.content == hostile
