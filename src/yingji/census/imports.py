"""GeoJSON import of hazard points and danger zones (the census's spatial deliveries): a FeatureCollection whose
features carry the register's fields as properties (`region` by code). Coordinates are WGS84/CGCS2000 unless the
request names GCJ-02 or BD-09 (converted to WGS84). All or nothing: every feature is checked with the same rules
as a form, every error is reported with its feature number (1-based), and nothing is saved if any is wrong."""

import json

import shapely
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from shapely.geometry import mapping, shape

from yingji.core.context import acting
from yingji.core.errors import DomainError, validation_error_fields
from yingji.core.models import Region
from yingji.core.services import save_record
from yingji.core.xlsx import ImportFailed, RowError
from yingji.geo.coords import convert

MAX_FEATURES = 5000


def import_geojson(registry, text, user, crs: str = "wgs84") -> dict:
    features = _features(text)
    errors, created = [], 0
    with acting(source="import", user=user), transaction.atomic():
        for number, feature in enumerate(features, 1):
            try:
                save_record(registry, actor=user, data=_data(registry, feature, crs))
                created += 1
            except (ValidationError, DomainError) as exc:
                errors += _row_errors(number, exc)
        if errors:
            transaction.set_rollback(True)
    if errors:
        raise ImportFailed(errors)
    return {"created": created, "total": created}


def _features(text) -> list:
    try:
        data = json.loads(text)
    except (TypeError, ValueError):
        raise DomainError("geojson_invalid", _("文件不是有效的 GeoJSON"), field="file") from None
    features = data.get("features") if isinstance(data, dict) and data.get("type") == "FeatureCollection" else None
    if not isinstance(features, list) or not features:
        raise DomainError("geojson_empty", _("请提供含要素的 GeoJSON FeatureCollection"), field="file")
    if len(features) > MAX_FEATURES:
        raise DomainError("geojson_too_large", _("一次最多导入 %(n)d 个要素") % {"n": MAX_FEATURES}, field="file")
    return features


def _to_wgs84(geometry: dict, crs: str) -> dict:
    if crs.lower().replace("-", "").replace("_", "") in ("wgs84", "cgcs2000"):
        return geometry
    try:
        moved = shapely.transform(shape(geometry), lambda coords: [convert(x, y, crs, "wgs84") for x, y in coords])
        return json.loads(json.dumps(mapping(moved)))
    except (ValueError, TypeError, AttributeError) as exc:
        raise DomainError("geometry_invalid", _("几何无效：%(e)s") % {"e": exc}, field="geometry") from None


def _data(registry, feature, crs) -> dict:
    if not isinstance(feature, dict) or not isinstance(feature.get("geometry"), dict):
        raise DomainError("geometry_missing", _("要素缺少几何"), field="geometry")
    properties = feature.get("properties") or {}
    data = {name: properties[name] for name in registry.form_fields if name in properties}
    region = Region.objects.filter(code=str(properties.get("region") or "")).first()
    if region is None:
        raise DomainError("region_unknown", _("未知的所属区域编码：%(c)s") % {"c": properties.get("region")},
                          field="region")
    data["region"] = region
    geometry = _to_wgs84(feature["geometry"], crs)
    if "polygon" not in registry.form_fields:
        if geometry.get("type") != "Point":
            raise DomainError("geometry_type", _("隐患点应为 Point 几何"), field="geometry")
        data["lon"], data["lat"] = geometry["coordinates"][:2]
    else:
        data["polygon"] = json.dumps(geometry)
    return data


def _row_errors(number, exc) -> list[RowError]:
    if isinstance(exc, ValidationError):
        fields = validation_error_fields(exc)[2]
    else:
        fields = exc.fields or {"geometry": [exc.message]}
    return [RowError(number, name, message) for name, messages in fields.items() for message in messages]

