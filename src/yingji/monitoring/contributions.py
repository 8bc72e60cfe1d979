"""What the monitoring app contributes to the platform (core.extensions), registered from apps.py: its menu, map
layers, open alarms in the duty desk's to-do inbox, the periodic no-data pass, partitions and retention, and its
demo data."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _lazy

from yingji.core import extensions as ext
from yingji.core.scoping import scope_to_user


def _open_alarms(user):
    from .choices import OPEN_ALARM_STATES
    from .models import Alarm

    if not user.has_perm("monitoring.handle_alarm"):
        return Alarm.objects.none()
    return scope_to_user(Alarm.objects.filter(state__in=OPEN_ALARM_STATES), user)


def _alarm_items(user) -> list[ext.TodoItem]:
    return [ext.TodoItem(title=str(a), url=reverse("monitoring:alarm", kwargs={"uuid": a.uuid}),
                         kind=a.get_state_display(), waiting_since=a.triggered_at)
            for a in _open_alarms(user).select_related("station", "sensor", "rule").order_by("triggered_at")[:50]]


def _no_data():
    from .alarms import check_no_data

    return check_no_data()


def _coverage(user):
    from .coverage import coverage

    return coverage(user)


def _partitions():
    from .storage import ensure_partitions

    return ensure_partitions()


def _retention():
    from .retention import purge

    return purge()


def _stations_named(user, codes) -> dict[str, dict]:
    """A station by its code or device id (a census hazard point's 关联监测站点 names either, as coverage.py reads)."""
    from django.db.models import Q

    from .models import Station

    codes = [c.strip() for c in codes if c and c.strip()]
    if not codes:
        return {}
    stations = Station.objects.filter(Q(code__in=codes) | Q(device_id__in=codes)).only("uuid", "code", "name",
                                                                                       "device_id", "region_id")
    if user is not None:
        stations = scope_to_user(stations, user) if user.has_perm("monitoring.view_station") else stations.none()
    found = {}
    for station in stations:
        entry = {"code": station.code, "name": station.name,
                 "url": reverse("monitoring:station", kwargs={"uuid": station.uuid})}
        for name in (station.code, station.device_id):
            if name in codes:
                found[name] = entry
    return found


def _stations_like(user, text, limit) -> list[dict]:
    from django.db.models import Q

    from .models import Station

    if not user.has_perm("monitoring.view_station"):
        return []
    stations = scope_to_user(Station.objects.all(), user)
    if text:
        stations = stations.filter(Q(code__icontains=text) | Q(name__icontains=text) | Q(device_id__icontains=text))
    rows = stations.order_by("code").values_list("code", "name")[:limit]
    return [{"code": code, "name": name} for code, name in rows]


def register() -> None:
    from .layers import register_layers
    from .views_hazard import register as register_hazard_link

    ext.NAVIGATION.add(ext.NavItem(_lazy("监测预警"), _lazy("监测预警看板"), "monitoring:dashboard",
                                   "monitoring.view_station", order=10))
    ext.NAVIGATION.add(ext.NavItem(_lazy("监测预警"), _lazy("监测报警"), "monitoring:alarms",
                                   "monitoring.view_station", order=11))
    register_layers()
    ext.CODE_REFERENCES.add(ext.CodeReference("monitoring.station", _lazy("监测站点"), _stations_named,
                                              _stations_like))
    register_hazard_link()  # 转为隐患: the alarm's button on a hazard's page
    ext.TODO_PROVIDERS.add(ext.TodoProvider("monitoring.alarms", _lazy("待处置监测报警"), _alarm_items, order=30,
                                            count=lambda user: _open_alarms(user).count()))
    ext.PERIODIC_HOOKS.add(ext.PeriodicHook("monitoring.no_data", _no_data, every_seconds=60))
    ext.PERIODIC_HOOKS.add(ext.PeriodicHook("monitoring.partitions", _partitions, every_seconds=86400))
    ext.PERIODIC_HOOKS.add(ext.PeriodicHook("monitoring.retention", _retention, every_seconds=86400))
    ext.DEMO_LOADERS.add(ext.DemoLoader("monitoring", "yingji.monitoring.demo.load", order=90))
    ext.INDICATORS.add(ext.Indicator("2.4", _lazy("重点隐患点智能化监测覆盖率"), "≥90%", "%", _lazy("预期性"),
                                     _lazy("有在用监测站点关联或在500米内的地质灾害隐患点 ÷ 隐患点总数"), _coverage))
