"""Loads the monitoring demonstration data (a DEMO_LOADERS entry, order 90, after prevention's enterprises):
~150 stations with their sensors, the district's rules, and the last 24 hours of hourly readings (so charts and
the rain layer show something before the simulator runs). Deterministic, flagged is_demo, bulk-created (one
audited save each would add seconds to every demo load); a second load keeps what the first wrote."""

from datetime import timedelta
from functools import cache

from django.utils import timezone

from yingji.core.models import Region
from yingji.demo import townships as places
from yingji.demo.loader import DISTRICT_REGION_CODE
from yingji.geo.partition import sample_points_in

from . import demo_data as data
from . import storage
from .choices import UNITS, Quantity
from .models import Rule, Sensor, Station
from .simulator import value_of

HISTORY_HOURS = 24


def load(progress=print) -> None:
    progress("载入监测预警：监测站点、传感器、阈值规则和近24小时数据……")
    if Station.objects.filter(is_demo=True).exists():
        return
    district = Region.objects.get(code=DISTRICT_REGION_CODE)
    stations = Station.objects.bulk_create(_stations())
    Sensor.objects.bulk_create([sensor for station in stations for sensor in _sensors(station)])
    Rule.objects.bulk_create([_rule(row, district) for row in data.RULES] + _water_rules(district))
    _link_hazard_points(stations)
    _history(stations)


def _link_hazard_points(stations) -> None:
    """Each landslide station is the 关联监测站点 of one census hazard point of its township (the first by code not
    linked yet): the point's page links the station (census reaches it through core.extensions.CODE_REFERENCES;
    monitoring may read census, not the reverse)."""
    from yingji.census.models import HazardPoint

    taken = set()
    for station in sorted((s for s in stations if s.station_type == "landslide"), key=lambda s: s.code):
        point = (HazardPoint.objects.filter(region__path__startswith=station.region.path, station_ref="")
                 .exclude(pk__in=taken).order_by("code").values_list("pk", flat=True).first())
        if point is not None:
            taken.add(point)
            HazardPoint.objects.filter(pk=point).update(station_ref=station.code)


@cache
def _region(name: str) -> Region:
    return Region.objects.get(code=places.township(name).code)


@cache
def _spots(name: str) -> tuple:
    code = places.township(name).code
    return tuple(sample_points_in(places.township_partition()[code], 30, seed=f"monitoring-{code}"))


def _station(code, name, kind, township, index, **fields) -> Station:
    lon, lat = fields.pop("lon", None), fields.pop("lat", None)
    if lon is None:
        lon, lat = _spots(township)[index % 30]
    return Station(code=code, name=name, station_type=kind, region=_region(township), lon=lon, lat=lat,
                   device_id=code.removeprefix("JC-"), is_demo=True, **fields)


def _stations() -> list[Station]:
    rows = []
    for t, town in enumerate(places.TOWNSHIPS):
        for k in range(2):
            rows.append(_station(f"JC-RG-{t + 1:02d}{k + 1}", f"{town.name}雨量站{k + 1}号", "rain", town.name, k,
                                 owner_department="区水利局", watched_object=f"{town.name}山洪沟道"))
    for k, town in enumerate(data.FUJIANG, 1):
        rows.append(_station(f"JC-WL-{k:02d}", f"涪江{town}水位站", "water", town, 3, owner_department="区水利局",
                             watched_object="涪江"))
    for k, (name, town) in enumerate(data.RESERVOIRS, 1):
        rows.append(_station(f"JC-RS-{k:02d}", f"{name}水位站", "reservoir", town, 4, owner_department="区水利局",
                             watched_object=name))
    for k in range(30):
        town = data.RURAL[k % len(data.RURAL)]
        rows.append(_station(f"JC-LS-{k + 1:02d}", f"{town}滑坡监测点{k // len(data.RURAL) + 1}号", "landslide", town,
                             5 + k, owner_department="区自然资源和规划局", watched_object=f"{town}地质灾害隐患点"))
    for k, town in enumerate(data.FOREST, 1):
        rows.append(_station(f"JC-FF-{k:02d}", f"{town}森林火险站", "forest_fire", town, 9,
                             owner_department="区林业局", watched_object=f"{town}林区"))
    for k, town in enumerate(data.FOREST, 1):
        rows.append(_station(f"JC-FC-{k:02d}", f"{town}烟火识别摄像头", "fire_camera", town, 10,
                             owner_department="区林业局", watched_object=f"{town}林区"))
    rows += _enterprise_stations()
    for k in range(6):
        town = places.TOWNSHIPS[k * 2].name
        rows.append(_station(f"JC-GN-{k + 1:02d}", f"{town}燃气管网监测点", "gas_network", town, 12,
                             owner_department="区住房和城乡建设局", watched_object=f"{town}中压燃气管网"))
        rows.append(_station(f"JC-ST-{k + 1:02d}", f"{data.FUJIANG[k]}桥梁边坡监测点", "structure", data.FUJIANG[k], 13,
                             owner_department="区交通运输局", watched_object="涪江桥梁及岸坡"))
    return _states(rows)


def _enterprise_stations() -> list[Station]:
    from yingji.prevention.models import Enterprise, MajorHazardSource

    rows = []
    chemical = Enterprise.objects.filter(code__startswith="QY-HX-", is_demo=True).order_by("code")
    for k, enterprise in enumerate(chemical, 1):
        town = enterprise.region.name
        rows.append(_station(f"JC-GD-{k:02d}", f"{enterprise.name}气体探测", "gas", town, 0, lon=enterprise.lon,
                             lat=enterprise.lat, owner_department="区应急管理局", enterprise=enterprise,
                             watched_object=enterprise.name))
    for k, source in enumerate(MajorHazardSource.objects.filter(is_demo=True).select_related("enterprise")
                               .order_by("code"), 1):
        for n in range(1, 4):
            rows.append(_station(f"JC-TK-{k:02d}{n}", f"{source.name}{n}号储罐", "tank", source.region.name, 0,
                                 lon=source.lon, lat=source.lat, owner_department="区应急管理局",
                                 enterprise=source.enterprise, hazard_source=source, watched_object=source.name))
    return rows


def _states(rows: list[Station]) -> list[Station]:
    """Most stations online; a few offline for a while, one in fault, one disabled (the dashboard has a story)."""
    now = timezone.now().replace(microsecond=0)
    for index, station in enumerate(rows):
        station.last_seen = now - timedelta(minutes=index % 5)
        if index % 37 == 5:
            station.status, station.last_seen = "offline", now - timedelta(hours=3 + index % 20)
    rows[17].status, rows[29].status = "fault", "disabled"
    return rows


def _sensors(station: Station) -> list[Sensor]:
    return [Sensor(code=f"CG-{station.device_id}-{q}", name=f"{station.name}·{Quantity(q).label}", station=station,
                   quantity=q,
                   unit=_unit(q), range_min=low, range_max=high, interval_seconds=every, region=station.region,
                   is_demo=True) for q, low, high, every in data.SENSORS[station.station_type]]


def _unit(quantity: str) -> str:
    return UNITS[quantity]


def _rule(row, district) -> Rule:
    code, name, kind, station_type, quantity, window, limits, hysteresis, duration, warning, incident = row
    blue, yellow, orange, red = limits
    return Rule(code=code, name=name, kind=kind, station_type=station_type, quantity=quantity, window_minutes=window,
                blue=blue, yellow=yellow, orange=orange, red=red, hysteresis=hysteresis,
                min_duration_minutes=duration, draft_warning=warning, open_incident=incident, region=district,
                is_demo=True)


def _water_rules(district) -> list[Rule]:
    """Each water-level gauge has its own limits (关注、警戒、保证 differ by site)."""
    rules = []
    for sensor in Sensor.objects.filter(is_demo=True, quantity="water_level").select_related("station"):
        middle = (sensor.range_min + sensor.range_max) / 2
        blue, yellow, orange, red = (round(middle + offset, 1) for offset in data.WATER_OFFSETS)
        rules.append(Rule(code=f"GZ-WL-{sensor.station.device_id}", name=f"{sensor.station.name}水位",
                          kind="value", sensor=sensor, quantity="water_level", window_minutes=60, blue=blue,
                          yellow=yellow, orange=orange, red=red, hysteresis=0.2, min_duration_minutes=10,
                          draft_warning=True, region=district, is_demo=True))
    return rules


def _history(stations: list[Station]) -> None:
    """Hourly readings of the last 24 hours for the stations seen recently (no rules run on them)."""
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    sensors = Sensor.objects.filter(station__in=[s for s in stations if s.status == "online"]).order_by("pk")
    rows = [(sensor.pk, now - timedelta(hours=h), value_of(sensor, sensor.pk, now - timedelta(hours=h)))
            for sensor in sensors for h in range(HISTORY_HOURS, 0, -1)]
    inserted = storage.insert_readings(rows, timezone.now())
    storage.update_aggregates([row for row in rows if (row[0], storage.time_key(row[1])) in inserted])
