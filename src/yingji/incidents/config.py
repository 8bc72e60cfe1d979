"""Configurable values of the incidents app (project choices, not statutory rules).

Deadline amounts themselves live in yingji.standards (YINGJI_STANDARDS). These are overridable with the
YINGJI_INCIDENTS environment variable (JSON), e.g. {"report_jump_ratio": 2.0}; read once.
"""

from dataclasses import dataclass
from functools import cache

from yingji.core.env_config import from_environment


@dataclass(frozen=True)
class IncidentsConfig:
    duplicate_radius_m: float = 1000.0  # a possible duplicate lies within this distance …
    duplicate_window_hours: float = 6.0  # … and happened within this many hours
    amber_fraction: float = 0.25  # a clock turns amber when this share of its window is left …
    amber_minutes: int = 30  # … or when fewer minutes than this are left
    report_jump_ratio: float = 1.0  # a figure rising by more than this (1.0 = +100 %) needs an explanation
    report_jump_min: float = 100.0  # … ignored when the rise is smaller than this absolute amount
    future_tolerance_seconds: int = 120  # clock skew allowed before a time counts as "in the future"
    public_reports_per_hour: int = 5  # per IP, the public page
    public_photo_max_bytes: int = 5 * 1024 * 1024


@cache
def get_config() -> IncidentsConfig:
    return from_environment(IncidentsConfig, "YINGJI_INCIDENTS")
