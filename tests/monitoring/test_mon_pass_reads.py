"""What a rules pass reads agrees with the rules' own metrics over the whole series.

The accumulation windows summed by the database (whole hours from the hourly aggregates, the rest from the
readings) agree with the rule's own metric, the sum of the samples with start < time ≤ now: for gauges judged over
different windows (shorter than an hour, not whole hours, a day), with readings on hour and window edges, after
`now`, and none in the shortest window; at a moment inside an hour and at one exactly on the hour. The few
readings read for the other rules (a window's first, the latest) give the metric the whole series gives."""

from datetime import timedelta

import pytest
from django.utils import timezone

from yingji.monitoring import rules, storage
from yingji.monitoring.alarms import _samples, _sums
from yingji.monitoring.models import Rule

from .conftest import make_station

MINUTES_AGO = {"first": [0, 7, 30, 59, 60, 61, 89, 90, 179, 180, 600, 1439, 1440, 1500, -5],  # -5: after now
               "second": [90, 180, 181, 2000]}  # nothing in the last hour
WINDOWS = {"first": [10, 60, 90, 1440], "second": [60, 180]}


@pytest.mark.parametrize("on_the_hour", [False, True])
def test_every_window_sums_what_the_rule_metric_sums(regions, own_rules_only, on_the_hour):
    now = timezone.now().replace(second=17, microsecond=0)
    if on_the_hour:
        now = storage.hour_of(now)
    pairs, samples = [], {}
    for name, ages in MINUTES_AGO.items():
        sensor = make_station(regions["guihua"], f"T-SUM-{name}").sensors.get()
        rows = sorted((sensor.pk, now - timedelta(minutes=age), 1.5 + age / 100) for age in ages)
        assert len(storage.insert_readings(rows, now)) == len(rows)
        storage.update_aggregates(rows)
        samples[sensor.pk] = [(t, v) for _s, t, v in rows]
        pairs += [(Rule.objects.create(code=f"GZ-S-{name}-{minutes}", name=f"{minutes}分钟", kind="accumulation",
                                       sensor=sensor, quantity="rain", window_minutes=minutes, blue=15, yellow=25,
                                       orange=35, red=50, region=regions["district"]), sensor)
                  for minutes in WINDOWS[name]]
    specs = {rule.pk: rules.Spec.of(rule) for rule, _sensor in pairs}

    sums = _sums(pairs, now, specs)

    expected = {(specs[rule.pk].window, sensor.pk): rules.metric(specs[rule.pk], samples[sensor.pk], now)
                for rule, sensor in pairs}
    assert sums == {key: total for key, total in expected.items() if total}  # no reading in a window: no entry
    first, second = (sensor.pk for _rule, sensor in pairs[::4][:2])
    assert sums[(timedelta(minutes=10), first)] == round(1.5 + 1.57, 6)  # 0 and 7 minutes ago
    assert (timedelta(minutes=10), second) not in sums  # the second gauge has no 10-minute rule


SERIES = {"steady": [0, 10, 20, 30, 100, 200, 1500],
          "quiet_lately": [180, 240, 300, 2000],  # the latest reading 3 hours ago, inside the day's window
          "single": [30, 3000],  # one reading in the windows
          "future_only": [-5],  # nothing up to now
          "old": [5000]}  # nothing in any window


def test_first_and_latest_readings_give_the_metric_of_the_whole_series(regions, own_rules_only):
    now = timezone.now().replace(microsecond=0)
    kinds = [("rate", 60), ("rate", 1440), ("speed", 1440), ("value", 60), ("no_data", 60)]
    pairs, series = [], {}
    for name, ages in SERIES.items():
        sensor = make_station(regions["guihua"], f"T-SER-{name}").sensors.get()
        rows = sorted((sensor.pk, now - timedelta(minutes=age), 10 + age * age / 1000) for age in ages)
        storage.insert_readings(rows, now)
        series[sensor.pk] = [(t, v) for _s, t, v in rows]
        pairs += [(Rule.objects.create(code=f"GZ-R-{name}-{kind}-{minutes}", name=kind, kind=kind, sensor=sensor,
                                       quantity="rain", window_minutes=minutes, blue=1, yellow=2, orange=3, red=4,
                                       region=regions["district"]), sensor) for kind, minutes in kinds]
    specs = {rule.pk: rules.Spec.of(rule) for rule, _sensor in pairs}

    read = _samples({sensor for _rule, sensor in pairs}, pairs, now, specs)

    for rule, sensor in pairs:
        spec = specs[rule.pk]
        whole = [(t, v) for t, v in series[sensor.pk] if t <= now]
        assert rules.metric(spec, read[sensor.pk], now) == rules.metric(spec, whole, now), (rule.code, read)
    day_rate = next(rule for rule, _sensor in pairs if rule.code == "GZ-R-quiet_lately-rate-1440")
    assert rules.metric(specs[day_rate.pk], read[day_rate.sensor_id], now) is not None  # readings 3 h and 5 h old
