"""Chart data of a station from the aggregates: per sensor, hourly points (last 24 h or 7 d) or daily ones (30 d),
the static limits of its value rules as lines, and its alarms as marks."""

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from .choices import LEVEL_HEX, RuleKind
from .models import Aggregate, Alarm, Rule
from .storage import hour_of

SUMMED = {"rain"}  # quantities whose hourly figure is the sum (rainfall); the others show the mean


def station_series(station, days: int, now=None) -> list[dict]:
    now = now or timezone.now()
    period = "hour" if days <= 7 else "day"
    since = hour_of(now) - timedelta(days=days)
    sensors = list(station.sensors.order_by("quantity"))
    rows = Aggregate.objects.filter(sensor__in=sensors, period=period, start__gt=since).order_by("start")
    points = {s.pk: ([], []) for s in sensors}
    for sensor_id, start, count, total in rows.values_list("sensor", "start", "count", "total"):
        sensor = next(s for s in sensors if s.pk == sensor_id)
        figure = total if sensor.quantity in SUMMED else total / count
        points[sensor_id][0].append(timezone.localtime(start).isoformat())
        points[sensor_id][1].append(round(figure, 3))
    return [{"code": s.code, "quantity": s.quantity, "label": s.get_quantity_display(), "unit": s.unit,
             "summed": s.quantity in SUMMED, "period": period, "x": points[s.pk][0], "y": points[s.pk][1],
             "limits": limits_of(station, s), "alarms": _alarms(s, since)} for s in sensors]


def limits_of(station, sensor) -> list[dict]:
    """The limits of the value rules on this sensor (hourly sums: the 1-hour accumulation rules for rainfall)."""
    applies = Q(sensor=sensor) | Q(sensor__isnull=True, station_type=station.station_type, quantity=sensor.quantity)
    kinds = {RuleKind.VALUE} | ({RuleKind.ACCUMULATION} if sensor.quantity in SUMMED else set())
    result = []
    for rule in Rule.objects.filter(applies, kind__in=kinds).order_by("code"):
        if rule.kind == RuleKind.ACCUMULATION and rule.window_minutes != 60:
            continue
        result += [{"level": level, "value": value, "color": LEVEL_HEX[level], "rule": rule.name}
                   for level, value in rule.limits()]
    return result


def _alarms(sensor, since) -> list[dict]:
    return [{"time": timezone.localtime(a.triggered_at).isoformat(), "value": a.value, "level": a.level,
             "color": LEVEL_HEX[a.level]}
            for a in Alarm.objects.filter(sensor=sensor, triggered_at__gt=since).exclude(rule__kind=RuleKind.NO_DATA)
            .order_by("triggered_at")[:200]]  # a no-data alarm's value is minutes, not on this axis
