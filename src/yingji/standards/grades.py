"""Event grades and the automatic grading rules.

Four grades 特别重大(Ⅰ) 重大(Ⅱ) 较大(Ⅲ) 一般(Ⅳ) [V] (突发事件应对法; 国家突发事件总体应急预案).
Every rule returns a :class:`GradeResult` with a Chinese explanation that the UI shows.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from yingji.standards.config import get_config
from yingji.standards.errors import StandardsError, to_count, to_decimal
from yingji.standards.incident_types import GradingRule, get_type, grading_rule_for


class Grade(StrEnum):
    GRADE_1 = "grade_1"
    GRADE_2 = "grade_2"
    GRADE_3 = "grade_3"
    GRADE_4 = "grade_4"

    @property
    def label(self) -> str:
        return _INFO[self][0]

    @property
    def roman(self) -> str:
        return _INFO[self][1]

    @property
    def colour(self) -> str:
        return _INFO[self][2]

    @property
    def hex(self) -> str:
        return _INFO[self][3]

    @property
    def order(self) -> int:
        """1 for 特别重大 … 4 for 一般 (the Ⅰ–Ⅳ number)."""
        return int(self.value[-1])

    @property
    def severity(self) -> int:
        """4 for 特别重大 … 1 for 一般; larger is worse, for comparisons."""
        return 5 - self.order

    @classmethod
    def parse(cls, value: object) -> Grade:
        """Accepts a Grade, its code, the Chinese label (重大/重大事故), or the roman numeral (Ⅱ/II)."""
        if isinstance(value, Grade):
            return value
        text = str(value).strip() if value is not None else ""
        for grade in cls:
            names = {grade.value, grade.label, grade.roman, _ASCII_ROMAN[grade], grade.label + "事故"}
            if text in names or text.upper() in names:
                return grade
        raise StandardsError("unknown_grade", f"未知的事件等级：{value}", "grade")


# grade -> (label, roman, colour, hex). Colours follow the warning-level convention (project choice).
_INFO = {
    Grade.GRADE_1: ("特别重大", "Ⅰ", "red", "#D9001B"),
    Grade.GRADE_2: ("重大", "Ⅱ", "orange", "#F07800"),
    Grade.GRADE_3: ("较大", "Ⅲ", "yellow", "#F5C400"),
    Grade.GRADE_4: ("一般", "Ⅳ", "blue", "#1E6FD9"),
}
_ASCII_ROMAN = {Grade.GRADE_1: "I", Grade.GRADE_2: "II", Grade.GRADE_3: "III", Grade.GRADE_4: "IV"}

NO_STATUTORY_GRADE_TEXT = "社会安全事件无法定分级"
MANUAL_GRADING_TEXT = "无适用的自动分级规则，请人工研判"


@dataclass(frozen=True)
class GradeResult:
    grade: Grade | None
    explanation: str
    rule: GradingRule | None = None
    reasons: tuple[str, ...] = ()

    @property
    def label(self) -> str | None:
        return self.grade.label if self.grade else None


# Lower bounds, inclusive ("以上"包括本数); the band ends below the next grade's bound ("以下"不包括本数).
# 生产安全事故报告和调查处理条例 第三条 [V]; the casualty bands recur in 森林防火条例 第四十条 [V].
DEATH_BOUNDS = ((Grade.GRADE_1, 30), (Grade.GRADE_2, 10), (Grade.GRADE_3, 3))
INJURY_BOUNDS = ((Grade.GRADE_1, 100), (Grade.GRADE_2, 50), (Grade.GRADE_3, 10))  # 重伤 incl. 急性工业中毒
LOSS_BOUNDS_CNY = ((Grade.GRADE_1, 100_000_000), (Grade.GRADE_2, 50_000_000), (Grade.GRADE_3, 10_000_000))
# 森林防火条例 第四十条 [V]: 受害森林面积 (公顷)
FOREST_AREA_BOUNDS_HA = ((Grade.GRADE_1, 1000), (Grade.GRADE_2, 100), (Grade.GRADE_3, 1))


def _band(value: Decimal | int, bounds: tuple[tuple[Grade, int], ...]) -> Grade:
    for grade, lower in bounds:
        if value >= lower:
            return grade
    return Grade.GRADE_4


def _band_text(grade: Grade, bounds: tuple[tuple[Grade, int], ...], fmt) -> str:
    lowers = dict(bounds)
    upper = {Grade.GRADE_2: Grade.GRADE_1, Grade.GRADE_3: Grade.GRADE_2, Grade.GRADE_4: Grade.GRADE_3}
    if grade is Grade.GRADE_1:
        return f"{fmt(lowers[grade])}以上"
    if grade is Grade.GRADE_4:
        return f"{fmt(lowers[Grade.GRADE_3])}以下"
    return f"{fmt(lowers[grade])}以上{fmt(lowers[upper[grade]])}以下"


def format_cny(amount: Decimal | int) -> str:
    """1亿元 / 1000万元 / 999.9999万元 / 500元."""
    amount = Decimal(amount)
    if amount >= 100_000_000 and amount % 10_000_000 == 0:
        return f"{_trim(amount / 100_000_000)}亿元"
    if amount >= 10_000:
        return f"{_trim(amount / 10_000)}万元"
    return f"{_trim(amount)}元"


def _trim(number: Decimal) -> str:
    return format(number.normalize(), "f")


def _people(n: int | Decimal) -> str:
    return f"{n}人"


def _hectares(n: Decimal | int) -> str:
    return f"{_trim(Decimal(n))}公顷"


@dataclass(frozen=True)
class _Criterion:
    grade: Grade
    text: str
    counts: bool = True  # a zero figure grades nothing and is left out of the explanation


def _criterion(prefix: str, value, shown: str, bounds, fmt, kind: str) -> _Criterion:
    grade = _band(value, bounds)
    text = f"{prefix}{shown}，达到{grade.label}{kind}标准（{_band_text(grade, bounds, fmt)}）"
    return _Criterion(grade, text, counts=value > 0)


def _combine(criteria: list[_Criterion], rule: GradingRule, floor_text: str) -> GradeResult:
    counted = [c for c in criteria if c.counts]
    top = max((c.grade for c in counted), key=lambda g: g.severity, default=Grade.GRADE_4)
    reasons = tuple(c.text for c in counted if c.grade is top) or (floor_text,)
    return GradeResult(grade=top, explanation="；".join(reasons), rule=rule, reasons=reasons)


_ACCIDENT_FLOOR = (
    "未达到较大事故标准，为一般事故（死亡3人以下，或者重伤10人以下，或者直接经济损失1000万元以下）"
)
_FOREST_FLOOR = "受害森林面积1公顷以下，为一般森林火灾"


def accident_grade(
    deaths: object = 0,
    serious_injuries: object = 0,
    direct_loss_cny: object = 0,
    missing: object = 0,
) -> GradeResult:
    """Grade a production-safety accident. 生产安全事故报告和调查处理条例 第三条 [V].

    Any one criterion suffices and the highest grade wins. ``missing`` only counts when the
    ``grade_missing_as_dead`` config flag is on [?].
    """
    dead = to_count(deaths, "deaths", "死亡人数")
    lost = to_count(missing, "missing", "失踪人数")
    injured = to_count(serious_injuries, "serious_injuries", "重伤人数")
    loss = to_decimal(direct_loss_cny, "direct_loss_cny", "直接经济损失")
    prefix = "死亡"
    if get_config().grade_missing_as_dead and lost:
        dead, prefix = dead + lost, "死亡（含失踪）"
    criteria = [
        _criterion(prefix, dead, _people(dead), DEATH_BOUNDS, _people, "事故"),
        _criterion("重伤", injured, _people(injured), INJURY_BOUNDS, _people, "事故"),
        _criterion("直接经济损失", loss, format_cny(loss), LOSS_BOUNDS_CNY, format_cny, "事故"),
    ]
    return _combine(criteria, GradingRule.SAFETY_ACCIDENT, _ACCIDENT_FLOOR)


def forest_fire_grade(
    burnt_forest_ha: object = 0,
    deaths: object = 0,
    serious_injuries: object = 0,
    on_forest_land: bool = True,
) -> GradeResult:
    """Grade a forest fire. 森林防火条例 第四十条 [V].

    Area bands or casualty bands; the higher grade wins. ``on_forest_land=False`` means a fire on
    其他林地 (not 森林), which is 一般 by area whatever its size.
    """
    area = to_decimal(burnt_forest_ha, "burnt_forest_ha", "受害森林面积")
    dead = to_count(deaths, "deaths", "死亡人数")
    injured = to_count(serious_injuries, "serious_injuries", "重伤人数")
    criteria = [
        _criterion("死亡", dead, _people(dead), DEATH_BOUNDS, _people, "森林火灾"),
        _criterion("重伤", injured, _people(injured), INJURY_BOUNDS, _people, "森林火灾"),
    ]
    if on_forest_land:
        criteria.insert(
            0, _criterion("受害森林面积", area, _hectares(area), FOREST_AREA_BOUNDS_HA, _hectares, "森林火灾")
        )
    else:
        criteria.insert(0, _Criterion(Grade.GRADE_4, "其他林地起火，达到一般森林火灾标准"))
    return _combine(criteria, GradingRule.FOREST_FIRE, _FOREST_FLOOR)


_NATURAL_FLOOR = "死亡（含失踪）3人以下、重伤10人以下，按伤亡初判为一般"


def natural_disaster_grade(
    deaths: object = 0,
    missing: object = 0,
    serious_injuries: object = 0,
    trapped: object = 0,
    evacuated: object = 0,
) -> GradeResult:
    """Preliminary grade of a natural disaster other than a forest fire, from the casualty bands that
    森林防火条例 第四十条 takes from 条例 第三条 (project choice [?], config ``nd_casualty_grading``).

    People trapped or evacuated do not set the grade (no band in shared/STANDARDS.md); the explanation names
    them so that whoever confirms the grade weighs them against the hazard's own plan.
    """
    dead = to_count(deaths, "deaths", "死亡人数")
    lost = to_count(missing, "missing", "失踪人数")
    injured = to_count(serious_injuries, "serious_injuries", "重伤人数")
    at_risk = [(label, to_count(value, field, label)) for field, label, value in (
        ("trapped", "被困", trapped), ("evacuated", "紧急转移", evacuated))]
    prefix = "死亡"
    if get_config().nd_grade_missing_as_dead and lost:
        dead, prefix = dead + lost, "死亡（含失踪）"
    criteria = [
        _criterion(prefix, dead, _people(dead), DEATH_BOUNDS, _people, ""),
        _criterion("重伤", injured, _people(injured), INJURY_BOUNDS, _people, ""),
    ]
    result = _combine(criteria, GradingRule.NATURAL_DISASTER, _NATURAL_FLOOR)
    named = "、".join(f"{label}{_people(n)}" for label, n in at_risk if n)
    if not named:
        return result
    note = f"{named}，不作为分级标准，请结合专项应急预案研判是否提高等级"
    return GradeResult(result.grade, f"{result.explanation}；{note}", result.rule, (*result.reasons, note))


def preliminary_grade(type_code: str, figures: Mapping[str, object] | None = None) -> GradeResult:
    """Pick the rule for the incident type and grade the reported figures.

    Figures used: deaths, missing, serious_injuries, direct_loss_cny (safety accidents);
    burnt_forest_ha, on_forest_land, deaths, serious_injuries (forest fires); deaths, missing,
    serious_injuries, and (named, not graded) trapped, evacuated (other natural disasters). Others are ignored.
    """
    get_type(type_code)
    figures = dict(figures or {})
    rule = grading_rule_for(type_code)
    if rule is GradingRule.NO_STATUTORY_GRADE:
        return GradeResult(None, NO_STATUTORY_GRADE_TEXT, rule)
    if rule is GradingRule.SAFETY_ACCIDENT:
        return accident_grade(
            deaths=figures.get("deaths"),
            serious_injuries=figures.get("serious_injuries"),
            direct_loss_cny=figures.get("direct_loss_cny"),
            missing=figures.get("missing"),
        )
    if rule is GradingRule.FOREST_FIRE:
        on_land = figures.get("on_forest_land", True)
        return forest_fire_grade(
            burnt_forest_ha=figures.get("burnt_forest_ha"),
            deaths=figures.get("deaths"),
            serious_injuries=figures.get("serious_injuries"),
            on_forest_land=on_land is not False,
        )
    if rule is GradingRule.NATURAL_DISASTER:
        return natural_disaster_grade(
            deaths=figures.get("deaths"),
            missing=figures.get("missing"),
            serious_injuries=figures.get("serious_injuries"),
            trapped=figures.get("trapped"),
            evacuated=figures.get("evacuated"),
        )
    return GradeResult(None, MANUAL_GRADING_TEXT, rule)
