"""Figures of the monitoring dashboard, computed live in the user's reach: online rate, alarms today, the
longest-offline stations, stations and open alarms by type and level."""

from django.db.models import Count
from django.utils import timezone

from yingji.core.scoping import scope_to_user

from .choices import LEVEL_HEX, LEVELS, OPEN_ALARM_STATES, Level, StationStatus, StationType
from .models import Alarm, DeadLetter, Station


def figures(user, now=None) -> dict:
    now = now or timezone.now()
    stations = scope_to_user(Station.objects.all(), user)
    counted = stations.exclude(status=StationStatus.DISABLED)
    total, online = counted.count(), counted.filter(status=StationStatus.ONLINE).count()
    alarms = scope_to_user(Alarm.objects.all(), user)
    midnight = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    by_type = dict(stations.values_list("station_type").annotate(n=Count("id")))
    open_by_level = dict(alarms.filter(state__in=OPEN_ALARM_STATES).values_list("level").annotate(n=Count("id")))
    return {
        "stations": total, "online": online, "online_rate": round(100 * online / total, 1) if total else 0.0,
        "alarms_today": alarms.filter(triggered_at__gte=midnight).count(),
        "open_alarms": sum(open_by_level.values()),
        "open_by_level": {level: open_by_level.get(level, 0) for level in reversed(LEVELS)},
        "open_levels": [{"level": v, "label": str(label), "colour": LEVEL_HEX[v], "count": open_by_level.get(v, 0)}
                        for v, label in reversed(Level.choices)],
        "by_type": [{"type": t.value, "label": str(t.label), "count": by_type.get(t.value, 0)} for t in StationType],
        "dead_letters_today": DeadLetter.objects.filter(received__gte=midnight).count(),
    }


def longest_offline(user, limit: int = 10):
    stations = scope_to_user(Station.objects.filter(status__in=(StationStatus.OFFLINE, StationStatus.FAULT)), user)
    return list(stations.order_by("last_seen", "code")[:limit])


def open_alarms(user, limit: int = 50):
    alarms = scope_to_user(Alarm.objects.filter(state__in=OPEN_ALARM_STATES), user)
    return list(alarms.select_related("station", "sensor", "rule").order_by("-triggered_at")[:limit])
