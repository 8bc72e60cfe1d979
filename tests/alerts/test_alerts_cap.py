"""CAP 1.2: every warning type validates against the OASIS schema; identifiers and times follow GB/T 35965.1;
incoming CAP is validated, stored and re-issuable; malformed CAP is refused with the reason."""

import re

import pytest
from lxml import etree

from yingji.alerts import cap, incoming, services
from yingji.alerts.models import IncomingCap
from yingji.alerts.types import all_types
from yingji.core.errors import DomainError

pytestmark = pytest.mark.django_db
NS = {"c": cap.NS}
IDENTIFIER = re.compile(r"^\d{14}_\d{14}_\d$")


@pytest.mark.parametrize("type_code", list(all_types()))
def test_every_type_and_level_publishes_schema_valid_cap(type_code, users, warning_data, publish_flow):
    wtype = all_types()[type_code]
    level = wtype.levels[-1].colour
    warning = publish_flow(warning_data(type_code=type_code, level=level))
    root = cap.validate(warning.cap.xml)
    assert IDENTIFIER.match(warning.cap.identifier) and len(warning.cap.identifier) == 31
    assert root.findtext("c:info/c:category", namespaces=NS) == wtype.category
    assert root.findtext("c:info/c:severity", namespaces=NS) == wtype.levels[-1].cap_severity
    assert root.findtext("c:sent", namespaces=NS).endswith("+08:00")
    assert [g.findtext("c:value", namespaces=NS) for g in root.findall("c:info/c:area/c:geocode", NS)]


def test_polygon_circle_update_and_cancel_are_valid_with_references(users, warning_data, publish_flow):
    polygon = {"type": "Polygon", "coordinates": [[[105.55, 30.50], [105.62, 30.50], [105.62, 30.55],
                                                   [105.55, 30.55], [105.55, 30.50]]]}
    first = publish_flow(warning_data(area_kind="polygon", area_shape=polygon, area_regions=[]))
    assert cap.validate(first.cap.xml).find("c:info/c:area/c:polygon", NS) is not None
    circle = publish_flow(warning_data(area_kind="circle", area_shape={"center": [105.59, 30.52], "radius_m": 4000}))
    assert cap.validate(circle.cap.xml).findtext("c:info/c:area/c:circle", namespaces=NS).endswith(" 4.000")
    notice = services.cancel(actor=users["commander"], reference=first.cap.identifier, reason="降雨结束")
    root = cap.validate(notice.cap.xml)
    assert root.findtext("c:msgType", namespaces=NS) == "Cancel"
    assert first.cap.identifier in root.findtext("c:references", namespaces=NS)


def _strip(xml: str, tag: str) -> str:
    root = etree.fromstring(xml.encode())
    element = root.find(f"c:{tag}", NS)
    root.remove(element)
    return etree.tostring(root).decode()


def test_incoming_cap_is_stored_and_reissued_as_a_local_draft(users, warning_data, publish_flow):
    source = publish_flow(warning_data(type_code="met.gale", level="orange", headline="遂宁市大风橙色预警"))
    xml = source.cap.xml.replace(source.cap.identifier, "510900001000000_20250701100000_0"[:31])
    [record] = incoming.receive(actor=users["duty"], xml=xml)
    assert IncomingCap.objects.get(pk=record.pk).headline == "遂宁市大风橙色预警"
    values = {**incoming.draft_values(record), "area_kind": "district"}
    draft = services.create_draft(actor=users["duty"], data=values)
    assert draft.type_code == "met.gale" and draft.level == "level_2" and draft.source.startswith("转发")


@pytest.mark.parametrize("mutate, reason", [
    (lambda xml: xml[:200], "格式正确"),
    (lambda xml: xml.replace("urn:oasis:names:tc:emergency:cap:1.2", "urn:example"), "命名空间"),
    (lambda xml: xml.replace("<msgType>Alert</msgType>", "<msgType>Warning</msgType>"), "模式"),
    (lambda xml: _strip(xml, "sender"), "模式"),
    (lambda xml: "", "请提供"),
])
def test_malformed_incoming_cap_is_refused_with_the_reason(mutate, reason, users, warning_data, publish_flow):
    xml = publish_flow(warning_data()).cap.xml
    before = IncomingCap.objects.count()
    with pytest.raises(DomainError) as error:
        incoming.receive(actor=users["duty"], xml=mutate(xml))
    assert error.value.code == "malformed_cap" and reason in error.value.message
    assert IncomingCap.objects.count() == before


def test_the_space_separated_profile_time_is_refused_by_the_oasis_schema(users, warning_data, publish_flow):
    """Why our XML writes 2025-07-01T10:00:00+08:00 rather than the profile's '2025-07-01 10:00:00+08:00'."""
    xml = publish_flow(warning_data()).cap.xml
    sent = re.search(r"<sent>(.*?)</sent>", xml).group(1)
    with pytest.raises(DomainError):
        cap.validate(xml.replace(sent, sent.replace("T", " ")))
