"""Reporting clocks as data: each ClockRule says when it applies, what it counts from and how far.

Amounts come from config (field named by ``amount_field``), so overrides apply at evaluation time.
Safety accidents: 生产安全事故报告和调查处理条例 第九条至第十三条 [V] and the 2017 fast-report notice
[V]. Natural disasters: 自然灾害情况统计调查制度（应急〔2020〕19号）[V] with predecessor time limits [S].
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from yingji.standards.config import StandardsConfig, get_config
from yingji.standards.errors import to_count
from yingji.standards.grades import Grade, accident_grade
from yingji.standards.incident_types import (
    IncidentType,
    get_type,
    is_natural_disaster,
    is_safety_accident,
    is_within,
)
from yingji.standards.workdays import (
    add_days_ending_at_midnight,
    add_working_days,
    end_of_local_day,
    next_daily_report_due,
    require_aware,
)


class ReportLevel(StrEnum):
    COUNTY = "county"
    CITY = "city"
    PROVINCE = "province"
    NATIONAL = "national"

    @property
    def label(self) -> str:
        return {
            "county": "县级应急管理部门",
            "city": "设区的市级应急管理部门",
            "province": "省级应急管理部门",
            "national": "国务院应急管理部门",
        }[self.value]


def report_to_level(grade: object) -> ReportLevel:
    """How far up a safety accident is reported. 条例 第十条 [V]."""
    g = Grade.parse(grade)
    if g in (Grade.GRADE_1, Grade.GRADE_2):
        return ReportLevel.NATIONAL
    return ReportLevel.PROVINCE if g is Grade.GRADE_3 else ReportLevel.CITY


class Reference(StrEnum):
    OCCURRED = "occurred_at"  # the event happened (or the unit head learnt of it)
    RECEIVED = "received_at"  # our bureau received the report
    ENDED = "ended_at"  # the disaster process ended


class Unit(StrEnum):
    MINUTES = "minutes"
    HOURS = "hours"
    DAYS = "days"  # elapsed 24-hour days
    CALENDAR_DAYS = "calendar_days"  # 民法典: from the next day, ending 24:00
    WORKING_DAYS = "working_days"  # n working days, ending 24:00
    DAILY = "daily"  # the daily report time after the first local midnight


@dataclass(frozen=True)
class ClockContext:
    incident_type: IncidentType
    grade: Grade | None
    figures: Mapping[str, object]
    occurred_at: dt.datetime
    received_at: dt.datetime
    ended_at: dt.datetime | None


@dataclass(frozen=True)
class ClockRule:
    slug: str
    name: str
    applies: Callable[[ClockContext, StandardsConfig], bool]
    reference: Reference
    unit: Unit
    amount_field: str | None  # StandardsConfig field with the amount
    report_to: str
    source: str
    confidence: str  # "V", "S" or "local"
    steps: int = 1  # multiplies the amount (step-by-step escalation)
    recurring: str | None = None  # "daily" or "every_n_days": the scheduler re-arms the clock


@dataclass(frozen=True)
class Clock:
    slug: str
    name: str
    due_at: dt.datetime  # aware, UTC
    report_to: str
    source: str
    confidence: str = "V"
    recurring: str | None = field(default=None)


# --- predicates ---------------------------------------------------------------------------


def _safety(ctx: ClockContext, cfg: StandardsConfig) -> bool:
    return is_safety_accident(ctx.incident_type)


def _at_least(grade: Grade) -> Callable[[ClockContext, StandardsConfig], bool]:
    def check(ctx: ClockContext, cfg: StandardsConfig) -> bool:
        return _safety(ctx, cfg) and ctx.grade is not None and ctx.grade.severity >= grade.severity

    return check


def _in_codes(ctx: ClockContext, codes: tuple[str, ...]) -> bool:
    return any(is_within(ctx.incident_type, code) for code in codes)


def _fast_report(ctx: ClockContext, cfg: StandardsConfig) -> bool:
    if not _safety(ctx, cfg):
        return False
    dead = to_count(ctx.figures.get("deaths"), "deaths", "死亡人数")
    missing = to_count(ctx.figures.get("missing"), "missing", "失踪人数")
    significant = ctx.figures.get("significant") is True and _in_codes(ctx, cfg.sa_fast_report_type_codes)
    return dead + missing >= cfg.sa_fast_report_min_dead_or_missing or significant


def _local_phone(ctx: ClockContext, cfg: StandardsConfig) -> bool:
    threshold = Grade(cfg.sa_local_phone_report_min_grade)
    return cfg.sa_local_phone_report_enabled and _at_least(threshold)(ctx, cfg)


def _supplement_short(ctx: ClockContext, cfg: StandardsConfig) -> bool:
    return _safety(ctx, cfg) and _in_codes(ctx, cfg.sa_supplement_short_type_codes)


def _supplement(ctx: ClockContext, cfg: StandardsConfig) -> bool:
    return _safety(ctx, cfg) and not _in_codes(ctx, cfg.sa_supplement_short_type_codes)


def _drought(ctx: ClockContext, cfg: StandardsConfig) -> bool:
    return is_natural_disaster(ctx.incident_type) and _in_codes(ctx, cfg.nd_drought_type_codes)


def _nd_not_drought(ctx: ClockContext, cfg: StandardsConfig) -> bool:
    return is_natural_disaster(ctx.incident_type) and not _drought(ctx, cfg)


def _nd_ongoing(ctx: ClockContext, cfg: StandardsConfig) -> bool:
    return _nd_not_drought(ctx, cfg) and ctx.ended_at is None


def _drought_ongoing(ctx: ClockContext, cfg: StandardsConfig) -> bool:
    return _drought(ctx, cfg) and ctx.ended_at is None


def _nd_ended(ctx: ClockContext, cfg: StandardsConfig) -> bool:
    return is_natural_disaster(ctx.incident_type) and ctx.ended_at is not None


_ART = "生产安全事故报告和调查处理条例"
_ND = "自然灾害情况统计调查制度（应急〔2020〕19号）"
_UP = "上一级应急管理部门"
_FAST = "2017年全国事故救援信息快报通知（30分钟快报）"

# fmt: off
RULES: tuple[ClockRule, ...] = (
    ClockRule("sa_unit_report", "事故单位报告县级应急管理部门", _safety, Reference.OCCURRED, Unit.MINUTES,
              "sa_unit_report_minutes", ReportLevel.COUNTY.label, f"{_ART} 第九条", "V"),
    ClockRule("sa_escalate_city", "逐级上报至设区的市级", _safety, Reference.RECEIVED, Unit.MINUTES,
              "sa_step_up_minutes", ReportLevel.CITY.label, f"{_ART} 第十条", "V"),
    ClockRule("sa_escalate_province", "逐级上报至省级", _at_least(Grade.GRADE_3), Reference.RECEIVED,
              Unit.MINUTES, "sa_step_up_minutes", ReportLevel.PROVINCE.label, f"{_ART} 第十条", "V", steps=2),
    ClockRule("sa_escalate_national", "逐级上报至国务院应急管理部门", _at_least(Grade.GRADE_2),
              Reference.RECEIVED, Unit.MINUTES, "sa_step_up_minutes", ReportLevel.NATIONAL.label,
              f"{_ART} 第十条", "V", steps=3),
    ClockRule("sa_fast_report", "30分钟快报救援信息", _fast_report, Reference.RECEIVED, Unit.MINUTES,
              "sa_fast_report_minutes", _UP, _FAST, "V"),
    ClockRule("sa_local_phone_report", "电话快报（地方规定）", _local_phone, Reference.RECEIVED, Unit.MINUTES,
              "sa_local_phone_report_minutes", _UP, "地方事故信息报告规定", "local"),
    ClockRule("sa_supplement", "伤亡人数变化补报截止", _supplement, Reference.OCCURRED, Unit.CALENDAR_DAYS,
              "sa_supplement_days", _UP, f"{_ART} 第十三条", "V"),
    ClockRule("sa_supplement_short", "伤亡人数变化补报截止（道路交通、火灾）", _supplement_short,
              Reference.OCCURRED, Unit.CALENDAR_DAYS, "sa_supplement_days_short", _UP,
              f"{_ART} 第十三条", "V"),
    ClockRule("nd_initial_report", "灾情初报", _nd_not_drought, Reference.OCCURRED, Unit.HOURS,
              "nd_initial_report_hours", _UP, _ND, "S"),
    ClockRule("nd_daily_report", "灾情续报（每日零报告）", _nd_ongoing, Reference.OCCURRED, Unit.DAILY, None,
              _UP, _ND, "S", recurring="daily"),
    ClockRule("nd_drought_report", "旱情续报", _drought_ongoing, Reference.RECEIVED, Unit.DAYS,
              "nd_drought_continuation_days", _UP, _ND, "S", recurring="every_n_days"),
    ClockRule("nd_verification", "灾情核报", _nd_ended, Reference.ENDED, Unit.WORKING_DAYS,
              "nd_verification_working_days", _UP, _ND, "S"),
)
# fmt: on


def due_for(rule: ClockRule, ctx: ClockContext, cfg: StandardsConfig | None = None) -> dt.datetime | None:
    """The due time of one rule for one event, or None when its reference time is missing."""
    cfg = cfg or get_config()
    start = getattr(ctx, rule.reference.value)
    if start is None:
        return None
    amount = getattr(cfg, rule.amount_field) * rule.steps if rule.amount_field else 0
    match rule.unit:
        case Unit.MINUTES:
            due = start + dt.timedelta(minutes=amount)
        case Unit.HOURS:
            due = start + dt.timedelta(hours=amount)
        case Unit.DAYS:
            due = start + dt.timedelta(days=amount)
        case Unit.CALENDAR_DAYS:
            due = add_days_ending_at_midnight(start, amount)
        case Unit.WORKING_DAYS:
            due = end_of_local_day(add_working_days(start, amount))
        case Unit.DAILY:
            due = next_daily_report_due(end_of_local_day(start))
    return due.astimezone(dt.UTC)


def clocks_for(
    type_code: str | IncidentType,
    grade: object,
    figures: Mapping[str, object] | None,
    occurred_at: dt.datetime,
    received_at: dt.datetime,
    ended_at: dt.datetime | None = None,
) -> list[Clock]:
    """The concrete clocks for an event, earliest first.

    For a safety accident with ``grade=None`` the grade is computed from ``figures``
    (deaths, serious_injuries, direct_loss_cny, missing). ``figures["significant"] = True`` marks a
    significant hazardous-chemical or pipeline incident for the 30-minute fast report.
    Public-health and social-security events get no clocks here (other reporting systems).
    """
    node = get_type(type_code)
    figures = dict(figures or {})
    require_aware(occurred_at, "occurred_at")
    require_aware(received_at, "received_at")
    if ended_at is not None:
        require_aware(ended_at, "ended_at")
    parsed = Grade.parse(grade) if grade is not None else None
    if parsed is None and is_safety_accident(node):
        parsed = accident_grade(
            deaths=figures.get("deaths"),
            serious_injuries=figures.get("serious_injuries"),
            direct_loss_cny=figures.get("direct_loss_cny"),
            missing=figures.get("missing"),
        ).grade
    ctx = ClockContext(node, parsed, figures, occurred_at, received_at, ended_at)
    cfg = get_config()
    clocks = []
    for rule in RULES:
        if not rule.applies(ctx, cfg):
            continue
        due = due_for(rule, ctx, cfg)
        if due is not None:
            clocks.append(
                Clock(rule.slug, rule.name, due, rule.report_to, rule.source, rule.confidence, rule.recurring)
            )
    return sorted(clocks, key=lambda c: c.due_at)
