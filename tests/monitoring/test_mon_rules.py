"""Rule evaluation on a driven clock (pure functions, no database): accumulations over 1/3/6/24 h, rate of change,
hysteresis, minimum duration and no-data detection."""

from datetime import UTC, datetime, timedelta

from yingji.monitoring.rules import Spec, State, evaluate, graded, metric

T0 = datetime(2026, 7, 1, 8, 0, tzinfo=UTC)
LIMITS = (("blue", 15.0), ("yellow", 25.0), ("orange", 35.0), ("red", 50.0))


def _every_5_minutes(values, start=T0):
    return [(start + timedelta(minutes=5 * i), v) for i, v in enumerate(values)]


def test_the_rolling_accumulations_sum_only_their_window():
    samples = _every_5_minutes([1.0] * 24 * 12)  # 1 mm every 5 minutes for a day: 12 mm an hour
    now = samples[-1][0]
    sums = {hours: metric(Spec("accumulation", LIMITS, timedelta(hours=hours)), samples, now)
            for hours in (1, 3, 6, 24)}
    assert sums == {1: 12.0, 3: 36.0, 6: 72.0, 24: 288.0}


def test_rain_older_than_the_window_no_longer_counts():
    spec = Spec("accumulation", LIMITS, timedelta(hours=1))
    samples = _every_5_minutes([5.0] * 12)  # 60 mm in the hour
    state, value = evaluate(spec, State(), samples, samples[-1][0])
    assert (state.level, value) == ("red", 60.0)
    state, value = evaluate(spec, state, samples, samples[-1][0] + timedelta(minutes=61))
    assert (state.level, value) == ("", 0)


def test_hysteresis_keeps_a_level_until_the_value_falls_below_limit_minus_hysteresis():
    assert graded(24.0, LIMITS, "yellow", 2.0) == "yellow"  # 25 − 2 = 23 ≤ 24
    assert graded(22.9, LIMITS, "yellow", 2.0) == "blue"
    assert graded(14.0, LIMITS, "yellow", 2.0) == "blue"  # still ≥ 15 − 2 for blue
    assert graded(12.9, LIMITS, "yellow", 2.0) == ""
    assert graded(36.0, LIMITS, "yellow", 2.0) == "orange"  # rising is never held back by hysteresis


def test_a_value_flapping_around_a_limit_does_not_flap_the_level():
    spec = Spec("value", LIMITS, hysteresis=2.0)
    state, levels = State(), []
    for minute, value in enumerate([26, 24.5, 25.5, 23.5, 25.1, 24.0]):
        state, _value = evaluate(spec, state, [(T0 + timedelta(minutes=minute), value)], T0 + timedelta(minutes=minute))
        levels.append(state.level)
    assert levels == ["yellow"] * 6


def test_a_new_level_takes_effect_only_after_the_minimum_duration():
    spec = Spec("value", LIMITS, min_duration=timedelta(minutes=10))
    state = State()
    for minute in (0, 5, 9):
        state, _v = evaluate(spec, state, [(T0 + timedelta(minutes=minute), 30.0)], T0 + timedelta(minutes=minute))
        assert state.level == "" and state.candidate == "yellow"
    state, _v = evaluate(spec, state, [(T0 + timedelta(minutes=10), 30.0)], T0 + timedelta(minutes=10))
    assert state.level == "yellow"


def test_a_blip_shorter_than_the_minimum_duration_leaves_no_level():
    spec = Spec("value", LIMITS, min_duration=timedelta(minutes=10))
    state, _v = evaluate(spec, State(), [(T0, 60.0)], T0)
    state, _v = evaluate(spec, state, [(T0 + timedelta(minutes=3), 1.0)], T0 + timedelta(minutes=3))
    state, _v = evaluate(spec, state, [(T0 + timedelta(minutes=20), 1.0)], T0 + timedelta(minutes=20))
    assert state == State()


def test_rate_of_change_per_hour_over_the_window():
    spec = Spec("rate", (("yellow", 2.0), ("orange", 5.0), ("red", 10.0)), timedelta(hours=1))
    samples = [(T0 + timedelta(minutes=m), 100 + m * 0.1) for m in range(0, 61, 10)]  # 6 mm/h
    state, value = evaluate(spec, State(), samples, samples[-1][0])
    assert round(value, 3) == 6.0 and state.level == "orange"
    assert metric(spec, samples[:1], T0) is None  # one sample has no rate


def test_no_data_grades_the_minutes_since_the_last_sample():
    spec = Spec("no_data", (("yellow", 30.0), ("orange", 120.0)))
    last = [(T0, 1.0)]
    assert evaluate(spec, State(), last, T0 + timedelta(minutes=29))[0].level == ""
    assert evaluate(spec, State(), last, T0 + timedelta(minutes=30))[0].level == "yellow"
    state = evaluate(spec, State(), last, T0 + timedelta(hours=3))[0]
    assert state.level == "orange"
    fresh = [(T0 + timedelta(hours=3), 1.0)]
    assert evaluate(spec, state, fresh, T0 + timedelta(hours=3, minutes=1))[0].level == ""
    assert evaluate(spec, State(), [], T0)[0].level == ""  # never reported: nothing to judge


def test_displacement_speed_is_how_fast_either_way_per_day():
    spec = Spec("speed", (("yellow", 2.0), ("orange", 5.0), ("red", 10.0)), timedelta(days=2))
    rising = [(T0 + timedelta(hours=h), 30.0 + h * 0.25) for h in range(0, 49, 6)]  # 6 mm/d
    state, value = evaluate(spec, State(), rising, rising[-1][0])
    assert round(value, 3) == 6.0 and state.level == "orange"
    falling = [(t, 60.0 - v) for t, v in rising]
    assert round(metric(spec, falling, falling[-1][0]), 3) == 6.0
    assert metric(spec, rising[:1], T0) is None
