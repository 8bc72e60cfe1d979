"""Reading the compose form (a plain POST) into the dict the services take."""

import json

from yingji.core import parsers
from yingji.core.errors import DomainError
from yingji.core.timefmt import INPUT, local_text

from .compose import incident_code
from .models.warnings import AreaKind

FIELDS = ("type_code", "level", "headline", "description", "instructions", "effective", "onset", "expires",
          "source", "incident_uuid", "area_kind", "headline_en", "description_en", "instructions_en")


def from_post(post) -> dict:
    data = {name: post.get(name, "") for name in FIELDS}
    data["area_regions"] = post.getlist("area_regions")
    data["committees"] = post.getlist("committees")
    raw = post.get("area_shape", "")
    try:
        data["area_shape"] = parsers.loads(raw) if raw else None
    except (ValueError, DomainError):
        data["area_shape"] = {"invalid": True}
    return data


def from_warning(warning) -> dict:
    """Initial values of the form when editing a draft or composing an update."""
    data = {name: getattr(warning, name) for name in FIELDS}
    for name in ("effective", "onset", "expires"):
        value = data[name]
        data[name] = local_text(value, INPUT, empty="")
    data["level"] = warning.level_enum.colour
    data["incident_uuid"] = incident_code(warning.incident_uuid)
    data["area_regions"] = list(warning.area_regions.values_list("code", flat=True))
    data["committees"] = list(warning.committees.values_list("code", flat=True))
    data["area_shape"] = json.dumps(warning.area_shape) if warning.area_shape else ""
    return data


AREA_CHOICES = AreaKind.choices
