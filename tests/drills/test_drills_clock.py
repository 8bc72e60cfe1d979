"""The drill clock on its own: the drill time of a real instant through start, pause, resume and a speed change,
and the real instant at which a drill time came (pure functions, no database)."""

from datetime import UTC, datetime, timedelta

from yingji.drills import clock

T = datetime(2026, 7, 1, 1, 0, tzinfo=UTC)


def _log():
    return [clock.entry(T, 0, 1.0, True, "start"),
            clock.entry(T + timedelta(minutes=8), 8 * 60, 1.0, False, "pause"),
            clock.entry(T + timedelta(minutes=60), 8 * 60, 10.0, True, "speed")]


def test_the_clock_runs_stands_still_while_paused_and_runs_faster_after_speed_up():
    log = _log()
    assert clock.drill_seconds(log, T - timedelta(minutes=1)) == 0
    assert clock.drill_seconds(log, T + timedelta(minutes=5)) == 300
    assert clock.drill_seconds(log, T + timedelta(minutes=30)) == 480  # paused at T+8′
    assert clock.drill_seconds(log, T + timedelta(minutes=61)) == 480 + 600  # ×10 for a minute
    assert clock.text(480 + 600) == "T+00:18:00"


def test_the_real_instant_of_a_drill_time():
    log, now = _log(), T + timedelta(minutes=61)
    assert clock.real_instant(log, 0, now) == T
    assert clock.real_instant(log, 5 * 60, now) == T + timedelta(minutes=5)
    assert clock.real_instant(log, 8 * 60, now) == T + timedelta(minutes=8)
    assert clock.real_instant(log, 10 * 60, now) == T + timedelta(minutes=60, seconds=12)
    assert clock.real_instant(log, 30 * 60, now) is None  # not reached yet
