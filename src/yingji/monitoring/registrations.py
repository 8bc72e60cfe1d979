"""Registries of the monitoring app (see yingji.core.registry) and the permissions of each role."""

from django.utils.translation import gettext_lazy as _

from yingji.core.registrations import first_code, located_example
from yingji.core.registry import register
from yingji.core.roles import Role, grant

from .models import Rule, Sensor, Station

MENU = _("监测预警")

# Commanders and township officers keep the stations, sensors and rules of their reach; the duty desk watches
# and handles alarms; everyone with VIEW_ALL sees the network.
grant(Role.COMMANDER, "monitoring.*")
grant(Role.TOWNSHIP_ADMIN, "monitoring.*")
grant(Role.DUTY_OFFICER, "monitoring.handle_alarm")

STATIONS = register(
    Station, plural="stations", menu_group=MENU,
    list_fields=("code", "name", "station_type", "region", "watched_object", "status", "last_seen"),
    form_fields=("code", "name", "station_type", "device_id", "protocol", "owner_department", "watched_object",
                 "enterprise", "hazard_source", "status", "region", "lon", "lat", "description"),
    filter_fields=("station_type", "status", "protocol"),
    search_fields=("name", "code", "device_id", "watched_object"),
    related=(("sensors", ("code", "quantity", "unit", "range_min", "range_max", "interval_seconds")),),
    example=lambda region: located_example(
        region, "JC-EXAMPLE", "示例雨量站", station_type="rain", device_id="RG-EXAMPLE", protocol="mqtt",
        owner_department="区水利局", watched_object="示例山洪沟", status="online"),
)

SENSORS = register(
    Sensor, plural="sensors", menu_group=MENU,
    list_fields=("code", "name", "station", "quantity", "unit", "range_min", "range_max", "interval_seconds"),
    form_fields=("code", "name", "station", "quantity", "unit", "range_min", "range_max", "interval_seconds",
                 "region", "description"),
    filter_fields=("quantity", "station"), search_fields=("name", "code"),
    example=lambda region: {"code": "CG-EXAMPLE", "name": "示例应变计", "station": first_code(Station, region),
                            "quantity": "strain", "unit": "με", "range_min": -3000, "range_max": 3000,
                            "interval_seconds": 600, "region": region.code, "description": ""},
)

RULES = register(
    Rule, plural="rules", menu_group=MENU,
    list_fields=("code", "name", "kind", "quantity", "station_type", "sensor", "window_minutes", "blue", "yellow",
                 "orange", "red"),
    form_fields=("code", "name", "kind", "quantity", "station_type", "sensor", "window_minutes", "blue", "yellow",
                 "orange", "red", "hysteresis", "min_duration_minutes", "notify", "notify_role", "draft_warning",
                 "open_incident", "to_hazard",
                 "region", "description"),
    filter_fields=("kind", "quantity", "station_type"), search_fields=("name", "code"),
    example=lambda region: {"code": "GZ-EXAMPLE", "name": "示例：1小时雨量", "kind": "accumulation",
                            "quantity": "rain", "station_type": "rain", "window_minutes": 60, "blue": 20,
                            "yellow": 30, "orange": 40, "red": 50, "hysteresis": 2, "min_duration_minutes": 0,
                            "region": region.code, "description": ""},
)
