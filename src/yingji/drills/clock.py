"""The drill clock (演练时钟). Clocks are data (DESIGN §4.8): a drill keeps a log of its clock changes, each
{"at": real instant (ISO), "drill_s": drill seconds at that instant, "speed": x, "running": bool, "event": …}.
From the log:
- `drill_seconds(log, at)`: the drill time shown at a real instant (it stands still while paused);
- `real_instant(log, drill_s, now)`: the real instant at which the drill clock reached `drill_s` (None if it has
  not yet), so an inject lands on the timeline at the very moment its drill time came, whenever the tick ran.
Nothing here reads the wall clock; callers pass `now`."""

from datetime import datetime, timedelta


def _at(entry) -> datetime:
    return datetime.fromisoformat(entry["at"])


def entry(at: datetime, drill_s: float, speed: float, running: bool, event: str) -> dict:
    return {"at": at.isoformat(), "drill_s": round(drill_s, 3), "speed": speed, "running": running, "event": event}


def drill_seconds(log: list, at: datetime) -> float:
    """Drill seconds elapsed at the real instant `at` (0 before the start)."""
    current = None
    for item in log:
        if _at(item) <= at:
            current = item
        else:
            break
    if current is None:
        return 0.0
    elapsed = current["drill_s"]
    if current["running"]:
        elapsed += (at - _at(current)).total_seconds() * current["speed"]
    return elapsed


def real_instant(log: list, drill_s: float, now: datetime) -> datetime | None:
    """The real instant (≤ now) at which the drill clock reached `drill_s`, or None if it has not yet."""
    for index, item in enumerate(log):
        if not item["running"]:
            if item["drill_s"] >= drill_s:
                return _at(item)
            continue
        end = _at(log[index + 1]) if index + 1 < len(log) else now
        end = min(end, now)
        start = _at(item)
        if item["drill_s"] >= drill_s:
            return start
        reached = item["drill_s"] + (end - start).total_seconds() * item["speed"]
        if reached >= drill_s:
            return start + timedelta(seconds=(drill_s - item["drill_s"]) / item["speed"])
    return None


def text(seconds: float) -> str:
    """A drill time as T+hh:mm:ss."""
    seconds = max(0, int(seconds))
    return f"T+{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"
