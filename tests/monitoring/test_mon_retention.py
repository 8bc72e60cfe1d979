"""Retention: raw readings older than the setting go (batched DELETE on SQLite), their hourly and daily aggregates
stay and the 30-day chart still shows that period; aggregates missing rows are completed before the rows go; the
setting never goes below the days ingest and the rules still need; the command and the daily hook."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from yingji.core.extensions import PERIODIC_HOOKS
from yingji.monitoring import retention, storage
from yingji.monitoring.models import Aggregate, DeadLetter, Reading
from yingji.monitoring.series import station_series

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("own_rules_only")]
NOW = timezone.now().replace(microsecond=0)


def _noon(days_ago):
    return storage.day_of(NOW - timedelta(days=days_ago)) + timedelta(hours=12)


def _store(sensor, days_ago, count=6, value=1.0):
    """`count` readings 10 minutes apart from noon of that district day, through storage (aggregates kept)."""
    rows = [(sensor.pk, _noon(days_ago) + timedelta(minutes=10 * i), value) for i in range(count)]
    inserted = storage.insert_readings(rows, NOW)
    storage.update_aggregates([row for row in rows if (row[0], row[1]) in inserted])


def _raw_days(sensor):
    return sorted({(timezone.localdate(NOW) - timezone.localtime(t).date()).days
                   for t in Reading.objects.filter(sensor=sensor).values_list("time", flat=True)}, reverse=True)


def _day_total(sensor, days_ago):
    return Aggregate.objects.get(sensor=sensor, period="day", start=storage.day_of(_noon(days_ago))).total


def test_old_raw_readings_go_their_aggregates_stay_and_the_chart_still_shows_them(settings, api, users, gauge):
    settings.MONITORING_RAW_RETENTION_DAYS = 10
    sensor = gauge.sensors.get()
    for days_ago in (40, 20, 12, 9, 2):
        _store(sensor, days_ago)
    outcome = retention.purge(now=NOW)
    assert outcome.cutoff == storage.day_of(NOW - timedelta(days=10))
    assert outcome.deleted >= 18 and outcome.rebuilt == 0
    assert _raw_days(sensor) == [9, 2]
    assert [_day_total(sensor, d) for d in (40, 20, 12, 9, 2)] == [6.0] * 5
    hours = Aggregate.objects.filter(sensor=sensor, period="hour", start__lt=outcome.cutoff)
    assert sorted(hours.values_list("count", flat=True)) == [6, 6, 6]

    chart = station_series(gauge, 30)[0]
    shown = dict(zip(chart["x"], chart["y"], strict=True))
    for days_ago in (20, 12, 9, 2):
        assert shown[timezone.localtime(storage.day_of(_noon(days_ago))).isoformat()] == 6.0
    body = api(users["commander"]).get(f"/api/monitoring/stations/{gauge.uuid}/series/?days=30").json()
    assert body["sensors"][0]["y"] == chart["y"]


def test_rows_the_aggregates_miss_are_added_to_them_before_they_go(settings, gauge):
    settings.MONITORING_RAW_RETENTION_DAYS = 10
    sensor = gauge.sensors.get()
    _store(sensor, 15, count=2, value=2.0)  # noon and 12:10 through storage
    loaded = [Reading(sensor=sensor, time=_noon(15) + timedelta(minutes=m), value=5.0) for m in (20, 30)]
    loaded.append(Reading(sensor=sensor, time=_noon(15) + timedelta(hours=3), value=7.0))
    Reading.objects.bulk_create(loaded)  # by hand: not in the aggregates
    outcome = retention.purge(now=NOW)
    assert outcome.rebuilt == 2 and _raw_days(sensor) == []
    noon = Aggregate.objects.get(sensor=sensor, period="hour", start=_noon(15))
    assert (noon.count, noon.total, noon.minimum, noon.maximum, noon.last_value) == (4, 14.0, 2.0, 5.0, 5.0)
    assert Aggregate.objects.get(sensor=sensor, period="hour", start=_noon(15) + timedelta(hours=3)).total == 7.0
    day = Aggregate.objects.get(sensor=sensor, period="day", start=storage.day_of(_noon(15)))
    assert (day.count, day.total, day.maximum, day.last_value) == (5, 21.0, 7.0, 7.0)


def test_the_setting_never_goes_below_what_late_readings_and_rules_need(settings, gauge):
    settings.MONITORING_RAW_RETENTION_DAYS = 1
    sensor = gauge.sensors.get()
    for days_ago in (9, 7, 3):
        _store(sensor, days_ago)
    assert retention.raw_days() == 8
    retention.purge(now=NOW)
    assert _raw_days(sensor) == [7, 3]


def test_old_dead_letters_go(settings):
    settings.MONITORING_DEAD_LETTER_RETENTION_DAYS = 30
    old = DeadLetter.objects.create(source="mqtt", device="X", reason="unknown_device")
    DeadLetter.objects.filter(pk=old.pk).update(received=NOW - timedelta(days=31))
    young = DeadLetter.objects.create(source="mqtt", device="Y", reason="unknown_device")
    assert retention.purge(now=NOW).dead_letters == 1
    assert list(DeadLetter.objects.values_list("pk", flat=True)) == [young.pk]


def test_the_command_says_what_goes_asks_first_and_the_worker_runs_it_daily(settings, gauge, monkeypatch):
    settings.MONITORING_RAW_RETENTION_DAYS = 10
    sensor = gauge.sensors.get()
    _store(sensor, 20)
    out = StringIO()
    call_command("purge_readings", "--dry-run", stdout=out)
    assert "保留 10 天原始数据" in out.getvalue() and _raw_days(sensor) == [20]
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    with pytest.raises(CommandError, match="已取消"):
        call_command("purge_readings", stdout=StringIO())
    assert _raw_days(sensor) == [20]
    out = StringIO()
    call_command("purge_readings", "--noinput", stdout=out)
    assert "已删除原始数据 6 条" in out.getvalue() and _raw_days(sensor) == []
    assert next(h for h in PERIODIC_HOOKS if h.key == "monitoring.retention").every_seconds == 86400
