"""The layer registry of the one-map (一张图).

A layer is declared once: a slug, a title, a group, and a function giving the features a user may see
in a bounding box. Registries with a location get a layer automatically; other modules (risks,
hazards, sensors, incidents) declare theirs with `register_layer`.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse

from yingji.core.models import Region
from yingji.core.registry import REGISTRIES
from yingji.core.scoping import scope_to_user

MAX_FEATURES = 20_000


@dataclass
class Layer:
    slug: str
    title: str
    group: str
    features: Callable  # (user, bbox | None, params) -> list of GeoJSON features
    color: str = "#0d6efd"
    geometry: str = "point"  # or "polygon"
    permission: str = ""
    order: int = 100


LAYERS: dict[str, Layer] = {}


def register_layer(layer: Layer) -> Layer:
    LAYERS[layer.slug] = layer
    return layer


def visible_layers(user) -> list[Layer]:
    return sorted((layer for layer in LAYERS.values() if not layer.permission or user.has_perm(layer.permission)),
                  key=lambda layer: (layer.order, layer.slug))


def in_bbox(queryset, bbox, lon="lon", lat="lat"):
    if bbox is None:
        return queryset.filter(**{f"{lon}__isnull": False})
    min_lon, min_lat, max_lon, max_lat = bbox
    return queryset.filter(**{f"{lon}__gte": min_lon, f"{lon}__lte": max_lon, f"{lat}__gte": min_lat,
                              f"{lat}__lte": max_lat})


def point_feature(record, properties: dict) -> dict:
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [record.lon, record.lat]},
            "properties": properties}


def _registry_layer(registry):
    def features(user, bbox, params):
        queryset = in_bbox(scope_to_user(registry.model.objects.all(), user), bbox)
        township = params.get("township")
        if township:
            queryset = queryset.filter(region__path__contains=f"/{township}/")
        rows = queryset.values("uuid", "code", "name", "lon", "lat")[:MAX_FEATURES]
        return [{
            "type": "Feature", "geometry": {"type": "Point", "coordinates": [row["lon"], row["lat"]]},
            "properties": {"uuid": str(row["uuid"]), "code": row["code"], "name": row["name"],
                           "url": reverse(registry.url_name("detail"), kwargs={"uuid": row["uuid"]})},
        } for row in rows]

    return features


def register_registry_layers():
    for registry in REGISTRIES.values():
        spec = registry.map_layer
        if spec:
            register_layer(Layer(slug=registry.key, title=str(spec["title"]), group=str(spec["group"]),
                                 color=spec.get("color", "#0d6efd"), permission=registry.perm("view"),
                                 features=_registry_layer(registry), order=spec.get("order", 100)))


def _region_features(user, bbox, params):
    level = params.get("level", "2")
    queryset = scope_to_user(Region.objects.filter(level=int(level) if level in {"1", "2", "3", "4"} else 2), user)
    if bbox is not None:
        min_lon, min_lat, max_lon, max_lat = bbox
        queryset = queryset.filter(max_lon__gte=min_lon, min_lon__lte=max_lon, max_lat__gte=min_lat,
                                   min_lat__lte=max_lat)
    features = []
    for region in queryset.order_by("code"):
        try:
            url = reverse("core:region-detail", kwargs={"uuid": region.uuid})
        except NoReverseMatch:
            url = ""
        features.append({"type": "Feature", "geometry": region.geometry, "properties": {
            "uuid": str(region.uuid), "code": region.code, "name": region.name, "kind": region.kind,
            "population": region.population, "url": url, "approximate": region.geometry_is_approximate}})
    return features


register_layer(Layer(slug="regions", title="行政区划", group="基础", features=_region_features,
                     color="#1f6f8b", geometry="polygon", permission="core.view_region", order=0))
