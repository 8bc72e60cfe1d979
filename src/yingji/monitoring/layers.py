"""One-map layers: stations by type (colour by state: online green, offline grey, alarming by the alarm's level)
and the rainfall of the last 60 minutes at each rain gauge, graduated."""

from datetime import timedelta

from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from yingji.core.extensions import MAP_LAYERS, MapLayer
from yingji.core.geojson import MAX_FEATURES, detail_url, located, point

from .choices import LEVEL_HEX, LEVELS, OPEN_ALARM_STATES, STATUS_HEX, Level, StationStatus, StationType
from .models import Alarm, Reading, Sensor, Station

GROUP = _lazy("监测预警")
RAIN_STEPS = ((50, LEVEL_HEX["red"]), (30, LEVEL_HEX["orange"]), (10, LEVEL_HEX["yellow"]),
              (0.1, LEVEL_HEX["blue"]), (0, STATUS_HEX["disabled"]))


def alarm_levels(stations) -> dict[int, str]:
    """station id → the highest level among its open alarms."""
    levels = {}
    for station, level in Alarm.objects.filter(station__in=stations, state__in=OPEN_ALARM_STATES).values_list(
            "station", "level"):
        if LEVELS.index(level) >= LEVELS.index(levels.get(station, LEVELS[0])):
            levels[station] = level
    return levels


def _colour(station, levels) -> str:
    return LEVEL_HEX[levels[station.pk]] if station.pk in levels else STATUS_HEX[station.status]


def _stations_of(station_types):
    def features(user, bbox, params):
        rows = list(located(Station.objects.filter(station_type__in=station_types), user, bbox, params)
                    [:MAX_FEATURES])
        levels, url = alarm_levels([r.pk for r in rows]), detail_url("monitoring:station")
        return [point(s.lon, s.lat, {"uuid": str(s.uuid), "code": s.code, "name": s.name, "url": url(s.uuid),
                                     "color": _colour(s, levels),
                                     "lines": [s.get_station_type_display(), s.get_status_display(),
                                               s.watched_object]}) for s in rows]

    return features


def _rain_last_hour(user, bbox, params):
    """Each rain gauge's rain of the last 60 minutes (a rolling hour, from the raw readings: at 10:05 it is not
    five minutes' rain)."""
    now = timezone.now()
    rows = list(located(Station.objects.filter(station_type=StationType.RAIN), user, bbox, params)[:MAX_FEATURES])
    gauges = dict(Sensor.objects.filter(station__in=rows, quantity="rain").values_list("pk", "station"))
    totals = {}
    for sensor, total in (Reading.objects.filter(sensor__in=list(gauges), time__gt=now - timedelta(hours=1),
                                                 time__lte=now)
                          .values("sensor").annotate(total=Sum("value")).values_list("sensor", "total")):
        totals[gauges[sensor]] = totals.get(gauges[sensor], 0) + total
    url = detail_url("monitoring:station")
    return [point(s.lon, s.lat, {"uuid": str(s.uuid), "code": s.code, "name": s.name, "url": url(s.uuid),
                                 "color": next(c for limit, c in RAIN_STEPS if totals.get(s.pk, 0) >= limit),
                                 "lines": [_("近1小时雨量：%(v).1f 毫米") % {"v": totals.get(s.pk, 0)}]})
            for s in rows]


STATE_LEGEND = ((STATUS_HEX["online"], StationStatus.ONLINE.label),
                (STATUS_HEX["offline"], StationStatus.OFFLINE.label), (STATUS_HEX["fault"], StationStatus.FAULT.label),
                *((LEVEL_HEX[value], label) for value, label in Level.choices))
RAIN_LEGEND = ((LEVEL_HEX["red"], _lazy("≥50 毫米")), (LEVEL_HEX["orange"], _lazy("30–50 毫米")),
               (LEVEL_HEX["yellow"], _lazy("10–30 毫米")), (LEVEL_HEX["blue"], _lazy("0.1–10 毫米")),
               (STATUS_HEX["disabled"], _lazy("无降雨")))
LAYERS = (
    ("monitoring-water", _lazy("水雨情监测站"), (StationType.RAIN, StationType.WATER, StationType.RESERVOIR)),
    ("monitoring-geology", _lazy("地质灾害与桥梁边坡监测"), (StationType.LANDSLIDE, StationType.STRUCTURE)),
    ("monitoring-forest", _lazy("森林火险监测"), (StationType.FOREST_FIRE, StationType.FIRE_CAMERA)),
    ("monitoring-safety", _lazy("危化品与燃气监测"), (StationType.TANK, StationType.GAS, StationType.GAS_NETWORK)),
)


def register_layers() -> None:
    for order, (slug, title, types) in enumerate(LAYERS, 80):
        MAP_LAYERS.add(MapLayer(slug, title, GROUP, _stations_of(types), color=STATUS_HEX["online"],
                                permission="monitoring.view_station", order=order, legend=STATE_LEGEND))
    MAP_LAYERS.add(MapLayer("monitoring-rain-hour", _lazy("近1小时雨量"), GROUP, _rain_last_hour,
                            color=LEVEL_HEX["blue"], permission="monitoring.view_station", order=85,
                            legend=RAIN_LEGEND))
