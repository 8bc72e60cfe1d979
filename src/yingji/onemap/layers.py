"""The one-map (一张图) layers this app owns: one per registry with a location, and the region outlines.

Every other layer is contributed by its app to core.extensions.MAP_LAYERS (built with core.geojson); this
app serves and draws whatever is registered.
"""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from yingji.core.extensions import MAP_LAYERS, MapLayer
from yingji.core.geojson import MAX_FEATURES, detail_url, located, point
from yingji.core.models import Region
from yingji.core.registry import REGISTRIES
from yingji.core.scoping import scope_to_user


def visible_layers(user) -> list[MapLayer]:
    return [layer for layer in MAP_LAYERS if not layer.permission or user.has_perm(layer.permission)]


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
            MAP_LAYERS.add(MapLayer(slug=registry.key, title=spec["title"], group=spec["group"],
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


def register_region_layer():
    MAP_LAYERS.add(MapLayer(slug="regions", title=_("行政区划"), group=_("基础"), features=_region_features,
                            color="#1f6f8b", geometry="polygon", permission="core.view_region", order=0))
