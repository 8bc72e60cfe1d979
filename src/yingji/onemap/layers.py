"""The layer registry of the one-map (一张图).

A layer is declared once: a slug, a title, a group, and a function giving the features a user may see
in a bounding box. Registries with a location get a layer automatically; other modules (risks,
hazards, sensors, incidents) declare theirs with `register_layer`.
"""

import json
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
    legend: tuple[tuple[str, str], ...] = ()  # (colour, label) for features coloured by a property

    @property
    def legend_json(self) -> str:
        return json.dumps([[colour, str(label)] for colour, label in self.legend], ensure_ascii=False)


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


def _registry_layer(registry):
    def features(user, bbox, params):
        url = detail_url(registry.url_name("detail"))
        rows = located(registry.model.objects.all(), user, bbox, params).values("uuid", "code", "name", "lon", "lat")
        return [point(row["lon"], row["lat"], {"uuid": str(row["uuid"]), "code": row["code"], "name": row["name"],
                                               "url": url(row["uuid"])}) for row in rows[:MAX_FEATURES]]

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
