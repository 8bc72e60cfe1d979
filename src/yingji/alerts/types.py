"""Warning types and how each maps onto levels, colours and CAP 1.2 codes.

The levels, colours, the 14 meteorological signals and which colours each signal allows all come from
`yingji.standards.warnings`; this module only names our warning types and their CAP mapping.
"""

from dataclasses import dataclass

from django.utils.translation import gettext, gettext_noop

from yingji.standards.warnings import (
    GEOHAZARD_PUBLIC_LEVELS,
    MetSignal,
    WarningLevel,
    allowed_levels,
    forest_fire_danger_levels,
)


@dataclass(frozen=True)
class WarningType:
    code: str
    label: str  # e.g. 暴雨预警信号
    short: str  # e.g. 暴雨
    category: str  # CAP 1.2 <category>
    levels: tuple[WarningLevel, ...]  # allowed levels, lowest first
    signal: str = ""  # the MetSignal value for meteorological signals


ALL_LEVELS = tuple(sorted(WarningLevel, key=lambda lv: lv.severity))


def _met_types() -> list[WarningType]:
    return [
        WarningType(f"met.{s.value}", f"{s.label}预警信号", s.label, "Met", allowed_levels(s), s.value)
        for s in MetSignal
    ]


def _other_types() -> list[WarningType]:
    public_geo = tuple(sorted(GEOHAZARD_PUBLIC_LEVELS, key=lambda lv: lv.severity))
    return [
        WarningType("geohazard", "地质灾害气象风险预警", "地质灾害", "Geo", public_geo),
        WarningType("flood", "洪水（水位）预警", "洪水", "Met", ALL_LEVELS),
        # 森林火险 has 5 levels [S]; 一级 green (低) is not a warning, 二–五级 map onto blue..red.
        WarningType("forest_fire", "森林火险预警", "森林火险", "Fire", ALL_LEVELS),
        WarningType("safety", "安全生产预警", "安全生产", "Safety", ALL_LEVELS),
        WarningType("health", "公共卫生预警", "公共卫生", "Health", ALL_LEVELS),
        WarningType("other", "其他预警", "其他", "Other", ALL_LEVELS),
    ]


def all_types() -> dict[str, WarningType]:
    """Computed on each call: the colour table of the signals is configurable (YINGJI_STANDARDS)."""
    return {t.code: t for t in [*_met_types(), *_other_types()]}


def type_choices() -> list[tuple[str, str]]:
    return [(t.code, t.label) for t in all_types().values()]


def get_type(code: str) -> WarningType | None:
    return all_types().get(code)


def level_name(type_code: str, level: WarningLevel) -> str:
    """How people call the level: 暴雨红色预警信号, 地质灾害气象风险一级（红色）预警, 森林火险五级（红色）."""
    wtype = get_type(type_code)
    if wtype is None:
        return level.colour_label
    if wtype.signal:
        return f"{wtype.short}{level.colour_label}预警信号"
    if wtype.code == "forest_fire":
        danger = next(d for d in forest_fire_danger_levels() if d.colour == level.colour)
        return f"森林火险{danger.label}（{level.colour_label}）预警"
    return f"{wtype.label.removesuffix('预警')}{level.label}（{level.colour_label}）预警"


# The names of the types and levels as translatable texts (makemessages finds them here); pages show `shown(name)`.
NAMES = (
    gettext_noop("台风预警信号"), gettext_noop("暴雨预警信号"), gettext_noop("暴雪预警信号"),
    gettext_noop("寒潮预警信号"), gettext_noop("大风预警信号"), gettext_noop("沙尘暴预警信号"),
    gettext_noop("高温预警信号"), gettext_noop("干旱预警信号"), gettext_noop("雷电预警信号"),
    gettext_noop("冰雹预警信号"), gettext_noop("霜冻预警信号"), gettext_noop("大雾预警信号"),
    gettext_noop("霾预警信号"), gettext_noop("道路结冰预警信号"), gettext_noop("地质灾害气象风险预警"),
    gettext_noop("洪水（水位）预警"), gettext_noop("森林火险预警"), gettext_noop("安全生产预警"),
    gettext_noop("公共卫生预警"), gettext_noop("其他预警"), gettext_noop("一级"),
    gettext_noop("二级"), gettext_noop("三级"), gettext_noop("四级"),
    gettext_noop("红色"), gettext_noop("橙色"), gettext_noop("黄色"),
    gettext_noop("蓝色"),
)


def shown(name: str) -> str:
    """A type's or level's name in the reader's language."""
    return gettext(name)


def level_choice(level: WarningLevel) -> str:
    """一级（红色） / Level 1 (red), for choosing a level."""
    return gettext("%(l)s（%(c)s）") % {"l": shown(level.label), "c": shown(level.colour_label)}


# CAP <urgency>/<certainty> from the level: a project convention (not from a standard), kept in one place.
URGENCY = {"red": "Immediate", "orange": "Immediate", "yellow": "Expected", "blue": "Future"}
CERTAINTY = {"red": "Observed", "orange": "Likely", "yellow": "Likely", "blue": "Possible"}
