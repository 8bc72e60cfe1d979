"""The structured content of a plan version, as JSON, and the rules that check it.

    {"incident_types": ["1.1.1"],
     "command": [{"role": "指挥长", "organization": "ORG-GOV", "title": "分管负责人"}, …],
     "groups": [{"name": "抢险救援组", "lead": "ORG-FIRE", "members": ["ORG-EMB"], "duties": "…"}, …],
     "levels": [{"level": "response_4", "approvers": ["commander"],
                 "criteria": {"min_grade": "grade_4", "types": ["1.1.1"], "thresholds": {"rainfall_mm": 50}},
                 "tasks": [{"key": "rescue-patrol", "title": "…", "group": "抢险救援组" | "unit": "ORG-…",
                            "deadline_minutes": 60,
                            "teams": [{"type": "social", "speciality": "水域", "count": 1}],
                            "materials": [{"code": "3010101", "quantity": 2000}]}]}, …]}

Higher levels add to lower ones: level Ⅲ means the tasks of Ⅳ and Ⅲ. A team speciality is one tag of
resources.choices.SPECIALITIES, or empty for any team of the type. Lists keep the order the editor gives them
(the document, the command posts and the task list follow it). The rules are in checks.py.
"""

from django.utils.translation import gettext_lazy as _l

from .choices import LEVELS_UP

# Figures a threshold may name: the incident's own counts, plus observations entered at assessment.
FIGURES = {
    "rainfall_mm": _l("过程降雨量（毫米）"), "water_level_m": _l("水位超警戒（米）"), "dead": _l("死亡"),
    "missing": _l("失踪"), "injured": _l("受伤"), "serious_injured": _l("重伤"),
    "trapped": _l("被困"), "affected": _l("受灾人口"),
    "evacuated": _l("紧急转移"), "burnt_forest_ha": _l("受害森林面积（公顷）"),
}


def level_definition(content: dict, level: str) -> dict | None:
    return next((item for item in content.get("levels", []) if item.get("level") == level), None)


def defined_levels(content: dict) -> list[str]:
    """Levels the version defines, lowest (Ⅳ) first."""
    present = {item.get("level") for item in content.get("levels", [])}
    return [level.value for level in LEVELS_UP if level.value in present]


def levels_through(content: dict, level: str) -> list[str]:
    """The defined levels from Ⅳ up to and including `level`: higher levels add to lower ones."""
    order = [lv.value for lv in LEVELS_UP]
    return [lv for lv in defined_levels(content) if order.index(lv) <= order.index(level)]


def tasks_for(content: dict, level: str) -> list[tuple[str, dict]]:
    """(level, task template) of every task that applies at `level`, cumulative."""
    return [(lv, task) for lv in levels_through(content, level) for task in level_definition(content, lv)["tasks"]]


def requirements(content: dict, level: str) -> tuple[dict, dict]:
    """Total team needs {(type, speciality): count} and material needs {code: quantity} at `level`."""
    teams, materials = {}, {}
    for _level, task in tasks_for(content, level):
        for team in task.get("teams", []):
            key = (team["type"], team.get("speciality", ""))
            teams[key] = teams.get(key, 0) + int(team.get("count", 1))
        for item in task.get("materials", []):
            materials[item["code"]] = materials.get(item["code"], 0) + float(item["quantity"])
    return teams, materials


def collect_codes(content) -> set[str]:
    """Every organization and material code the content mentions (to look them up in one query each)."""
    found = set()
    if isinstance(content, dict):
        for key, value in content.items():
            if key in ("organization", "lead", "unit", "code") and isinstance(value, str):
                found.add(value)
            elif key == "members" and isinstance(value, list):
                found.update(v for v in value if isinstance(v, str))
            else:
                found |= collect_codes(value)
    elif isinstance(content, list):
        for item in content:
            found |= collect_codes(item)
    return found
