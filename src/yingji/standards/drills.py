"""Drills (应急演练): types, evaluation elements, timeliness targets and grades.

Sources (shared/STANDARDS.md, "Drills"):
- AQ/T 9007-2019 生产安全事故应急演练基本规范 [S]: by form 桌面演练 / 实战演练, by content 单项演练 /
  综合演练; a drill runs 计划 → 准备 → 实施 → 评估总结 → 持续改进.
- AQ/T 9009-2015 生产安全事故应急演练评估规范 [S]: the evaluation covers the preparation and the execution
  (预警与信息报告, 应急响应启动, 指挥与协调, 应急处置, 应急资源保障, 应急通信, 信息公开, 人员疏散与安置,
  应急结束与恢复) and the organisation of the drill itself; the report states the result, the problems found
  and the improvements (整改) to make.
The point values, the timeliness targets and the grade bounds below are this platform's choices ([?]: the
standard leaves the scoring scheme to the evaluation plan); they are kept here so a bureau can change them.
"""

from dataclasses import dataclass

# AQ/T 9007-2019: (code, name). The form (桌面/实战) and the content (单项/综合) are offered as four choices, as the
# plan (the issue) lists them.
DRILL_TYPES = (
    ("tabletop", "桌面推演"),
    ("field", "实战演练"),
    ("comprehensive", "综合演练"),
    ("single", "单项演练"),
)


@dataclass(frozen=True)
class Element:
    """One line of the evaluation form. `measured` names the figure the platform measures from the exercise
    incident's records (the evaluator cannot type it); "" means the evaluator scores it on the checklist."""

    key: str
    name: str
    points: int
    measured: str = ""
    guide: str = ""


# AQ/T 9009-2015 headings, 100 points in all [?] (weights chosen here).
ELEMENTS = (
    Element("preparation", "演练准备（方案、脚本、保障）", 5, guide="方案、脚本、场地、安全保障是否落实"),
    Element("reporting", "预警与信息报告（接报核实时效）", 10, measured="acknowledge",
            guide="接报到核实（或启动处置）所用时间"),
    Element("activation", "应急响应启动（预案启动时效）", 10, measured="activate",
            guide="接报到启动预案应急响应所用时间"),
    Element("command", "指挥与协调", 10, guide="指挥机构组建、会商决策、部门协同"),
    Element("tasks", "应急处置任务完成（按时完成率）", 20, measured="tasks", guide="预案任务按时限完成的比例"),
    Element("clocks", "信息报送时限", 10, measured="clocks", guide="初报、续报等报送时限的完成情况"),
    Element("resources", "应急资源保障与调度", 10, guide="队伍、物资、装备调度是否及时到位"),
    Element("communication", "应急通信", 5, guide="通信联络是否畅通"),
    Element("public_info", "信息公开与舆情应对（模拟）", 5, guide="演练中仅模拟，不发布真实信息"),
    Element("evacuation", "人员疏散与安置", 5, guide="转移路线、安置点、特殊群体"),
    Element("termination", "应急结束与恢复", 5, guide="响应终止、善后与恢复"),
    Element("organisation", "演练组织与总结", 5, guide="导调控制、安全、评估与总结"),
)
TOTAL_POINTS = sum(e.points for e in ELEMENTS)  # 100

# Timeliness targets in drill minutes [?]: full points at or under the target, none at three times it, linear
# between. The duty rules ask for a first verification within the hour of a report; a drill expects better.
ACKNOWLEDGE_TARGET_MIN = 15
ACTIVATE_TARGET_MIN = 30

# Grades of the total (0–100) [?]: (lowest score, grade), highest first.
GRADES = ((90, "优秀"), (75, "良好"), (60, "合格"), (0, "不合格"))


def grade_of(total: float) -> str:
    return next(name for bound, name in GRADES if total >= bound)


def time_points(minutes: float | None, target: float, points: int) -> float:
    """Points for a time taken: full at or under `target`, none at 3 × target or when it never happened."""
    if minutes is None:
        return 0.0
    if minutes <= target:
        return float(points)
    if minutes >= 3 * target:
        return 0.0
    return round(points * (3 * target - minutes) / (2 * target), 1)


def share_points(done: int, total: int, points: int) -> float:
    """Points for a share done (tasks on time, clocks met); nothing to do earns the full points."""
    if total == 0:
        return float(points)
    return round(points * done / total, 1)
