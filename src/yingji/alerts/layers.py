"""The one-map layer of warnings in force (their areas, coloured by level)."""

from django.urls import reverse

from .area import area_geojson
from .services import in_force
from .types import level_name


def warnings_in_force(user, bbox, params) -> list[dict]:
    features = []
    for warning in in_force().select_related("cap"):
        for feature in area_geojson(warning)["features"]:
            feature["properties"] = {
                "uuid": str(warning.uuid), "name": warning.headline, "color": warning.level_enum.hex,
                "level": level_name(warning.type_code, warning.level_enum),
                "url": reverse("alerts:detail", kwargs={"uuid": warning.uuid}),
            }
            features.append(feature)
    return features
