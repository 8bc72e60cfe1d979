"""Table 2 indicator 2.4 重点隐患点智能化监测覆盖率 (≥ 90 %): the census's geological hazard points with a monitoring
station in service (not 故障 or 停用) linked to them — the point's 关联监测站点 naming the station's code or device id
— or standing within COVER_RADIUS_M of them, ÷ all hazard points the user may see. Monitoring reads census (same
layer, one direction: census never imports monitoring)."""

from django.urls import reverse

from yingji.census.models import HazardPoint
from yingji.core.scoping import scope_to_user
from yingji.geo.measure import haversine_m

from .choices import StationStatus
from .models import Station

COVER_RADIUS_M = 500.0
TARGET = 90.0


def _covered(point, stations, names) -> bool:
    if point.station_ref and point.station_ref.strip() in names:
        return True
    if point.lon is None or point.lat is None:
        return False
    return any(haversine_m(point.lon, point.lat, lon, lat) <= COVER_RADIUS_M for lon, lat in stations)


def coverage(user) -> dict:
    points = list(scope_to_user(HazardPoint.objects.all(), user).only("pk", "lon", "lat", "station_ref"))
    serving = Station.objects.exclude(status__in=[StationStatus.FAULT, StationStatus.DISABLED])
    rows = list(serving.values_list("code", "device_id", "lon", "lat"))
    names = {code for code, *_rest in rows} | {device for _c, device, *_rest in rows if device}
    stations = [(lon, lat) for _c, _d, lon, lat in rows if lon is not None and lat is not None]
    covered = sum(_covered(point, stations, names) for point in points)
    value = round(100.0 * covered / len(points), 1) if points else 0
    return {"value": value, "unit": "%", "meets": bool(points) and value >= TARGET,
            "url": reverse("monitoring:dashboard"), "covered": covered, "total": len(points)}
