"""Storing readings: validate each against its station and sensor, insert once by (sensor, time), keep the hourly
and daily aggregates, mark the station seen, write every refused reading to the dead letters with its reason,
then evaluate the sensors' rules. Whatever comes in is counted: received = stored + dead-lettered."""

import logging
from dataclasses import dataclass, field
from datetime import UTC, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from . import storage
from .catalog import SensorRef, StationRef
from .choices import Reason, StationStatus
from .models import DeadLetter, Reading, Sensor, Station
from .parsing import Item

log = logging.getLogger(__name__)


def max_skew() -> timedelta:
    return timedelta(seconds=getattr(settings, "MONITORING_MAX_SKEW_SECONDS", 300))


def max_age() -> timedelta:
    return timedelta(days=getattr(settings, "MONITORING_MAX_AGE_DAYS", 7))


@dataclass
class Outcome:
    received: int = 0
    stored: int = 0
    refused: list[Item] = field(default_factory=list)
    sensors: set[int] = field(default_factory=set)

    def add(self, other: "Outcome") -> None:
        self.received += other.received
        self.stored += other.stored
        self.refused += other.refused
        self.sensors |= other.sensors


def ingest(items: list[Item], source: str, now=None, evaluate: bool = True, catalog=None) -> Outcome:
    """Store a batch in one transaction; the rules run in a savepoint of their own (a rule failing never loses a
    reading). `now` is the clock of the skew check and the rules. `catalog`: a long-running ingester's cached
    stations and sensors (`monitoring.catalog`), else they are read here."""
    now = now or timezone.now()
    outcome = Outcome(received=len(items))
    with transaction.atomic():
        devices = {item.device for item in items if not item.reason}
        stations = catalog.devices if catalog is not None else _stations(devices)
        latest, earliest = now + max_skew(), now - max_age()
        good = [(item, sensor) for item in items if not item.reason
                for sensor in (_check(item, stations, latest, earliest),) if sensor is not None]
        unique = _unique_in_batch(good)
        inserted = storage.insert_readings([row for _item, row, _key in unique], now)
        stored = []
        for item, row, key in unique:
            if key in inserted:
                stored.append(row)
            else:
                item.refuse(Reason.DUPLICATE, "time", "该时间的数据已存在")
        storage.update_aggregates(stored)
        _mark_seen(stations, good, catalog)
        outcome.refused = [item for item in items if item.reason]
        outcome.stored = len(stored)
        outcome.sensors = {row[0] for row in stored}
        _dead_letters(outcome.refused, source, now)
    if evaluate:
        evaluate_rules(outcome.sensors, now, catalog)
    return outcome


def recently_received_sensors(within: timedelta) -> set[int]:
    """Sensors with readings received in the last `within` (of the last day's readings: the rules look back a day
    at most)."""
    now = timezone.now()
    return set(Reading.objects.filter(time__gte=now - timedelta(days=1), received__gte=now - within)
               .values_list("sensor", flat=True).distinct())


def evaluate_rules(sensor_ids, now=None, catalog=None) -> None:
    """The rules of these sensors, after their readings are committed: a rule failing never loses a reading (the
    sensor's next reading evaluates it again)."""
    if not sensor_ids:
        return
    from .alarms import evaluate_sensors

    try:
        evaluate_sensors(sensor_ids, now, catalog)
    except Exception:
        log.exception("monitoring rules failed for sensors %s", sorted(sensor_ids)[:20])


def _stations(devices: set[str]) -> dict[str, StationRef]:
    """The batch's stations and their sensors by quantity: two queries of plain values (model instances for a
    batch's stations and sensors cost more than storing its readings)."""
    result = {device: StationRef(pk, seen, status) for device, pk, seen, status in Station.objects.filter(
        device_id__in=devices).values_list("device_id", "pk", "last_seen", "status")}
    sensors = Sensor.objects.filter(station__device_id__in=devices).values_list(
        "station__device_id", "quantity", "pk", "unit", "range_min", "range_max")
    for device, quantity, pk, unit, low, high in sensors:
        result[device].by_quantity[quantity] = SensorRef(pk, unit, low, high)
    return result


def _check(item: Item, stations: dict, latest, earliest) -> SensorRef | None:
    """The item's sensor if the item is good, else None (and the item refused)."""
    station = stations.get(item.device)
    if station is None:
        item.refuse(Reason.UNKNOWN_DEVICE, "device", f"未登记的设备：{item.device[:64]}")
        return None
    sensor = station.by_quantity.get(item.quantity)
    if sensor is None:
        item.refuse(Reason.UNKNOWN_QUANTITY, f"values.{item.quantity}"[:64], f"站点没有“{item.quantity[:40]}”传感器")
        return None
    if item.unit and item.unit != sensor.unit:
        item.refuse(Reason.UNIT_MISMATCH, f"values.{item.quantity}", f"单位应为 {sensor.unit}，收到 {item.unit[:16]}")
        return None
    if not sensor.range_min <= item.value <= sensor.range_max:
        item.refuse(Reason.OUT_OF_RANGE, f"values.{item.quantity}",
                    f"{item.value:g} 超出量程 {sensor.range_min:g}～{sensor.range_max:g}")
        return None
    if item.time > latest or item.time < earliest:
        item.refuse(Reason.CLOCK_SKEW, "time", f"设备时间 {item.time.isoformat()} 与服务器时间相差过大")
        return None
    return sensor


def _unique_in_batch(good: list[tuple]) -> list[tuple]:
    """(item, (sensor id, time, value) row, (sensor id, UTC time) key) of each reading to insert; a second reading
    of a sensor at the same time in one batch is a duplicate."""
    result, seen = [], set()
    for item, sensor in good:
        key = (sensor.pk, item.time.astimezone(UTC))
        if key in seen:
            item.refuse(Reason.DUPLICATE, "time", "同一批数据中该时间重复")
            continue
        seen.add(key)
        result.append((item, (sensor.pk, item.time, item.value), key))
    return result


def _mark_seen(stations: dict, good: list[tuple], catalog=None) -> None:
    """Each station's last_seen moved forward to its newest reading, and silent stations back online: one
    statement each."""
    latest = {}
    for item, _sensor in good:
        if not item.reason and (item.device not in latest or item.time > latest[item.device]):
            latest[item.device] = item.time
    newer = [(stations[device].pk, moment) for device, moment in latest.items()
             if stations[device].last_seen is None or moment > stations[device].last_seen]
    storage.move_forward("monitoring_station", "last_seen", newer)
    if catalog is not None:
        for device, moment in latest.items():
            catalog.seen(stations[device], moment)
    # A cached station's status is not known (the offline pass runs elsewhere): ask the database in the statement.
    back = [stations[device].pk for device in latest if stations[device].status in (None, StationStatus.OFFLINE)]
    if back:
        Station.objects.filter(pk__in=back, status=StationStatus.OFFLINE).update(status=StationStatus.ONLINE)


def _dead_letters(refused: list[Item], source: str, now) -> None:
    DeadLetter.objects.bulk_create([
        DeadLetter(received=now, source=source, device=item.device[:64], reason=item.reason, field=item.field[:64],
                   detail=item.detail[:300], payload=item.payload) for item in refused])
