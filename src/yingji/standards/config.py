"""Configurable values of the standards package.

Everything tagged [S] (secondary source) or [?] (unverified) in shared/STANDARDS.md lives here,
together with the deadline figures and local rules, so a deployment can change them without code.
Django reads ``settings.YINGJI_STANDARDS = {...}`` and calls :func:`configure_from_mapping`.

Mapping fields (``met_signal_levels``, ``rainstorm_thresholds``) are *merged* with the current
value, so an override may name a single entry. Every other field is replaced.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from yingji.standards.errors import StandardsError

COLOURS = ("blue", "yellow", "orange", "red")

# 气象灾害预警信号发布与传播办法（中国气象局令第16号）附件 — allowed colours, low to high.
_MET_SIGNAL_LEVELS = {
    # [V] all four colours
    "typhoon": ("blue", "yellow", "orange", "red"),
    "rainstorm": ("blue", "yellow", "orange", "red"),
    "blizzard": ("blue", "yellow", "orange", "red"),
    "cold_wave": ("blue", "yellow", "orange", "red"),
    "gale": ("blue", "yellow", "orange", "red"),
    # [V] yellow, orange, red
    "sandstorm": ("yellow", "orange", "red"),
    "heat_wave": ("yellow", "orange", "red"),
    "fog": ("yellow", "orange", "red"),
    # [V] orange, red
    "drought": ("orange", "red"),
    # [?] assumed from the signal graphics in common use; check against the 令 text.
    "lightning": ("yellow", "orange", "red"),
    "hail": ("orange", "red"),
    "frost": ("blue", "yellow", "orange"),
    "haze": ("yellow", "orange", "red"),  # the 2007 text had yellow only; later revised [?]
    "road_icing": ("yellow", "orange", "red"),
}

# 暴雨预警信号 thresholds [S]: colour -> (millimetres, within hours).
_RAINSTORM_THRESHOLDS = {
    "blue": (50.0, 12.0),
    "yellow": (50.0, 6.0),
    "orange": (50.0, 3.0),
    "red": (100.0, 3.0),
}


@dataclasses.dataclass(frozen=True)
class StandardsConfig:
    # --- safety-accident clocks: 生产安全事故报告和调查处理条例 第九条至第十三条 [V] ---
    sa_unit_report_minutes: int = 60  # 第九条: 单位负责人接到报告后1小时内报县级
    sa_step_up_minutes: int = 120  # 第十条: 每级上报的时间不得超过2小时
    sa_supplement_days: int = 30  # 第十三条: 30日内伤亡人数变化应当补报
    sa_supplement_days_short: int = 7  # 第十三条: 道路交通事故、火灾事故7日内
    sa_supplement_short_type_codes: tuple[str, ...] = ("2.2.1", "2.1.4")  # 道路交通, 火灾
    # 30-minute fast report of rescue information, 2017 national notice [V]
    sa_fast_report_minutes: int = 30
    sa_fast_report_min_dead_or_missing: int = 3
    sa_fast_report_type_codes: tuple[str, ...] = ("2.1.2", "2.3.4")  # 危险化学品, 油气管道
    # stricter local rule, e.g. phone report within 15 min for 重大 and above [local]
    sa_local_phone_report_enabled: bool = True
    sa_local_phone_report_minutes: int = 15
    sa_local_phone_report_min_grade: str = "grade_2"
    # Count the missing as dead when grading (统计 practice "死亡（含失踪）") [?]; off by default.
    grade_missing_as_dead: bool = False
    # Natural disasters other than forest fires: a preliminary grade from the casualty bands of 第三条, as
    # 森林防火条例 第四十条 uses them for forest fires (project choice [?]). Types whose national plan grades by
    # other bands (地震: 国家地震应急预案 [?]) are left to a person.
    nd_casualty_grading: bool = True
    nd_casualty_grading_excluded_codes: tuple[str, ...] = ("1.3",)
    nd_grade_missing_as_dead: bool = True  # 自然灾害统计 counts 死亡失踪 together [S]

    # --- natural-disaster situation reports: 自然灾害情况统计调查制度 predecessor rules [S] ---
    nd_initial_report_hours: int = 2
    nd_daily_report_hour: int = 9
    nd_daily_report_minute: int = 0
    nd_verification_working_days: int = 2
    nd_drought_continuation_days: int = 10
    nd_drought_type_codes: tuple[str, ...] = ("1.1.2",)

    # --- calendar ---
    timezone: str = "Asia/Shanghai"
    holidays: tuple[dt.date, ...] = ()  # 法定节假日 per the yearly 国务院办公厅 notice
    makeup_workdays: tuple[dt.date, ...] = ()  # 调休上班的周末

    # --- warnings ---
    met_signal_levels: Mapping[str, tuple[str, ...]] = dataclasses.field(
        default_factory=lambda: MappingProxyType(dict(_MET_SIGNAL_LEVELS))
    )
    rainstorm_thresholds: Mapping[str, tuple[float, float]] = dataclasses.field(
        default_factory=lambda: MappingProxyType(dict(_RAINSTORM_THRESHOLDS))
    )
    # 森林火险等级 [S]: level n is entry n-1, (name, colour)
    forest_fire_danger_levels: tuple[tuple[str, str], ...] = (
        ("低", "green"),
        ("较低", "blue"),
        ("较高", "yellow"),
        ("高", "orange"),
        ("极高", "red"),
    )

    # --- shelters ---
    shelter_area_per_person_m2: float = 1.5  # district plan target: 人均有效避难面积 1.5 m²
    # GB 21734-2008 基本设施 for every class [?] (list recalled, not read in the text)
    shelter_basic_facilities: tuple[str, ...] = (
        "救灾帐篷",
        "医疗救护与卫生防疫设施",
        "应急供水设施",
        "应急供电设施",
        "应急排污设施",
        "应急厕所",
        "应急垃圾储运设施",
        "应急通道",
        "应急标志",
    )

    # --- dual prevention (yingji.standards.prevention; STANDARDS §4, §10) ---
    # colour -> lowest value (inclusive) of that colour, highest first; below the last is blue [?]
    lec_colour_floors: tuple[tuple[str, float], ...] = (("red", 160.0), ("orange", 70.0), ("yellow", 20.0))
    ls_colour_floors: tuple[tuple[str, float], ...] = (("red", 20.0), ("orange", 15.0), ("yellow", 9.0))
    # GB 18218-2018 表1 critical quantities in tonnes (name, Q), seeded with the demo's substances [S]
    critical_quantities: tuple[tuple[str, float], ...] = (
        ("氨", 10.0), ("氯", 5.0), ("硫化氢", 5.0), ("氰化氢", 1.0), ("光气", 0.3), ("液化石油气", 50.0),
        ("天然气", 50.0), ("氢", 5.0), ("乙炔", 1.0), ("汽油", 200.0), ("甲醇", 500.0), ("乙醇", 500.0),
        ("苯", 50.0), ("甲苯", 500.0), ("丙酮", 500.0),
    )
    # β correction per substance; others 1 [?]
    hazard_betas: tuple[tuple[str, float], ...] = (
        ("氨", 2.0), ("氯", 4.0), ("硫化氢", 5.0), ("氰化氢", 10.0), ("光气", 20.0), ("液化石油气", 1.5),
        ("天然气", 1.5), ("氢", 1.5), ("乙炔", 1.5),
    )


_MAPPING_FIELDS = ("met_signal_levels", "rainstorm_thresholds")
_DATE_FIELDS = ("holidays", "makeup_workdays")
_FIELDS = {f.name: f for f in dataclasses.fields(StandardsConfig)}

_current = StandardsConfig()


def get_config() -> StandardsConfig:
    return _current


def reset_config() -> StandardsConfig:
    global _current
    _current = StandardsConfig()
    return _current


def configure(**overrides: Any) -> StandardsConfig:
    """Replace some values of the current configuration and return the new one."""
    global _current
    changes = {name: _coerce(name, value, getattr(_current, name, None)) for name, value in overrides.items()}
    candidate = dataclasses.replace(_current, **changes)
    _validate(candidate)
    _current = candidate
    return _current


def configure_from_mapping(mapping: Mapping[str, Any] | None) -> StandardsConfig:
    """Apply ``settings.YINGJI_STANDARDS``; None or {} changes nothing."""
    return configure(**dict(mapping or {}))


def _bad(name: str, message: str) -> StandardsError:
    return StandardsError("invalid_config", f"标准配置项 {name} 无效：{message}", name)


def _coerce(name: str, value: Any, current: Any) -> Any:
    if name not in _FIELDS:
        raise StandardsError("unknown_config_field", f"未知的标准配置项：{name}", name)
    if name in _MAPPING_FIELDS:
        if not isinstance(value, Mapping):
            raise _bad(name, "应为字典")
        merged = dict(current)
        merged.update({str(k): tuple(v) for k, v in value.items()})
        return MappingProxyType(merged)
    if name in _DATE_FIELDS:
        try:
            return tuple(d if isinstance(d, dt.date) else dt.date.fromisoformat(str(d)) for d in value)
        except (TypeError, ValueError):
            raise _bad(name, "应为日期列表（YYYY-MM-DD）") from None
    if isinstance(current, tuple):
        if isinstance(value, str) or not hasattr(value, "__iter__"):
            raise _bad(name, "应为列表")
        return tuple(tuple(v) if isinstance(v, list) else v for v in value)
    if isinstance(current, bool):
        if not isinstance(value, bool):
            raise _bad(name, "应为 true/false")
        return value
    if isinstance(current, int | float):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise _bad(name, "应为数字")
        return type(current)(value) if isinstance(current, float) else value
    return value


def _validate(cfg: StandardsConfig) -> None:
    for name, field in _FIELDS.items():
        value = getattr(cfg, name)
        if field.type == "int" and not isinstance(value, int):
            raise _bad(name, "应为整数")
    for name in (
        "sa_unit_report_minutes",
        "sa_step_up_minutes",
        "sa_fast_report_minutes",
        "sa_local_phone_report_minutes",
        "sa_supplement_days",
        "sa_supplement_days_short",
        "nd_initial_report_hours",
        "nd_verification_working_days",
        "nd_drought_continuation_days",
        "shelter_area_per_person_m2",
    ):
        if getattr(cfg, name) <= 0:
            raise _bad(name, "应大于0")
    if not 0 <= cfg.nd_daily_report_hour <= 23 or not 0 <= cfg.nd_daily_report_minute <= 59:
        raise _bad("nd_daily_report_hour", "时间超出范围")
    if cfg.sa_local_phone_report_min_grade not in ("grade_1", "grade_2", "grade_3", "grade_4"):
        raise _bad("sa_local_phone_report_min_grade", "应为 grade_1..grade_4")
    try:
        ZoneInfo(cfg.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise _bad("timezone", f"未知时区 {cfg.timezone}") from None
    for signal, colours in cfg.met_signal_levels.items():
        if not colours or any(c not in COLOURS for c in colours):
            raise _bad("met_signal_levels", f"{signal} 的颜色应取自 {', '.join(COLOURS)}")
    for colour, pair in cfg.rainstorm_thresholds.items():
        if colour not in COLOURS or len(pair) != 2 or min(pair) <= 0:
            raise _bad("rainstorm_thresholds", f"{colour} 应为 (毫米, 小时) 且均大于0")
    from yingji.standards.incident_types import get_type  # late: incident_types is config-free

    for name in ("sa_fast_report_type_codes", "sa_supplement_short_type_codes", "nd_drought_type_codes"):
        for code in getattr(cfg, name):
            try:
                get_type(code)
            except StandardsError:
                raise _bad(name, f"未知的事件类型代码 {code}") from None
    if any(len(entry) != 2 for entry in cfg.forest_fire_danger_levels):
        raise _bad("forest_fire_danger_levels", "每级应为 (名称, 颜色)")
