"""Rule evaluation as pure functions: no database, no clock (the caller passes `now`), so tests drive time.

A rule turns a sensor's recent samples into one metric (the latest value, the change per hour, the displacement
speed per day, the sum over the window, or the minutes since the last sample), grades it against ascending limits
(蓝 < 黄 < 橙 < 红) with hysteresis (a level is left only when the metric falls below its limit minus the
hysteresis), and a new level takes effect only once it has held for the minimum duration (no flapping)."""

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from .choices import LEVELS, RuleKind

Sample = tuple[datetime, float]


@dataclass(frozen=True)
class Spec:
    kind: str
    limits: tuple[tuple[str, float], ...]  # ascending: (level, limit)
    window: timedelta = timedelta(hours=1)
    hysteresis: float = 0.0
    min_duration: timedelta = timedelta(0)

    @classmethod
    def of(cls, rule) -> "Spec":
        return cls(rule.kind, tuple(rule.limits()), timedelta(minutes=rule.window_minutes), rule.hysteresis or 0.0,
                   timedelta(minutes=rule.min_duration_minutes))

    def lookback(self) -> timedelta:
        """How far back the samples must reach for this rule (the latest sample is enough for the others)."""
        return self.window if self.kind in (RuleKind.ACCUMULATION, RuleKind.RATE, RuleKind.SPEED) else timedelta(0)


@dataclass(frozen=True)
class State:
    level: str = ""  # "" is normal
    candidate: str = ""  # a level waiting out the minimum duration
    since: datetime | None = None


def metric(spec: Spec, samples: Sequence[Sample], now: datetime) -> float | None:
    """The rule's metric at `now` from samples in time order (None: nothing to judge)."""
    if spec.kind == RuleKind.NO_DATA:
        return (now - samples[-1][0]).total_seconds() / 60 if samples else None
    if spec.kind == RuleKind.VALUE:
        return samples[-1][1] if samples else None
    start = now - spec.window
    inside = [(t, v) for t, v in samples if start < t <= now]
    if spec.kind == RuleKind.ACCUMULATION:
        return round(sum(v for _t, v in inside), 6)
    if len(inside) < 2 or inside[-1][0] == inside[0][0]:
        return None
    hours = (inside[-1][0] - inside[0][0]).total_seconds() / 3600
    if spec.kind == RuleKind.SPEED:  # displacement speed: how fast, either way, per day (mm/d for GNSS, cracks)
        return abs(inside[-1][1] - inside[0][1]) / hours * 24
    return (inside[-1][1] - inside[0][1]) / hours


def graded(value: float | None, limits: Sequence[tuple[str, float]], current: str, hysteresis: float) -> str:
    """The level `value` reaches; a lower level than `current` only once below current's limit − hysteresis."""
    if value is None:
        return current
    raw = ""
    for level, limit in limits:
        if value >= limit:
            raw = level
    if current and _rank(raw) < _rank(current):
        limit = dict(limits).get(current)
        if limit is not None and value >= limit - hysteresis:
            return current
        held = [level for level, limit in limits if value >= limit - hysteresis and _rank(level) < _rank(current)]
        return held[-1] if held else raw
    return raw


def step(spec: Spec, state: State, value: float | None, now: datetime) -> State:
    """The state after judging `value` at `now`: a different level takes effect after min_duration."""
    target = graded(value, spec.limits, state.level, spec.hysteresis)
    if target == state.level:
        return State(state.level)
    if state.since is None or state.candidate != target:  # pending iff `since` is set ("" is normal)
        state = replace(state, candidate=target, since=now)
    if now - state.since >= spec.min_duration:
        return State(target)
    return state


def evaluate(spec: Spec, state: State, samples: Sequence[Sample], now: datetime) -> tuple[State, float | None]:
    value = metric(spec, samples, now)
    return step(spec, state, value, now), value


def _rank(level: str) -> int:
    return LEVELS.index(level) + 1 if level else 0


def rises(old: str, new: str) -> bool:
    return _rank(new) > _rank(old)
