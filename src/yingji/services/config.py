"""Project choices of the enterprise services (not statutory unless marked), read once from YINGJI_SERVICES (JSON),
e.g. {"filing_working_days": 20, "credit_class_floors": [90, 75, 60]}.

- filing_working_days: 生产经营单位应急预案备案 — 备案登记表 within 20 working days of a complete submission
  (应急管理部令第2号 第二十六条) [V].
- licence_working_days: 行政许可 decision within 20 working days of acceptance (行政许可法 第四十二条) [V].
- drill_months: §33 of 令第2号 — 综合/专项 at least once a year, 现场处置方案 at least every half year [V].
- commitment_categories: the enterprise categories that make a daily 安全承诺 (危化品 by default);
  commitment_weekly_categories: those that make a weekly one (other high-risk sectors: 非煤矿山, 烟花爆竹, 冶金,
  燃气, 加油站 by default); a category in both is daily. A weekly commitment covers its ISO week (Monday–Sunday,
  Beijing time).
- commitment_reminder_hours: hours before the end of the period (24:00 of its last day, Beijing time) from which
  the enterprise's principal account is reminded (in-app and SMS on notice_sms_channel), once a period.
- credit_*: the rule table (see credit.py); class floors A ≥ 90, B ≥ 75, C ≥ 60, else D [S].
- licence_reminder_steps: days before a licence's expiry when its enterprise's accounts get a message (once each);
  notice_sms_channel: the SMS channel those reminders also use when it is enabled.
- exam_tags: a community exam paper is offered to enterprise safety managers on the portal (安全培训考核) when its
  rules draw questions of one of these tags [local].
- credit_supervision_class: the enforcement 监管类别 a credit class imposes (C and D: 重点监管) [local]; the yearly
  inspections are then the enforcement plan's own (YINGJI_ENFORCEMENT frequency).
"""

from dataclasses import dataclass, field
from functools import cache

from yingji.core.env_config import from_environment


@dataclass(frozen=True)
class ServicesConfig:
    filing_working_days: int = 20
    licence_working_days: int = 20
    amber_working_days: int = 3
    drill_months: dict = field(default_factory=lambda: {"general": 12, "special": 12, "onsite": 6})
    commitment_categories: tuple = ("chem_production", "chem_trade", "chem_storage", "chem_use", "chem_transport")
    commitment_weekly_categories: tuple = ("mine", "fireworks", "metallurgy", "gas", "fuel_station")
    commitment_reminder_hours: dict = field(default_factory=lambda: {"daily": 8, "weekly": 56})
    licence_reminder_days: int = 90
    licence_reminder_steps: tuple = (90, 30, 7)  # days before expiry a message is sent, once each
    notice_sms_channel: str = "TASK-SMS"  # reminders also go by SMS on this channel when it is enabled
    credit_base: int = 100
    credit_window_days: int = 730
    credit_points: dict = field(default_factory=lambda: {
        "penalty": -15, "enforcement_penalty": -15, "major_hazard_overdue": -10, "commitment_missed": -1,
        "accident": -25, "licence_revoked": -30, "standardisation": 5, "honour": 5, "filing_overdue": -5})
    credit_class_floors: tuple = (90, 75, 60)
    credit_supervision_class: dict = field(default_factory=lambda: {"C": "key", "D": "key"})
    exam_tags: tuple = ("危化品", "安全生产", "企业安全管理")
    blacklist_min_days: int = 365
    watchlist_min_days: int = 180


@cache
def current() -> ServicesConfig:
    return from_environment(ServicesConfig, "YINGJI_SERVICES")
