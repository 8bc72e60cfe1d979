"""What ingest reads for every reading and every rules pass — the stations by device id with their sensors by
quantity, each sensor's station and rules, each rule's spec — held by a long-running ingester and read again only
when the registry changed.

A change is seen by one small statement per batch (`stamp`): the row count, highest id, latest `updated` and sum
of `version` of the rule, sensor and station tables. Every edit through the registry (form, API, Excel import, the
admin) saves the row, which moves `updated` and `version`; adding or deleting a row moves the count or the highest
id. So a rule edited on the web is in force for the ingester's next batch, though the ingester is another process.
(A raw `UPDATE` of those tables by hand is not seen until the next change or restart.)

What the catalog does not hold: a station's status and last_seen (others write them: the offline pass, another
ingester), the rules' states and the open alarms (read and locked in each pass)."""

from dataclasses import dataclass, field

from django.db import connection

from . import rules
from .models import Rule, Sensor, Station


@dataclass(slots=True)
class SensorRef:
    pk: int
    unit: str
    range_min: float
    range_max: float


@dataclass(slots=True)
class StationRef:
    pk: int
    last_seen: object
    status: str | None  # None: not known (a cached station; another process may have changed it)
    by_quantity: dict = field(default_factory=dict)


STAMP_SQL = " UNION ALL ".join(
    f"SELECT {i}, COUNT(*), MAX(id), MAX(updated), SUM(version) FROM {table}"
    for i, table in enumerate(("monitoring_rule", "monitoring_sensor", "monitoring_station")))


def stamp() -> tuple:
    with connection.cursor() as cursor:
        cursor.execute(STAMP_SQL)
        return tuple(sorted(tuple(str(v) for v in row) for row in cursor.fetchall()))


class Catalog:
    """Stations, sensors and rules of the whole registry, as plain values and a few model instances (the sensors
    with their stations, the rules: what an alarm is made from)."""

    def __init__(self):
        self.stamp = None
        self.devices: dict[str, StationRef] = {}
        self.sensors: dict[int, Sensor] = {}
        self.pairs: dict[int, list[Rule]] = {}
        self.specs: dict[int, rules.Spec] = {}
        self.loads = 0

    def refresh(self) -> bool:
        """Read the registry again if it changed since the last look; True if it did."""
        current = stamp()
        if current == self.stamp:
            return False
        self._load()
        self.stamp = current
        return True

    def _load(self) -> None:
        self.loads += 1
        self.devices = {device: StationRef(pk, seen, None) for device, pk, seen in Station.objects.values_list(
            "device_id", "pk", "last_seen")}
        self.sensors = {}
        for sensor in Sensor.objects.select_related("station").defer("station__geometry", "geometry"):
            self.sensors[sensor.pk] = sensor
            station = self.devices.get(sensor.station.device_id)
            if station is not None:
                station.by_quantity[sensor.quantity] = SensorRef(sensor.pk, sensor.unit, sensor.range_min,
                                                                 sensor.range_max)
        self.pairs, self.specs = pairs_of(self.sensors.values(), list(Rule.objects.defer("geometry")))

    def seen(self, station: StationRef, moment) -> None:
        if station.last_seen is None or moment > station.last_seen:
            station.last_seen = moment


def pairs_of(sensors, candidates) -> tuple[dict[int, list[Rule]], dict[int, rules.Spec]]:
    """Each sensor's rules (those naming it, and those of its station type and quantity), and each rule's spec."""
    by_sensor, by_type = {}, {}
    for rule in candidates:
        if rule.sensor_id:
            by_sensor.setdefault(rule.sensor_id, []).append(rule)
        elif rule.station_type:
            by_type.setdefault((rule.station_type, rule.quantity), []).append(rule)
    pairs = {}
    for sensor in sensors:
        found = by_sensor.get(sensor.pk, []) + by_type.get((sensor.station.station_type, sensor.quantity), [])
        if found:
            pairs[sensor.pk] = found
    return pairs, {rule.pk: rules.Spec.of(rule) for rule in candidates}
