"""The structured plan editor: the choices it offers (types, roles, units, team types, team specialities,
materials), and saving a draft from it. The page (plans/edit.html + static/plans/editor.js) writes the same
JSON the API takes; the server checks it (checks.py) and sends every problem back by field path."""

import json

from django.utils.translation import gettext as _

from yingji.core import parsers
from yingji.core.errors import DomainError
from yingji.core.models import Organization
from yingji.core.roles import Role
from yingji.incidents.choices import GRADE_CHOICES
from yingji.resources.choices import SPECIALITIES, TeamType
from yingji.resources.models import Material
from yingji.standards import all_types

from . import versions
from .choices import LEVELS_UP, TOWNSHIP_UNIT, level_label
from .content import FIGURES


def options() -> dict:
    return {
        "types": [[t.code, "　" * (t.level - 1) + t.name] for t in all_types()],
        "roles": [[value, str(label)] for value, label in Role.choices],
        "grades": [[value, str(label)] for value, label in GRADE_CHOICES],
        "figures": [[name, str(label)] for name, label in FIGURES.items()],
        "levels": [[lv.value, level_label(lv.value)] for lv in LEVELS_UP],
        "team_types": [[value, str(label)] for value, label in TeamType.choices],
        "specialities": [[name, name] for name in SPECIALITIES],
        "organizations": [list(row) for row in Organization.objects.order_by("code").values_list("code", "name")],
        "township": [TOWNSHIP_UNIT, _("属地乡镇（街道）")],
        "materials": [[m.code, f"{m.name}（{m.unit}）"] for m in Material.objects.order_by("code")],
    }


def parse(text: str) -> dict:
    try:
        return parsers.loads(text, field="content")
    except json.JSONDecodeError as exc:
        raise DomainError("invalid_json", _("内容格式错误：第 %(l)d 行") % {"l": exc.lineno}, field="content") from None


def save(*, actor, plan, text: str, note: str, publish: bool) -> str:
    """Save the editor's content as the plan's draft (published versions are never changed) and
    optionally publish it; return the message shown to the user."""
    draft = versions.save_draft(actor=actor, plan=plan, content=parse(text), note=note)
    if publish:
        versions.publish_version(actor=actor, version=draft)
        return _("已发布第%(n)d版") % {"n": draft.number}
    return _("草稿已保存（第%(n)d版）") % {"n": draft.number}
