"""The one-map layers of the stations (offline grey, alarming in the colour of the alarm) and of the rain of the
last 60 minutes (graduated), and the alarms as marks on the station's chart."""

from datetime import timedelta

import pytest
from django.utils import timezone

from yingji.monitoring.choices import LEVEL_HEX, STATUS_HEX
from yingji.monitoring.ingest import ingest
from yingji.monitoring.parsing import items_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("own_rules_only")]


def _rain(device, minutes_ago, mm, now):
    moment = now - timedelta(minutes=minutes_ago)
    return ingest(items_of({"device": device, "time": moment.isoformat(), "values": {"rain": mm}}), "mqtt", now=now)


def _feature(api, user, slug, code):
    body = api(user).get(f"/api/onemap/layers/{slug}/").json()
    return next(f["properties"] for f in body["features"] if f["properties"]["code"] == code)


def test_an_alarming_station_has_its_alarm_colour_an_offline_one_is_grey(api, users, gauge, tank, rain_rule):
    _rain("T-RG-1", 0, 60.0, timezone.now())  # red at once
    tank.status = "offline"
    tank.save()
    commander = users["commander"]
    assert _feature(api, commander, "monitoring-water", gauge.code)["color"] == LEVEL_HEX["red"]
    assert _feature(api, commander, "monitoring-safety", tank.code)["color"] == STATUS_HEX["offline"]
    chart = api(commander).get(f"/api/monitoring/stations/{gauge.uuid}/series/?days=1").json()["sensors"][0]
    assert [(a["value"], a["color"]) for a in chart["alarms"]] == [(60.0, LEVEL_HEX["red"])]


def test_the_rain_layer_grades_the_last_60_minutes_across_the_hour(api, users, gauge):
    now = timezone.now().replace(microsecond=0)
    for minutes_ago, mm in ((70, 30.0), (50, 6.0), (5, 6.5)):
        _rain("T-RG-1", minutes_ago, mm, now)
    rain = _feature(api, users["commander"], "monitoring-rain-hour", gauge.code)
    assert rain["lines"] == ["近1小时雨量：12.5 毫米"] and rain["color"] == LEVEL_HEX["yellow"]
