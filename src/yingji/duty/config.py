"""Configurable values of the duty desk (project choices, not statutory rules).

Overridable with the YINGJI_DUTY environment variable (JSON), e.g. {"min_rest_hours": 16}; read once.
"""

from dataclasses import dataclass
from functools import cache

from yingji.core.env_config import from_environment


@dataclass(frozen=True)
class DutyConfig:
    min_rest_hours: int = 24  # default rest between two shifts of one person (a roster may change it)
    handover_grace_minutes: int = 30  # a handover must be accepted this long after the shift ends
    handover_lookback_hours: int = 26  # the scheduler opens handovers for shifts that ended this recently
    roll_call_minutes: int = 10  # default time to answer a roll call
    instruction_due_hours: int = 24  # default due time of an instruction from superiors


@cache
def get_config() -> DutyConfig:
    return from_environment(DutyConfig, "YINGJI_DUTY")
