"""Helpers of the jurisdiction tests: records seeded in a township, and the uuids and codes that a user of
another township must never be shown (everything placed in that township's subtree that no declared share
lets the user read, pick or ask for; core.scoping)."""

import io
import re
import zipfile
from datetime import timedelta
from decimal import Decimal

from django.apps import apps
from django.utils import timezone

from yingji.core.models import Region
from yingji.core.scoping import PICK, READ, REQUEST, region_path_lookup, scope_to_user

TOWNSHIP_USERS = ("township-guihua", "township-longfeng")
HOME = {"township-guihua": "guihua", "township-longfeng": "longfeng"}
TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-]*")


def other_township(username: str) -> str:
    return HOME[TOWNSHIP_USERS[1 - TOWNSHIP_USERS.index(username)]]


def placed_models():
    """Every model whose records have a place (a region path) and a uuid or a code, except the regions."""
    for model in apps.get_models():
        if model is Region or region_path_lookup(model) is None:
            continue
        names = [name for name in ("uuid", "code") if any(f.name == name for f in model._meta.concrete_fields)]
        if names:
            yield model, names


def marker(suffix: str) -> str:
    """A word put in every text of the records seeded for a township (names, titles, statements), so that a page
    that shows one of them by its text alone is caught too."""
    return f"JUR{suffix.upper()}"


def foreign_tokens(user, region) -> set[str]:
    """The uuids (with and without dashes) and codes of the records in `region`'s subtree that `user` may
    not use for any purpose."""
    tokens = set()
    for model, names in placed_models():
        placed = model._base_manager.filter(**{f"{region_path_lookup(model)}__startswith": region.path})
        for purpose in (READ, PICK, REQUEST):
            placed = placed.exclude(pk__in=scope_to_user(model._base_manager.all(), user, purpose).values("pk"))
        for row in placed.values_list(*names):
            for value in row:
                if value:
                    tokens.add(str(value))
                    if hasattr(value, "hex"):
                        tokens.add(value.hex)
    return tokens


def response_text(response) -> str:
    """What a response shows: its text, or the XML inside an .xlsx/.docx download."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if content[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return " ".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist()
                            if name.endswith((".xml", ".rels")))
    return content.decode("utf-8", "replace")


def leaked(text: str, foreign: set[str]) -> set[str]:
    return {token for token in TOKEN.findall(text) if token in foreign}


def seed(officer, neighbour, suffix: str, commander, now=None) -> dict:
    """Records of every kind a township keeps, in the home region of `officer` (its township officer): an
    incident at its seat, a second one of the same type and time 200 m from `neighbour`'s seat (a duplicate the
    neighbour must not see), its situation report, stock in its depot, a running escalation, a warning draft, a
    duty log entry, a leave, a handover and the flood plan's response (activated by `commander`). Returns them
    by name."""
    from yingji.alerts.models import Warning
    from yingji.core.models import Person
    from yingji.duty.handovers import open_handover
    from yingji.duty.models import Escalation, EscalationChain, Shift
    from yingji.duty.services import log_event
    from yingji.duty.shifts import record_leave
    from yingji.incidents.models import Incident
    from yingji.incidents.reporting import create_report
    from yingji.incidents.services import create_incident
    from yingji.plans.activation import activate
    from yingji.plans.models import Plan
    from yingji.resources.models import Depot, Material
    from yingji.resources.services import receive

    now, region, mark = now or timezone.now(), officer.region, marker(suffix)
    data = {"type_code": "1.1.1", "occurred_at": now - timedelta(minutes=30),
            "received_at": now - timedelta(minutes=20), "statement": f"测试暴雨积水 {mark}",
            "reporter_name": f"报告人 {mark}", "dead": 1}
    incident = create_incident(actor=None, now=now, data={**data, "lon": region.lon, "lat": region.lat})
    twin = create_incident(actor=None, now=now, data={**data, "lon": region.lon, "lat": region.lat})
    Incident.objects.filter(pk=twin.pk).update(lon=neighbour.lon + 0.002, lat=neighbour.lat)  # region kept
    depot = Depot.objects.filter(region__path__startswith=region.path).order_by("code").first()
    material = Material.objects.order_by("code").first()
    receive(actor=None, depot=depot, material=material, quantity=Decimal("500"), batch_no=f"JUR-{suffix}")
    escalation = Escalation.objects.create(
        key=f"jurisdiction-test:{suffix}", chain=EscalationChain.objects.order_by("id").first(),
        event_kind="incident.reported", source_id=str(incident.uuid), region=region, title=f"测试升级 {mark}",
        started_at=now)
    warning = Warning.objects.create(
        type_code="met.rainstorm", level="level_1", headline=f"测试预警草稿 {mark}", description="测试",
        effective=now, expires=now + timedelta(hours=12), area_kind="regions", region=region)
    warning.area_regions.set([region])
    entry = log_event(actor=None, region=region, summary=f"测试值班事项 {mark}")
    person = Person.objects.filter(region=region).order_by("code").first()
    leave = record_leave(actor=None, person=person, start=now + timedelta(days=40), end=now + timedelta(days=41))
    shift = Shift.objects.filter(region=region).order_by("start").first()
    return {"incident": incident, "twin": twin, "depot": depot, "material": material, "escalation": escalation,
            "warning": warning, "log_entry": entry, "leave": leave, "handover": open_handover(shift=shift),
            "report": create_report(incident, actor=officer, kind="initial", region=region),
            "response": activate(actor=commander, incident=incident, level="response_4",
                                 version=Plan.objects.get(code="YA-FX").current_version())}
