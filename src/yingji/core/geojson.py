"""GeoJSON features for map layers: the usual filters of a point layer and feature builders.

Any app's map layer (core.extensions.MAP_LAYERS) builds its features with these, so every layer filters by
the user's jurisdiction, the box in view, ?township= and ?q= the same way.
"""

from collections.abc import Callable

from django.urls import reverse

from .scoping import scope_to_user

MAX_FEATURES = 20_000


def in_bbox(queryset, bbox, lon="lon", lat="lat"):
    if bbox is None:
        return queryset.filter(**{f"{lon}__isnull": False})
    min_lon, min_lat, max_lon, max_lat = bbox
    return queryset.filter(**{f"{lon}__gte": min_lon, f"{lon}__lte": max_lon, f"{lat}__gte": min_lat,
                              f"{lat}__lte": max_lat})


def located(queryset, user, bbox, params):
    """The usual filters of a point layer: the user's jurisdiction, the box in view, ?township= and ?q= (name)."""
    queryset = in_bbox(scope_to_user(queryset, user), bbox)
    township = params.get("township")
    if township:
        field = getattr(queryset.model, "region_field", "region")
        queryset = queryset.filter(**{f"{field}__path__contains": f"/{township}/"})
    query = (params.get("q") or "").strip()
    if query:
        queryset = queryset.filter(name__icontains=query)
    return queryset


def detail_url(url_name: str) -> Callable[[object], str]:
    """uuid → record URL, without a reverse() per feature (thousands of features per request)."""
    marker = "00000000-0000-0000-0000-000000000000"
    template = reverse(url_name, kwargs={"uuid": marker})
    return lambda uuid: template.replace(marker, str(uuid))


def point(lon, lat, properties: dict) -> dict:
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]}, "properties": properties}


def point_feature(record, properties: dict) -> dict:
    return point(record.lon, record.lat, properties)
