"""Reading CAP documents from elsewhere, safely and completely.

- Hardened parsing (lxml): no entity expansion, no DTD loading, no network, no huge trees; a document with any
  DOCTYPE is refused (400 `cap_doctype`), so neither entity tricks nor XXE get anywhere.
- Encoding: bytes are decoded by the document's own BOM and declaration, and kept as received. Text (a JSON
  string, a pasted form field) is already decoded: it is turned back into the bytes its declaration names.
- Wrappers: an EDXL-DE distribution or an <alerts> list is unwrapped into its CAP alerts; CAP 1.1 is upgraded to 1.2
  (namespace, and 1.1's "Very Likely" certainty → "Likely"). The signature is checked on the alert as sent.
- Every alert is validated against the OASIS CAP 1.2 schema; `fields()` reads all that we keep.
"""

import codecs
import re
from dataclasses import dataclass, field

from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from lxml import etree

from yingji.core.errors import DomainError

from . import signing
from .cap import NS, check_schema

NS11 = "urn:oasis:names:tc:emergency:cap:1.1"
CAP_NAMESPACES = {NS: "1.2", NS11: "1.1"}
ROOT_START = re.compile(r"<[A-Za-z_:\u00c0-\uffff]")
DECLARATION = re.compile(r"""^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""")
BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def _malformed(message: str, code: str = "malformed_cap") -> DomainError:
    return DomainError(code, message, field="xml")


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True, dtd_validation=False,
                           huge_tree=False)


def as_bytes(xml: str | bytes) -> bytes:
    """The document's bytes: as given, or text encoded back into the encoding its declaration names."""
    if isinstance(xml, bytes | bytearray | memoryview):
        return bytes(xml)
    text = str(xml or "")
    declared = DECLARATION.match(text.lstrip("\ufeff"))
    encoding = declared.group(1) if declared else "utf-8"
    try:
        return text.encode(encoding)
    except LookupError as exc:
        raise _malformed(_("不支持的字符编码：%(e)s") % {"e": encoding}) from exc
    except UnicodeEncodeError as exc:
        message = _("文档声明的编码是 %(e)s，但内容含有该编码无法表示的字符（第 %(p)d 个字符）；请按声明的编码上传原始"
                    "文件，或改正声明") % {"e": encoding, "p": exc.start + 1}
        raise _malformed(message, "encoding_mismatch") from exc


def _text(raw: bytes, encoding: str) -> str:
    for bom, codec in BOMS:
        if raw.startswith(bom):
            return raw.decode(codec)
    try:
        return raw.decode(encoding or "utf-8")
    except (LookupError, UnicodeDecodeError) as exc:
        raise _malformed(_("无法按声明的编码 %(e)s 解码：%(r)s") % {"e": encoding, "r": exc}) from exc


@dataclass
class Document:
    raw: bytes
    text: str
    encoding: str
    root: etree._Element


def _prolog(raw: bytes) -> str:
    """The text before the root element, read leniently (enough to see a DOCTYPE in any encoding)."""
    codec = next((c for bom, c in BOMS if raw.startswith(bom)), None)
    if codec is None:
        codec = "utf-16-le" if raw[1:2] == b"\0" else "utf-16-be" if raw[:1] == b"\0" else "latin-1"
    text = raw[:65536].decode(codec, errors="replace")
    root = ROOT_START.search(text)
    return text[:root.start()] if root else text


def parse_xml(raw: bytes) -> etree._Element:
    """Any XML from outside (a CAP document, a feed), hardened; DOCTYPE refused before anything is expanded."""
    if "<!DOCTYPE" in _prolog(raw).upper():
        raise _malformed(_("XML 文档不得含有 DOCTYPE（文档类型定义和实体声明），请去掉后重新提交"), "cap_doctype")
    try:
        root = etree.fromstring(raw, _parser())
    except etree.XMLSyntaxError as exc:
        raise _malformed(_("不是格式正确的 XML：%(r)s") % {"r": exc}) from exc
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None or docinfo.externalDTD is not None:
        raise _malformed(_("XML 文档不得含有 DOCTYPE（文档类型定义和实体声明），请去掉后重新提交"), "cap_doctype")
    return root


def parse_document(xml: str | bytes) -> Document:
    raw = as_bytes(xml)
    if not raw.strip():
        raise _malformed(_("请提供 CAP XML"))
    root = parse_xml(raw)
    encoding = root.getroottree().docinfo.encoding or "UTF-8"
    return Document(raw=raw, text=_text(raw, encoding), encoding=encoding, root=root)


@dataclass
class ReceivedAlert:
    root: etree._Element  # CAP 1.2, schema-valid
    version: str  # as sent: 1.2 or 1.1
    envelope: str  # "", "EDXL-DE" or "alerts"
    verdict: signing.Verdict = field(default_factory=lambda: signing.Verdict("unsigned"))


def is_alert(element) -> bool:
    return isinstance(element.tag, str) and etree.QName(element).localname == "alert" and \
        etree.QName(element).namespace in CAP_NAMESPACES


def _unwrap(root) -> tuple[str, list]:
    local = etree.QName(root).localname
    if is_alert(root):
        return "", [root]
    if local == "EDXLDistribution":
        envelope, found = "EDXL-DE", [e for e in root.iter() if is_alert(e)]
    elif local == "alerts":
        envelope, found = "alerts", [e for e in root if is_alert(e)]
    elif local == "alert":
        raise _malformed(_("只接受 CAP 1.2 和 1.1（命名空间 %(ns)s）") % {"ns": NS})
    else:
        raise _malformed(_("根元素必须是 CAP 1.2 命名空间（%(ns)s）中的 alert") % {"ns": NS})
    if not found:
        raise _malformed(_("%(e)s 封装中没有 CAP alert") % {"e": envelope})
    return envelope, [etree.fromstring(etree.tostring(e), _parser()) for e in found]


def _upgrade(alert) -> str:
    """CAP 1.1 → 1.2 in place; returns the version as sent."""
    version = CAP_NAMESPACES[etree.QName(alert).namespace]
    if version == "1.1":
        for element in alert.iter():
            if isinstance(element.tag, str) and etree.QName(element).namespace == NS11:
                element.tag = f"{{{NS}}}{etree.QName(element).localname}"
                if element.tag == f"{{{NS}}}certainty" and (element.text or "").strip() == "Very Likely":
                    element.text = "Likely"
        etree.cleanup_namespaces(alert)
    return version


def read_alerts(document: Document) -> list[ReceivedAlert]:
    envelope, found = _unwrap(document.root)
    alerts = []
    for alert in found:
        verdict = signing.verify(alert)
        version = _upgrade(alert)
        alerts.append(ReceivedAlert(check_schema(alert), version, envelope, verdict))
    return alerts


# Reading the fields we keep.

def _text_of(element, path) -> str:
    found = element.find(path, {"c": NS})
    return found.text.strip() if found is not None and found.text else ""


def _all(element, path) -> list[str]:
    return [(e.text or "").strip() for e in element.findall(path, {"c": NS})]


def _pairs(element, path) -> list[dict]:
    return [{"name": _text_of(e, "c:valueName"), "value": _text_of(e, "c:value")}
            for e in element.findall(path, {"c": NS})]


def _points(text: str) -> list[list[float]]:
    """A CAP polygon "lat,lon lat,lon …" as [[lat, lon], …]."""
    return [[float(v) for v in pair.split(",")] for pair in text.split()]


def _circle(text: str) -> dict:
    centre, radius = text.split()
    lat, lon = (float(v) for v in centre.split(","))
    return {"lat": lat, "lon": lon, "radius_km": float(radius)}


def _area(element) -> dict:
    return {"desc": _text_of(element, "c:areaDesc"),
            "polygons": [_points(t) for t in _all(element, "c:polygon")],
            "circles": [_circle(t) for t in _all(element, "c:circle")],
            "geocodes": _pairs(element, "c:geocode")}


def _info(element) -> dict:
    return {
        "language": _text_of(element, "c:language") or "en-US",  # CAP's default
        "categories": _all(element, "c:category"), "event": _text_of(element, "c:event"),
        "response_types": _all(element, "c:responseType"), "urgency": _text_of(element, "c:urgency"),
        "severity": _text_of(element, "c:severity"), "certainty": _text_of(element, "c:certainty"),
        "event_codes": _pairs(element, "c:eventCode"), "effective": _text_of(element, "c:effective"),
        "onset": _text_of(element, "c:onset"), "expires": _text_of(element, "c:expires"),
        "sender_name": _text_of(element, "c:senderName"), "headline": _text_of(element, "c:headline"),
        "description": _text_of(element, "c:description"), "instruction": _text_of(element, "c:instruction"),
        "web": _text_of(element, "c:web"), "contact": _text_of(element, "c:contact"),
        "parameters": _pairs(element, "c:parameter"), "areas": [_area(a) for a in element.findall("c:area", {"c": NS})],
    }


def fields(root) -> dict:
    """Everything we keep from one valid CAP 1.2 alert; `infos` in document order."""
    return {
        "identifier": _text_of(root, "c:identifier"), "sender": _text_of(root, "c:sender"),
        "sent": parse_datetime(_text_of(root, "c:sent")), "status": _text_of(root, "c:status"),
        "msg_type": _text_of(root, "c:msgType"), "scope": _text_of(root, "c:scope"),
        "references": " ".join(_text_of(root, "c:references").split()),
        "infos": [_info(i) for i in root.findall("c:info", {"c": NS})],
    }


def main_info(infos: list[dict]) -> dict:
    """The block shown first: Chinese if there is one, else the first."""
    return next((i for i in infos if i["language"].lower().startswith("zh")), infos[0] if infos else {})


def reference_keys(references: str) -> list[tuple[str, str]]:
    """(sender, identifier) of each `sender,identifier,sent` in <references>."""
    keys = []
    for token in references.split():
        parts = token.split(",")
        if len(parts) >= 2:
            keys.append((parts[0], parts[1]))
    return keys
