"""Checking what a duty officer composed, before anything is saved (bad input → a clear error, nothing sent)."""

import uuid
from datetime import datetime

from django.utils.dateparse import parse_datetime
from django.utils.timezone import is_naive, make_aware
from django.utils.translation import gettext as _

from yingji.core.errors import DomainError
from yingji.core.models import Committee, Region, RegionLevel
from yingji.core.scoping import PICK, scope_for
from yingji.core.validators import check_date
from yingji.incidents.models import Incident
from yingji.standards.errors import StandardsError
from yingji.standards.warnings import WarningLevel, validate_signal_level

from . import area as areas
from .models import GuidanceTemplate
from .models.warnings import AreaKind
from .types import get_type, level_name

TEXT_FIELDS = {"headline": 200, "description": 4000, "instructions": 4000, "source": 200,
               "headline_en": 200, "description_en": 4000, "instructions_en": 4000}
ENGLISH = ("headline_en", "description_en", "instructions_en")


def _time(data, name, label, required=True):
    value = data.get(name)
    if value in (None, ""):
        if required:
            raise DomainError("required", _("请填写%(l)s") % {"l": label}, field=name)
        return None
    moment = value if isinstance(value, datetime) else parse_datetime(str(value).strip().replace(" ", "T", 1))
    if moment is None:
        raise DomainError("invalid_datetime", _("%(l)s的格式不正确") % {"l": label}, field=name)
    check_date(moment, field=name, label=label)
    return make_aware(moment) if is_naive(moment) else moment


def check_level(type_code: str, level: str) -> WarningLevel:
    wtype = get_type(type_code or "")
    if wtype is None:
        raise DomainError("unknown_type", _("请选择预警类型"), field="type_code")
    try:
        parsed = WarningLevel.parse(level)
        if wtype.signal:
            return validate_signal_level(wtype.signal, parsed)
    except StandardsError as exc:
        raise DomainError(exc.code, exc.message, field="level") from exc
    if parsed not in wtype.levels:
        names = "、".join(lv.colour_label for lv in wtype.levels)
        raise DomainError("level_not_allowed", _("%(t)s没有%(c)s级别（只有%(n)s）") % {
            "t": wtype.label, "c": parsed.colour_label, "n": names}, field="level")
    return parsed


def _texts(data) -> dict:
    result = {}
    for name, limit in TEXT_FIELDS.items():
        value = str(data.get(name) or "").strip()
        if len(value) > limit:
            raise DomainError("too_long", _("内容过长（最多 %(n)d 字）") % {"n": limit}, field=name)
        result[name] = value
    return result


def _times(data) -> dict:
    effective = _time(data, "effective", _("生效时间"))
    expires = _time(data, "expires", _("失效时间"))
    onset = _time(data, "onset", _("开始时间"), required=False)
    if expires <= effective:
        raise DomainError("expires_before_effective", _("失效时间必须晚于生效时间"), field="expires")
    if onset and onset > expires:
        raise DomainError("onset_after_expires", _("开始时间不能晚于失效时间"), field="onset")
    return {"effective": effective, "expires": expires, "onset": onset}


def _area(data) -> dict:
    kind = data.get("area_kind") or ""
    if kind not in AreaKind.values:
        raise DomainError("area_required", _("请选择预警区域"), field="area")
    regions, shape = [], None
    if kind == AreaKind.REGIONS:
        codes = [str(c) for c in data.get("area_regions") or []]
        regions = list(Region.objects.filter(code__in=codes, level__in=[RegionLevel.TOWNSHIP, RegionLevel.VILLAGE]))
        if not codes or len(regions) != len(set(codes)):
            raise DomainError("area_required", _("请选择至少一个乡镇（街道）或村（社区）"), field="area")
        regions = areas.normalise_regions(regions)
    elif kind in (AreaKind.POLYGON, AreaKind.CIRCLE):
        shape = areas.validate_shape(kind, data.get("area_shape"))
    villages = areas.covered_villages(kind, regions, shape)
    if kind in (AreaKind.POLYGON, AreaKind.CIRCLE) and not villages:
        raise DomainError("area_empty", _("绘制的区域内没有村（社区），请扩大区域"), field="area")
    return {"area_kind": kind, "area_shape": shape, "regions": regions,
            "population": areas.population(kind, regions, villages),
            "area_desc": areas.describe(kind, regions, villages)}


def _incident(data) -> str:
    """The linked incident by the number people see (SJ20261205-0007) or by its uuid; stored as the uuid. Only an
    incident the person composing may pick (their jurisdiction) is found."""
    value = str(data.get("incident_uuid") or "").strip()
    if not value:
        return ""
    try:
        lookup = {"uuid": uuid.UUID(value)}
    except ValueError:
        lookup = {"code": value.upper()}
    found = scope_for(Incident.objects.filter(**lookup), purpose=PICK).values_list("uuid", flat=True).first()
    if found is None:
        raise DomainError("unknown_incident", _("找不到事件编号为 %(c)s 的突发事件（请填写事件页上的编号，如 "
                                                "SJ20261205-0007）") % {"c": value}, field="incident_uuid")
    return str(found)


def incident_code(incident_uuid: str) -> str:
    """The number people see for a stored link (the uuid itself if the incident is gone)."""
    if not incident_uuid:
        return ""
    return Incident.objects.filter(uuid=incident_uuid).values_list("code", flat=True).first() or incident_uuid


def clean(data: dict) -> dict:
    """Every field checked; returns the values to store (the area's regions under "regions")."""
    level = check_level(data.get("type_code"), data.get("level"))
    texts = _texts(data)
    result = {"type_code": data["type_code"], "level": level.value, **texts, **_times(data), **_area(data),
              "incident_uuid": _incident(data)}
    if not result["headline"]:
        result["headline"] = _("船山区%(n)s") % {"n": level_name(data["type_code"], level)}
    if not result["description"]:
        raise DomainError("required", _("请填写预警内容"), field="description")
    if any(result[name] for name in ENGLISH):  # the en-US block needs its own headline and text
        for name, label in (("headline_en", _("英文标题")), ("description_en", _("英文预警内容"))):
            if not result[name]:
                raise DomainError("required", _("填写英文内容时，请同时填写%(l)s") % {"l": label}, field=name)
    if not result["instructions"]:
        result["instructions"] = guidance(data["type_code"], level.value)
    codes = [str(c) for c in data.get("committees") or []]
    result["committees"] = list(Committee.objects.filter(code__in=codes))
    return result


def guidance(type_code: str, level: str) -> str:
    template = GuidanceTemplate.objects.filter(type_code=type_code, level=level).first()
    return template.text if template else ""
