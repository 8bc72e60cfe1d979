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

Higher levels add to lower ones: level Ⅲ means the tasks of Ⅳ and Ⅲ.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from yingji.core.errors import DomainError
from yingji.core.roles import Role
from yingji.standards import Grade, ResponseLevel, StandardsError, get_type

from .choices import LEVELS_UP, TOWNSHIP_UNIT

# Figures a threshold may name: the incident's own counts, plus observations entered at assessment.
FIGURES = {
    "rainfall_mm": _l("过程降雨量（毫米）"), "water_level_m": _l("水位超警戒（米）"), "dead": _l("死亡"),
    "missing": _l("失踪"), "injured": _l("受伤"), "serious_injured": _l("重伤"),
    "trapped": _l("被困"), "affected": _l("受灾人口"),
    "evacuated": _l("紧急转移"), "burnt_forest_ha": _l("受害森林面积（公顷）"),
}


def _fail(code, message, field="content"):
    raise DomainError(code, message, field=field)


def validate(content: dict, organization_codes: set[str], team_types: set[str], material_codes: set[str]) -> dict:
    """Check everything a version holds; raise DomainError naming the first problem."""
    if not isinstance(content, dict):
        _fail("invalid_content", _("预案内容必须是 JSON 对象"))
    for code in content.get("incident_types") or _fail("types_required", _("请至少选择一种适用事件类型")):
        _check_type(code)
    for post in content.get("command", []):
        _check_org(post.get("organization"), organization_codes, post.get("role", ""))
    groups = {g.get("name") for g in content.get("groups", [])}
    for group in content.get("groups", []):
        for code in [group.get("lead"), *group.get("members", [])]:
            _check_org(code, organization_codes, group.get("name", ""))
    seen, keys = [], set()
    for level in content.get("levels") or _fail("levels_required", _("请至少定义一个响应级别")):
        seen.append(_check_level(level, groups, organization_codes, team_types, material_codes, keys))
    if len(set(seen)) != len(seen):
        _fail("duplicate_level", _("同一响应级别只能定义一次"))
    return content


def _check_type(code):
    try:
        get_type(code)
    except StandardsError:
        _fail("unknown_incident_type", _("未知的事件类型：%(c)s") % {"c": code})


def _check_org(code, organization_codes, where):
    if code not in organization_codes:
        _fail("unknown_organization", _("%(w)s：单位编码“%(c)s”不存在") % {"w": where, "c": code})


def _check_level(level, groups, organization_codes, team_types, material_codes, keys):
    value = level.get("level")
    if value not in ResponseLevel._value2member_map_:
        _fail("unknown_level", _("未知的响应级别：%(l)s") % {"l": value})
    approvers = level.get("approvers") or _fail("approver_required", _("请为每个响应级别指定审批角色"))
    for role in approvers:
        if role not in Role.values:
            _fail("unknown_role", _("未知的审批角色：%(r)s") % {"r": role})
    criteria = level.get("criteria", {})
    if criteria.get("min_grade") and criteria["min_grade"] not in Grade._value2member_map_:
        _fail("unknown_grade", _("未知的事件等级：%(g)s") % {"g": criteria["min_grade"]})
    for code in criteria.get("types", []):
        _check_type(code)
    for name, bound in criteria.get("thresholds", {}).items():
        if name not in FIGURES or not isinstance(bound, int | float) or bound < 0:
            _fail("invalid_threshold", _("启动条件“%(n)s”无效") % {"n": name})
    for task in level.get("tasks", []):
        _check_task(task, groups, organization_codes, team_types, material_codes, keys)
    return value


def _check_task(task, groups, organization_codes, team_types, material_codes, keys):
    title = task.get("title") or _fail("task_title_required", _("任务须有名称"))
    if not task.get("key") or task["key"] in keys:
        _fail("task_key", _("任务“%(t)s”的编号为空或重复") % {"t": title})
    keys.add(task["key"])
    if task.get("group") not in groups and task.get("unit") != TOWNSHIP_UNIT:
        _check_org(task.get("unit"), organization_codes, title)
    minutes = task.get("deadline_minutes")
    if not isinstance(minutes, int) or isinstance(minutes, bool) or minutes <= 0:
        _fail("invalid_deadline", _("任务“%(t)s”的时限必须是正整数分钟") % {"t": title})
    for team in task.get("teams", []):
        if team.get("type") not in team_types or int(team.get("count", 1)) < 1:
            _fail("unknown_team_type", _("任务“%(t)s”的队伍类型无效") % {"t": title})
    for item in task.get("materials", []):
        if item.get("code") not in material_codes or not float(item.get("quantity", 0)) > 0:
            _fail("unknown_material", _("任务“%(t)s”的物资“%(c)s”不在目录中或数量无效")
                  % {"t": title, "c": item.get("code")})


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
