"""Configurable values of the duty desk (project choices, not statutory rules).

Overridable with the YINGJI_DUTY environment variable (JSON), e.g. {"min_rest_hours": 16}.
"""

import json
import os
from dataclasses import dataclass, fields, replace


@dataclass(frozen=True)
class DutyConfig:
    min_rest_hours: int = 24  # default rest between two shifts of one person (a roster may change it)
    handover_grace_minutes: int = 30  # a handover must be accepted this long after the shift ends
    handover_lookback_hours: int = 26  # the scheduler opens handovers for shifts that ended this recently
    roll_call_minutes: int = 10  # default time to answer a roll call
    instruction_due_hours: int = 24  # default due time of an instruction from superiors


_current = DutyConfig()


def get_config() -> DutyConfig:
    return _current


def configure(**overrides) -> DutyConfig:
    global _current
    unknown = set(overrides) - {f.name for f in fields(DutyConfig)}
    if unknown:
        raise ValueError(f"unknown duty settings: {', '.join(sorted(unknown))}")
    _current = replace(_current, **overrides)
    return _current


def reset() -> DutyConfig:
    global _current
    _current = DutyConfig()
    return _current


def apply_environment() -> None:
    raw = os.environ.get("YINGJI_DUTY", "")
    if raw:
        configure(**json.loads(raw))
