"""Warning levels, meteorological warning signals and related level scales.

Note: this module shadows the stdlib name only inside the package path
``yingji.standards.warnings``; absolute imports of ``warnings`` elsewhere are unaffected.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from yingji.standards.config import get_config
from yingji.standards.errors import StandardsError, to_decimal


class WarningLevel(StrEnum):
    """预警级别 一级(红) > 二级(橙) > 三级(黄) > 四级(蓝) [V] (突发事件应对法)."""

    LEVEL_1 = "level_1"
    LEVEL_2 = "level_2"
    LEVEL_3 = "level_3"
    LEVEL_4 = "level_4"

    @property
    def label(self) -> str:
        return _LEVEL_INFO[self][0]

    @property
    def roman(self) -> str:
        return _LEVEL_INFO[self][1]

    @property
    def colour(self) -> str:
        return _LEVEL_INFO[self][2]

    @property
    def colour_label(self) -> str:
        return _LEVEL_INFO[self][3]

    @property
    def hex(self) -> str:
        return _LEVEL_INFO[self][4]

    @property
    def cap_severity(self) -> str:
        """Suggested CAP 1.2 <severity> (project convention, not from a standard)."""
        return _LEVEL_INFO[self][5]

    @property
    def severity(self) -> int:
        """4 for 一级 … 1 for 四级; larger is more severe."""
        return 5 - int(self.value[-1])

    @classmethod
    def parse(cls, value: object) -> WarningLevel:
        """Accepts the code, the colour (red/红色/红), the label (一级) or the roman numeral."""
        if isinstance(value, WarningLevel):
            return value
        text = str(value).strip().lower() if value is not None else ""
        for level in cls:
            colour_cn = level.colour_label
            names = {level.value, level.colour, colour_cn, colour_cn[0], level.label, level.roman.lower()}
            if text in names:
                return level
        raise StandardsError("unknown_warning_level", f"未知的预警级别：{value}", "level")

    @classmethod
    def from_colour(cls, colour: str) -> WarningLevel:
        return {lv.colour: lv for lv in cls}[colour]


_LEVEL_INFO = {
    WarningLevel.LEVEL_1: ("一级", "Ⅰ", "red", "红色", "#D9001B", "Extreme"),
    WarningLevel.LEVEL_2: ("二级", "Ⅱ", "orange", "橙色", "#F07800", "Severe"),
    WarningLevel.LEVEL_3: ("三级", "Ⅲ", "yellow", "黄色", "#F5C400", "Moderate"),
    WarningLevel.LEVEL_4: ("四级", "Ⅳ", "blue", "蓝色", "#1E6FD9", "Minor"),
}


class MetSignal(StrEnum):
    """The 14 气象灾害预警信号 of 中国气象局令第16号 [V]."""

    TYPHOON = "typhoon"
    RAINSTORM = "rainstorm"
    BLIZZARD = "blizzard"
    COLD_WAVE = "cold_wave"
    GALE = "gale"
    SANDSTORM = "sandstorm"
    HEAT_WAVE = "heat_wave"
    DROUGHT = "drought"
    LIGHTNING = "lightning"
    HAIL = "hail"
    FROST = "frost"
    FOG = "fog"
    HAZE = "haze"
    ROAD_ICING = "road_icing"

    @property
    def label(self) -> str:
        return _SIGNAL_NAMES[self]

    @classmethod
    def parse(cls, value: object) -> MetSignal:
        """Accepts the slug, the Chinese name (暴雨) or the full name (暴雨预警信号)."""
        if isinstance(value, MetSignal):
            return value
        text = str(value).strip().removesuffix("预警信号") if value is not None else ""
        for signal in cls:
            if text in (signal.value, signal.label):
                return signal
        raise StandardsError("unknown_signal", f"未知的气象灾害预警信号：{value}", "signal")


_SIGNAL_NAMES = {
    MetSignal.TYPHOON: "台风",
    MetSignal.RAINSTORM: "暴雨",
    MetSignal.BLIZZARD: "暴雪",
    MetSignal.COLD_WAVE: "寒潮",
    MetSignal.GALE: "大风",
    MetSignal.SANDSTORM: "沙尘暴",
    MetSignal.HEAT_WAVE: "高温",
    MetSignal.DROUGHT: "干旱",
    MetSignal.LIGHTNING: "雷电",
    MetSignal.HAIL: "冰雹",
    MetSignal.FROST: "霜冻",
    MetSignal.FOG: "大雾",
    MetSignal.HAZE: "霾",
    MetSignal.ROAD_ICING: "道路结冰",
}


def allowed_levels(signal: object) -> tuple[WarningLevel, ...]:
    """The colours a signal may take, lowest first. Table in config.met_signal_levels."""
    sig = MetSignal.parse(signal)
    colours = get_config().met_signal_levels.get(sig.value, ())
    return tuple(sorted((WarningLevel.from_colour(c) for c in colours), key=lambda lv: lv.severity))


def validate_signal_level(signal: object, level: object) -> WarningLevel:
    """The level, if the signal has that colour; otherwise StandardsError."""
    sig = MetSignal.parse(signal)
    lv = WarningLevel.parse(level)
    allowed = allowed_levels(sig)
    if lv not in allowed:
        names = "、".join(a.colour_label for a in allowed)
        raise StandardsError(
            "level_not_allowed_for_signal",
            f"{sig.label}预警信号没有{lv.colour_label}级别（只有{names}）",
            "level",
        )
    return lv


def rainstorm_level(precip_mm: object, hours: object) -> WarningLevel | None:
    """Highest 暴雨 signal whose threshold is met by ``precip_mm`` within ``hours`` [S].

    A threshold (mm, h) is met when precip_mm ≥ mm and hours ≤ h (config.rainstorm_thresholds).
    """
    mm = to_decimal(precip_mm, "precip_mm", "降雨量")
    span = to_decimal(hours, "hours", "时长")
    if span == 0:
        raise StandardsError("invalid_number", "时长必须大于0", "hours")
    met = [
        WarningLevel.from_colour(colour)
        for colour, (need_mm, within_h) in get_config().rainstorm_thresholds.items()
        if mm >= Decimal(str(need_mm)) and span <= Decimal(str(within_h))
    ]
    return max(met, key=lambda lv: lv.severity, default=None)


# 地质灾害气象风险预警 [V]: 四级..一级; 三级(黄) 二级(橙) 一级(红) are issued to the public.
GEOHAZARD_PUBLIC_LEVELS = (WarningLevel.LEVEL_3, WarningLevel.LEVEL_2, WarningLevel.LEVEL_1)


def geohazard_is_public(level: object) -> bool:
    return WarningLevel.parse(level) in GEOHAZARD_PUBLIC_LEVELS


@dataclass(frozen=True)
class FireDangerLevel:
    level: int  # 1 (低) .. 5 (极高)
    name: str
    colour: str

    @property
    def label(self) -> str:
        return f"{'一二三四五六七八九'[self.level - 1]}级"


def forest_fire_danger_levels() -> tuple[FireDangerLevel, ...]:
    """森林火险等级, 5 levels [S]; table in config.forest_fire_danger_levels."""
    levels = get_config().forest_fire_danger_levels
    return tuple(FireDangerLevel(i + 1, name, colour) for i, (name, colour) in enumerate(levels))


def forest_fire_danger(level: int) -> FireDangerLevel:
    levels = forest_fire_danger_levels()
    if isinstance(level, bool) or not isinstance(level, int) or not 1 <= level <= len(levels):
        raise StandardsError("unknown_fire_danger_level", f"森林火险等级应为1至{len(levels)}级", "level")
    return levels[level - 1]


class ResponseLevel(StrEnum):
    """应急响应级别 Ⅳ (lowest) .. Ⅰ (highest), e.g. 防汛抗旱 [S]. Triggers are set per plan."""

    LEVEL_1 = "response_1"
    LEVEL_2 = "response_2"
    LEVEL_3 = "response_3"
    LEVEL_4 = "response_4"

    @property
    def roman(self) -> str:
        return "ⅠⅡⅢⅣ"[int(self.value[-1]) - 1]

    @property
    def label(self) -> str:
        return f"{self.roman}级应急响应"

    @property
    def severity(self) -> int:
        return 5 - int(self.value[-1])
