"""Our CAP documents and feeds as peers read them (issue 15 §2, §3, §9, §10, §12, §14): the feeds through feedparser,
signatures through signxml and capvalidator with the certificate published at /cap/certificate.pem."""

import feedparser
import pytest
from capvalidator.validate import Validator
from django.contrib.staticfiles import finders
from lxml import etree
from signxml import XMLVerifier
from signxml.exceptions import InvalidSignature

from yingji.alerts import cap, services

pytestmark = pytest.mark.django_db
NS = {"c": cap.NS, "ds": "http://www.w3.org/2000/09/xmldsig#"}
CAP_TYPE = "application/cap+xml"


def root_of(warning):
    return etree.fromstring(warning.cap.xml.encode())


def update(users, current, **changes):
    from yingji.alerts import forms

    data = {**forms.from_warning(current), **changes}
    draft = services.start_update(actor=users["duty"], reference=str(current.uuid), data=data)
    draft = services.fire(services.fire(draft, "submit", actor=users["duty"]), "review", actor=users["duty-chief"])
    return services.fire(draft, "sign", actor=users["commander"])


# §2 The feeds list the latest messages — Alert, Update and Cancel — newest first.

@pytest.mark.parametrize("path", ["/cap/feed.atom", "/cap/feed.rss"])
def test_a_feed_reader_sees_the_cancel_after_the_alert(path, client, users, warning_data, publish_flow):
    first = publish_flow(warning_data(headline="船山区暴雨红色预警（订阅测试）"))
    notice = services.cancel(actor=users["commander"], reference=first.cap.identifier, reason="降雨结束")
    reply = client.get(path)
    parsed = feedparser.parse(reply.content)
    assert not parsed.bozo, parsed.bozo_exception
    titles = [e.title for e in parsed.entries]
    assert titles.index(notice.headline) < titles.index(first.headline)  # newest first
    entry = parsed.entries[titles.index(notice.headline)]
    assert entry.tags[0].term == "Cancel"
    cap_links = [link.href for link in entry.links if link.get("type") == CAP_TYPE]
    assert cap_links and cap_links[0].endswith(f"/cap/{notice.cap.identifier}.xml")
    document = client.get(cap_links[0].split("testserver")[-1])
    assert document["Content-Type"].startswith(CAP_TYPE)
    assert etree.fromstring(document.content).findtext("c:msgType", namespaces=NS) == "Cancel"


# §3 An Update or Cancel references the whole chain it supersedes.

def test_a_cancel_after_an_update_references_the_whole_chain(users, warning_data, publish_flow):
    first = publish_flow(warning_data())
    second = update(users, first, description="雨势加强，预计 3 小时降雨量超过 150 毫米。")
    notice = services.cancel(actor=users["commander"], reference=second.cap.identifier, reason="降雨结束")
    sender = root_of(first).findtext("c:sender", namespaces=NS)
    expected = [f"{sender},{m.cap.identifier},{cap.cap_time(m.cap.sent)}" for m in (first, second)]
    assert root_of(second).findtext("c:references", namespaces=NS) == expected[0]
    assert root_of(notice).findtext("c:references", namespaces=NS).split(" ") == expected
    cap.validate(notice.cap.xml)


# §9 Geocode names by code; documents served as application/cap+xml.

def test_geocodes_are_named_by_their_code_system(users, warning_data, publish_flow):
    townships = publish_flow(warning_data())
    names = {g.findtext("c:valueName", namespaces=NS): g.findtext("c:value", namespaces=NS)
             for g in root_of(townships).iterfind("c:info/c:area/c:geocode", NS)}
    assert list(names) == ["统计用区划和城乡划分代码"] and len(names["统计用区划和城乡划分代码"]) == 12
    district = publish_flow(warning_data(area_kind="district", area_regions=[]))
    geocode = root_of(district).find("c:info/c:area/c:geocode", NS)
    assert (geocode.findtext("c:valueName", namespaces=NS), geocode.findtext("c:value", namespaces=NS)) == (
        "GB/T 2260", "510903")


# §10 Every published document is signed; the certificate is public.

def test_published_documents_are_signed_and_verify_with_the_public_certificate(client, warning_data, publish_flow):
    warning = publish_flow(warning_data())
    document = client.get(f"/cap/{warning.cap.identifier}.xml").content
    certificate = client.get("/cap/certificate.pem")
    assert certificate.status_code == 200 and certificate.content.startswith(b"-----BEGIN CERTIFICATE-----")
    root = etree.fromstring(document)
    method = root.find("ds:Signature/ds:SignedInfo/ds:SignatureMethod", NS).get("Algorithm")
    assert method == "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"
    XMLVerifier().verify(document, x509_cert=certificate.content.decode())
    assert Validator(document).schema()[0] and Validator(document).signature()[0]
    tampered = document.replace("红色".encode(), "蓝色".encode(), 1)
    with pytest.raises(InvalidSignature):
        XMLVerifier().verify(tampered, x509_cert=certificate.content.decode())


# §12 RSS beside Atom, both readable in a browser through XSL; zh-CN and, when filled, en-US info blocks.

def test_both_feeds_carry_a_stylesheet_a_browser_applies(client, warning_data, publish_flow):
    warning = publish_flow(warning_data(headline="船山区暴雨红色预警（样式测试）"))
    stylesheet = etree.XSLT(etree.parse(finders.find("alerts/cap-feed.xsl")))
    for path in ("/cap/feed.atom", "/cap/feed.rss"):
        body = client.get(path).content
        instruction = etree.fromstring(body).getroottree().getroot().getprevious()
        assert instruction is not None and instruction.target == "xml-stylesheet"
        assert instruction.get("href").endswith("cap-feed.xsl") and instruction.get("type") == "text/xsl"
        page = str(stylesheet(etree.fromstring(body).getroottree()))
        assert "船山区暴雨红色预警（样式测试）" in page and "<article" in page
    rss = feedparser.parse(client.get("/cap/feed.rss").content)
    item = next(e for e in rss.entries if e.title == warning.headline)
    assert item.enclosures[0].type == CAP_TYPE and item.id.endswith(warning.cap.identifier)


def test_english_content_is_published_as_an_en_us_block(client, users, warning_data, publish_flow):
    client.force_login(users["duty"])
    assert "english-section" in client.get("/alerts/new/").content.decode()
    half = client.post("/alerts/new/", warning_data(headline_en="Red rainstorm warning",
                                                    effective="2030-07-01T10:00", expires="2030-07-01T22:00"))
    assert half.status_code == 400 and "英文预警内容" in half.content.decode()
    warning = publish_flow(warning_data(headline_en="Chuanshan red rainstorm warning",
                                        description_en="Over 100 mm of rain is expected within 3 hours.",
                                        instructions_en="Stay indoors; keep away from rivers."))
    infos = root_of(warning).findall("c:info", NS)
    assert [i.findtext("c:language", namespaces=NS) for i in infos] == ["zh-CN", "en-US"]
    zh, en = infos
    assert zh.findtext("c:headline", namespaces=NS) == "船山区暴雨红色预警"
    assert en.findtext("c:headline", namespaces=NS) == "Chuanshan red rainstorm warning"
    assert en.findtext("c:instruction", namespaces=NS) == "Stay indoors; keep away from rivers."
    assert "暴雨" in zh.findtext("c:event", namespaces=NS) and "ainstorm" in en.findtext("c:event", namespaces=NS)
    notice = services.cancel(actor=users["commander"], reference=warning.cap.identifier, reason="降雨结束")
    en_cancel = root_of(notice).findall("c:info", NS)[1]
    assert en_cancel.findtext("c:headline", namespaces=NS) == "Cancelled: Chuanshan red rainstorm warning"
    cap.validate(notice.cap.xml)


def test_chinese_only_warnings_have_one_block(warning_data, publish_flow):
    assert len(root_of(publish_flow(warning_data())).findall("c:info", NS)) == 1


# §14 eventCode from the WMO event type list, web and contact.

def test_event_code_web_and_contact(client, warning_data, publish_flow, settings):
    warning = publish_flow(warning_data())
    info = root_of(warning).find("c:info", NS)
    code = info.find("c:eventCode", NS)
    assert (code.findtext("c:valueName", namespaces=NS), code.findtext("c:value", namespaces=NS)) == (
        "WMO_EVENT_TYPE", "Rain/Wet Spell")
    web = info.findtext("c:web", namespaces=NS)
    assert web == f"{settings.PUBLIC_URL}/cap/{warning.cap.identifier}.html"
    page = client.get(web.removeprefix(settings.PUBLIC_URL))
    assert page.status_code == 200 and warning.headline in page.content.decode()
    assert info.findtext("c:contact", namespaces=NS)
    other = publish_flow(warning_data(type_code="safety", level="yellow"))
    assert root_of(other).find("c:info/c:eventCode", NS) is None
