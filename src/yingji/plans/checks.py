"""The rules a plan version's content must follow (see content.py for its shape).

Every problem is collected with the path of the field it concerns ("levels.0.tasks.1.deadline_minutes"),
so the editor can show each message next to its field; the API gets the same paths in `error.fields`.
"""

from django.utils.translation import gettext as _

from yingji.core.errors import DomainError
from yingji.core.roles import Role
from yingji.standards import Grade, ResponseLevel, StandardsError, get_type

from .choices import TOWNSHIP_UNIT
from .content import FIGURES


class Checker:
    def __init__(self, organizations: set[str], team_types: set[str], materials: set[str],
                 specialities: tuple[str, ...]):
        self.organizations, self.team_types, self.materials = organizations, team_types, materials
        self.specialities = specialities
        self.errors: dict[str, list[str]] = {}
        self.first_code = ""

    def fail(self, path: str, code: str, message: str) -> None:
        self.first_code = self.first_code or code
        self.errors.setdefault(path, []).append(message)

    def raise_if_any(self) -> None:
        if self.errors:
            messages = [m for ms in self.errors.values() for m in ms]
            more = _("（另有 %(n)d 处问题）") % {"n": len(messages) - 1} if len(messages) > 1 else ""
            raise DomainError(self.first_code, messages[0] + more, fields=self.errors)

    def incident_type(self, path, code):
        try:
            get_type(str(code))
        except StandardsError:
            self.fail(path, "unknown_incident_type", _("未知的事件类型：%(c)s") % {"c": code})

    def organization(self, path, code, where):
        if code not in self.organizations:
            self.fail(path, "unknown_organization", _("%(w)s：单位编码“%(c)s”不存在") % {"w": where, "c": code or ""})


def _dicts(value) -> list[dict]:
    return [item if isinstance(item, dict) else {} for item in value] if isinstance(value, list) else []


def validate(content, organizations: set[str], team_types: set[str], materials: set[str],
             specialities: tuple[str, ...]) -> dict:
    """Check everything a version holds; raise one DomainError listing every problem by field path.
    `specialities` is the controlled vocabulary of team specialities (an empty speciality means any team)."""
    if not isinstance(content, dict):
        raise DomainError("invalid_content", _("预案内容必须是 JSON 对象"), field="content")
    check = Checker(organizations, team_types, materials, specialities)
    types = content.get("incident_types")
    if not types or not isinstance(types, list):
        check.fail("incident_types", "types_required", _("请至少选择一种适用事件类型"))
    for index, code in enumerate(types if isinstance(types, list) else []):
        check.incident_type(f"incident_types.{index}", code)
    _command(check, content)
    groups = _groups(check, content)
    levels = _dicts(content.get("levels"))
    if not levels:
        check.fail("levels", "levels_required", _("请至少定义一个响应级别"))
    seen, keys = set(), set()
    for index, level in enumerate(levels):
        if level.get("level") in seen:
            check.fail(f"levels.{index}.level", "duplicate_level", _("同一响应级别只能定义一次"))
        seen.add(level.get("level"))
        _level(check, f"levels.{index}", level, groups, keys)
    check.raise_if_any()
    return content


def _command(check, content):
    for index, post in enumerate(_dicts(content.get("command"))):
        if not str(post.get("role") or "").strip():
            check.fail(f"command.{index}.role", "role_required", _("请填写职务（如指挥长、副指挥长）"))
        check.organization(f"command.{index}.organization", post.get("organization"), post.get("role") or _("指挥机构"))


def _groups(check, content) -> set[str]:
    names = set()
    for index, group in enumerate(_dicts(content.get("groups"))):
        name = str(group.get("name") or "").strip()
        if not name:
            check.fail(f"groups.{index}.name", "group_name_required", _("请填写工作组名称"))
        elif name in names:
            check.fail(f"groups.{index}.name", "duplicate_group", _("工作组“%(n)s”重复") % {"n": name})
        names.add(name)
        check.organization(f"groups.{index}.lead", group.get("lead"), name or _("工作组"))
        for member, code in enumerate(group.get("members") or []):
            check.organization(f"groups.{index}.members.{member}", code, name or _("工作组"))
    return names


def _level(check, path, level, groups, keys):
    value = level.get("level")
    if value not in ResponseLevel._value2member_map_:
        check.fail(f"{path}.level", "unknown_level", _("未知的响应级别：%(l)s") % {"l": value})
    approvers = level.get("approvers") or []
    if not approvers:
        check.fail(f"{path}.approvers", "approver_required", _("请为每个响应级别指定审批角色"))
    for role in approvers:
        if role not in Role.values:
            check.fail(f"{path}.approvers", "unknown_role", _("未知的审批角色：%(r)s") % {"r": role})
    criteria = level.get("criteria") if isinstance(level.get("criteria"), dict) else {}
    if criteria.get("min_grade") and criteria["min_grade"] not in Grade._value2member_map_:
        check.fail(f"{path}.criteria.min_grade", "unknown_grade",
                   _("未知的事件等级：%(g)s") % {"g": criteria["min_grade"]})
    for index, code in enumerate(criteria.get("types") or []):
        check.incident_type(f"{path}.criteria.types.{index}", code)
    thresholds = criteria.get("thresholds") if isinstance(criteria.get("thresholds"), dict) else {}
    for name, bound in thresholds.items():
        if name not in FIGURES or not isinstance(bound, int | float) or isinstance(bound, bool) or bound < 0:
            check.fail(f"{path}.criteria.thresholds.{name}", "invalid_threshold",
                       _("启动条件“%(n)s”无效：须为不小于 0 的数字") % {"n": FIGURES.get(name, name)})
    for index, task in enumerate(_dicts(level.get("tasks"))):
        _task(check, f"{path}.tasks.{index}", task, groups, keys)


def _task(check, path, task, groups, keys):
    title = str(task.get("title") or "").strip()
    if not title:
        check.fail(f"{path}.title", "task_title_required", _("任务须有名称"))
    if not task.get("key") or task["key"] in keys:
        check.fail(f"{path}.key", "task_key", _("任务“%(t)s”的编号为空或重复") % {"t": title})
    keys.add(task.get("key"))
    if task.get("group") not in groups and task.get("unit") != TOWNSHIP_UNIT:
        if task.get("group"):
            check.fail(f"{path}.group", "unknown_group", _("任务“%(t)s”的工作组不存在") % {"t": title})
        else:
            check.organization(f"{path}.unit", task.get("unit"), title or _("任务"))
    minutes = task.get("deadline_minutes")
    if not isinstance(minutes, int) or isinstance(minutes, bool) or minutes <= 0:
        check.fail(f"{path}.deadline_minutes", "invalid_deadline",
                   _("任务“%(t)s”的时限必须是正整数分钟") % {"t": title})
    for index, team in enumerate(_dicts(task.get("teams"))):
        if team.get("type") not in check.team_types or not _positive_int(team.get("count", 1)):
            check.fail(f"{path}.teams.{index}", "unknown_team_type",
                       _("任务“%(t)s”的队伍类型或数量无效") % {"t": title})
        _speciality(check, f"{path}.teams.{index}.speciality", team.get("speciality"), title)
    for index, item in enumerate(_dicts(task.get("materials"))):
        if item.get("code") not in check.materials or not _positive(item.get("quantity")):
            check.fail(f"{path}.materials.{index}", "unknown_material",
                       _("任务“%(t)s”的物资“%(c)s”不在目录中或数量无效") % {"t": title, "c": item.get("code") or ""})


def _speciality(check, path, value, title):
    # a misspelt speciality ("水 域") would make a need no team can ever cover
    if value in (None, "") or value in check.specialities:
        return
    check.fail(path, "unknown_speciality", _("任务“%(t)s”的队伍专业“%(s)s”不在专业目录中，可选：%(all)s（或不限）")
               % {"t": title, "s": value, "all": "、".join(check.specialities)})


def _positive_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 1


def _positive(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and value > 0
