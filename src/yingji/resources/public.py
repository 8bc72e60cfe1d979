"""What the public may see of the resources (no login): the nearest shelters that are open or ready to open and
have room, from a point. Names, places, classes, facilities and free places only: no manager, no phone."""

from django.db.models import F

from yingji.geo.measure import haversine_m

from .choices import ShelterStatus
from .models import Shelter
from .nearby import nearest_points

USABLE = (ShelterStatus.OPEN, ShelterStatus.READY)


def nearest_open_shelters(origin: tuple[float, float], count: int = 3) -> list[dict]:
    """The `count` usable shelters with free places nearest to `origin` (lon, lat), nearest first, with the
    straight-line distance."""
    candidates = Shelter.objects.filter(shelter_status__in=USABLE, capacity__gt=F("occupancy"))
    ranked = nearest_points(candidates, origin, count)
    records = Shelter.objects.select_related("region").defer("region__geometry").in_bulk([pk for pk, _x, _y in ranked])
    return [_public(records[pk], haversine_m(origin[0], origin[1], lon, lat)) for pk, lon, lat in ranked]


def _public(shelter: Shelter, metres: float) -> dict:
    return {"name": shelter.name, "address": shelter.address, "region": shelter.region.name,
            "lon": shelter.lon, "lat": shelter.lat, "distance_km": round(metres / 1000, 1),
            "free": shelter.free_capacity, "capacity": shelter.capacity,
            "open": shelter.shelter_status == ShelterStatus.OPEN, "status": shelter.get_shelter_status_display(),
            "class_label": shelter.get_shelter_class_display(), "site_label": shelter.get_site_type_display(),
            "facilities": shelter.facilities}
