"""A sensor simulator for the demo: publishes plausible readings of every (demo) station over MQTT, one message
per station with all its quantities, deterministic for a given time. `storm` names townships where a rainstorm is
replayed: the past hour's 5-minute rainfall is sent at once, heavy enough to cross the 山洪 thresholds."""

import json
import math
import time as clock
from datetime import datetime, timedelta

from django.utils import timezone

from .models import Station
from .mqtt import topic_of

# Where a quiet sensor sits in its range (fraction), below every demo rule's blue limit.
MIDDLE = {"tank_level": 0.55, "temperature": 0.3, "pressure": 0.25, "gas_lel": 0.02, "toxic": 0.005, "smoke": 0.03,
          "fire_index": 0.3, "moisture": 0.4, "tilt": 0.5, "displacement": 0.1, "crack": 0.04, "strain": 0.45}
STORM_MM_PER_5MIN = (2.0, 3.0, 4.0, 5.0, 6.0, 6.5, 7.0, 6.0, 5.0, 4.5, 4.0, 3.5)  # 56.5 mm in the hour: red


def _wave(seed: int, moment: datetime, period_hours: float) -> float:
    phase = (seed * 0.618) % 1
    return math.sin(2 * math.pi * (moment.timestamp() / 3600 / period_hours + phase))


def value_of(sensor, seed: int, moment: datetime, storm: bool = False) -> float:
    """A reading inside the sensor's range: a slow daily wave around a plausible middle."""
    low, high = sensor.range_min, sensor.range_max
    span, wave = high - low, _wave(seed, moment, 24)
    if sensor.quantity == "rain":
        return 5.0 if storm else round(max(0.0, 0.3 * wave), 1)
    if sensor.quantity in ("water_level",):
        return round(low + span * (0.45 + 0.05 * wave + (0.2 if storm else 0)), 2)
    middle = MIDDLE.get(sensor.quantity, 0.4)
    # A slope creeping fast is an alarm; a gas reading swinging past a few times its middle would cross 25 ppm.
    swing = 0.0005 if sensor.quantity == "displacement" else min(0.02, middle / 2)
    return round(low + span * max(0.0, middle + swing * wave), 3)


def messages(stations, moment: datetime, storm_townships=(), root: str | None = None) -> list[tuple[str, dict]]:
    result = []
    for station in stations:
        storm = station.region.name in storm_townships
        values = {s.quantity: value_of(s, station.pk * 31 + i, moment, storm)
                  for i, s in enumerate(station.sensors.all())}
        if values:
            body = {"device": station.device_id, "time": moment.isoformat(), "values": values}
            result.append((topic_of(station.device_id, root), body))
    return result


def storm_backfill(stations, now: datetime, storm_townships, root: str | None = None) -> list[tuple[str, dict]]:
    """The rain of the past hour at the storm's rain gauges, 5 minutes apart (a batch per gauge)."""
    result = []
    for station in stations:
        if station.region.name not in storm_townships or station.station_type != "rain":
            continue
        batch = [{"device": station.device_id, "time": (now - timedelta(minutes=5 * (11 - i))).isoformat(),
                  "values": {"rain": mm}} for i, mm in enumerate(STORM_MM_PER_5MIN)]
        result.append((topic_of(station.device_id, root), batch))
    return result


def demo_stations():
    return list(Station.objects.filter(is_demo=True).exclude(status="disabled")
                .select_related("region").prefetch_related("sensors").order_by("code"))


def publish_all(client, payloads) -> int:
    infos = [client.publish(topic, json.dumps(body, ensure_ascii=False), qos=1) for topic, body in payloads]
    for info in infos:
        info.wait_for_publish(10)
    return len(infos)


def run(host: str, port: int, interval: float, storm_townships=(), rounds: int | None = None, stop=None,
        root: str | None = None) -> int:
    """Publish a round every `interval` seconds (all rounds: `rounds` None); the number of messages sent."""
    import paho.mqtt.client as mqtt

    client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id=f"yingji-simulator-{clock.time_ns()}")
    client.connect(host, port)
    client.loop_start()
    # The demo's silent stations (offline for hours, in fault) stay silent: the dashboard keeps its story.
    stations, sent, done = [s for s in demo_stations() if s.status not in ("offline", "fault")], 0, 0
    try:
        now = timezone.now().replace(microsecond=0)
        if storm_townships:
            sent += publish_all(client, storm_backfill(stations, now, storm_townships, root))
        while rounds is None or done < rounds:
            if stop is not None and stop.is_set():
                break
            now = timezone.now().replace(microsecond=0)
            sent += publish_all(client, messages(stations, now, storm_townships, root))
            done += 1
            if rounds is None or done < rounds:
                (stop.wait(interval) if stop is not None else clock.sleep(interval))
    finally:
        client.loop_stop()
        client.disconnect()
    return sent
