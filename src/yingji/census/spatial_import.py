"""ESRI Shapefile (and GeoJSON) deliveries of the census into its spatial registers: exposed assets, danger zones,
hazard points. A shapefile comes as one .zip holding .shp, .shx and .dbf (and .prj, .cpg when present); it is read
with pyshp. The attribute table's columns are mapped onto the register's fields (guessed from the column names,
changed on the import page), the coordinate system is taken from the .prj (projected CGCS2000/WGS84 systems are
converted with pyproj) or named by the user for GCJ-02/BD-09 deliveries, and the region is taken from a mapped
column of region codes or else found from where the feature lies.

All or nothing, as every import here: each feature is checked with the form's rules, every error is reported with
its row (the feature's 1-based number in the file) and column in Chinese, and nothing is saved unless all pass.
`check_only` runs the same checks and rolls back (校验 on the page)."""

import io
import json
import struct
import zipfile
from dataclasses import dataclass, field

import shapefile
import shapely
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from shapely.geometry import mapping, shape

from yingji.core.context import acting
from yingji.core.errors import DomainError, PermissionDeniedError
from yingji.core.models import Region
from yingji.core.scoping import user_can_reach
from yingji.core.services import save_record
from yingji.core.xlsx import ImportFailed, RelatedByCode, RowError, _convert, _row_errors_from
from yingji.geo.coords import convert

MAX_FEATURES = 20_000
MAX_ZIP_BYTES = 100 * 1024 * 1024  # uncompressed
PREVIEW_ROWS = 10
DBF_NAME = 10  # a .dbf column name holds at most 10 characters
GEOMETRY_FIELDS = {"shape", "polygon", "lon", "lat"}
CRS_CHOICES = (("auto", _lazy("自动（按 .prj；无 .prj 按 WGS84/CGCS2000）")),
               ("wgs84", _lazy("WGS84 / CGCS2000 经纬度")), ("gcj02", _lazy("GCJ-02（高德、腾讯）")),
               ("bd09", _lazy("BD-09（百度）")))
# Column names the census's deliveries use for common fields (besides the field's own name and Chinese label).
ALIASES = {
    "name": ("MC", "NAME", "名称", "JZMC", "XXMC", "YYMC", "DLMC"),
    "code": ("BM", "CODE", "BH", "编码", "编号"),
    "region": ("XZQDM", "XZQHDM", "REGION", "行政区代码", "区划代码"),
    "occupants": ("RS", "RK", "人数", "CZRK"),
    "structure": ("JG", "JGLX", "结构", "结构类型"),
    "floors": ("CS", "层数"),
    "built_year": ("JCNF", "建成年份"),
    "floor_area_m2": ("JZMJ", "面积", "建筑面积"),
    "value_wan": ("ZCJZ", "价值"),
    "asset_type": ("LX", "TYPE", "类型"),
    "zone_type": ("LX", "TYPE", "类型"),
    "hazard_type": ("ZHLX", "灾害类型"),
    "return_period_years": ("CXQ", "重现期"),
}


@dataclass
class Delivery:
    """A read file: its columns, its features as (properties, GeoJSON geometry in WGS84), what was detected."""

    columns: list[str]
    features: list[tuple[dict, dict | None]]
    crs_detected: str
    geometry_types: list[str] = field(default_factory=list)

    def preview(self, rows=PREVIEW_ROWS) -> list[list]:
        return [[props.get(c, "") for c in self.columns] + [(geom or {}).get("type", _("无几何"))]
                for props, geom in self.features[:rows]]


def read_delivery(content: bytes, filename: str, crs: str = "auto") -> Delivery:
    """A .zip shapefile or a .geojson/.json FeatureCollection as a Delivery; DomainError on `file` otherwise."""
    name = (filename or "").lower()
    if name.endswith((".geojson", ".json")):
        return _geojson(content, crs)
    if name.endswith(".zip"):
        return _shapefile_zip(content, crs)
    if name.endswith(".csv"):
        return _csv(content, crs)
    raise DomainError("file_type", _("请上传 Shapefile 压缩包（.zip，含 .shp/.shx/.dbf）、GeoJSON 或 CSV 文件"),
                      field="file")


def _shapefile_zip(content: bytes, crs: str) -> Delivery:
    """Every layer of the .zip (a .shp with its .shx and .dbf, by file stem) read in turn, their features one after
    the other (the export writes one layer per geometry type)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        if sum(info.file_size for info in archive.infolist()) > MAX_ZIP_BYTES:
            raise DomainError("file_too_large", _("压缩包解压后超过 100 MB"), field="file")
        layers: dict[str, dict[str, bytes]] = {}
        for info in archive.infolist():
            stem, _dot, ext = info.filename.rpartition(".")
            hidden = info.filename.startswith("__MACOSX/") or stem.rpartition("/")[2].startswith("._")
            if stem and not info.is_dir() and not hidden and ext.lower() in ("shp", "shx", "dbf", "prj", "cpg"):
                layers.setdefault(stem, {}).setdefault(ext.lower(), archive.read(info))
    except zipfile.BadZipFile:
        raise DomainError("zip_invalid", _("文件不是有效的 zip 压缩包"), field="file") from None
    layers = {stem: parts for stem, parts in layers.items() if set(parts) & {"shp", "shx", "dbf"}} or {"": {}}
    for stem, parts in layers.items():
        missing = [ext for ext in ("shp", "shx", "dbf") if ext not in parts]
        if missing:
            raise DomainError("shapefile_incomplete", _("压缩包缺少 Shapefile 组成文件：%(m)s") % {
                "m": "、".join(f"{stem.rpartition('/')[2] if len(layers) > 1 else ''}.{m}" for m in missing)},
                field="file")
    columns, features, detected, total = [], [], [], 0
    for stem in sorted(layers):
        layer_columns, layer_features, layer_crs = _layer(layers[stem], crs, total)
        columns += [c for c in layer_columns if c not in columns]
        features += layer_features
        total += len(layer_features)
        if layer_crs not in detected:
            detected.append(layer_crs)
    return Delivery(columns, features, "；".join(detected),
                    sorted({(g or {}).get("type", "") for _p, g in features} - {""}))


def _layer(parts: dict[str, bytes], crs: str, before: int):
    encoding = _encoding(parts)
    try:
        reader = shapefile.Reader(shp=io.BytesIO(parts["shp"]), shx=io.BytesIO(parts["shx"]),
                                  dbf=io.BytesIO(parts["dbf"]), encoding=encoding)
        columns = [f[0] for f in reader.fields[1:]]
        if before + len(reader) > MAX_FEATURES:
            raise DomainError("too_many_features", _("一次最多导入 %(n)d 个要素") % {"n": MAX_FEATURES}, field="file")
        rows = [(dict(zip(columns, list(sr.record), strict=False)), sr.shape) for sr in reader.iterShapeRecords()]
    except (shapefile.ShapefileException, UnicodeDecodeError, ValueError, struct.error) as exc:
        raise DomainError("shapefile_invalid", _("无法读取 Shapefile：%(e)s") % {"e": exc}, field="file") from None
    transform, detected = _transform(parts.get("prj", b"").decode("utf-8", "replace"), crs)
    features = []
    for props, geom in rows:
        geometry = None if geom.shapeType == shapefile.NULL else geom.__geo_interface__
        features.append(({k: _plain(v) for k, v in props.items()}, transform(geometry) if geometry else None))
    return columns, features, detected


def _encoding(parts) -> str:
    declared = parts.get("cpg", b"").decode("ascii", "ignore").strip().lower()
    if declared in ("utf-8", "utf8", "65001"):
        return "utf-8"
    if declared in ("gbk", "gb2312", "936", "cp936", "gb18030"):
        return "gb18030"
    try:  # no .cpg: UTF-8 when the table decodes as such, else the GBK of most Chinese GIS software
        parts["dbf"].decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        return "gb18030"


def _plain(value):
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _transform(prj: str, crs: str):
    """The function taking a GeoJSON geometry to WGS84, and a label of what was used."""
    crs = (crs or "auto").lower()
    if crs in ("gcj02", "bd09"):
        return (lambda g: _moved(g, lambda x, y: convert(x, y, crs, "wgs84"))), str(dict(CRS_CHOICES)[crs])
    if crs != "auto" or not prj.strip():
        return (lambda g: g), str(dict(CRS_CHOICES)["wgs84"])
    from pyproj import CRS, Transformer
    from pyproj.exceptions import CRSError

    try:
        source = CRS.from_wkt(prj)
    except CRSError:
        raise DomainError("prj_invalid", _("无法识别 .prj 中的坐标系"), field="file") from None
    if source.is_geographic:
        return (lambda g: g), source.name
    transformer = Transformer.from_crs(source, CRS.from_epsg(4490), always_xy=True)
    return (lambda g: _moved(g, transformer.transform)), source.name


def _moved(geometry: dict, function) -> dict:
    moved = shapely.transform(shape(geometry), lambda coords: [function(x, y) for x, y in coords])
    return json.loads(json.dumps(mapping(moved)))


def _geojson(content: bytes, crs: str) -> Delivery:
    try:
        data = json.loads(content.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        raise DomainError("geojson_invalid", _("文件不是有效的 GeoJSON"), field="file") from None
    features = data.get("features") if isinstance(data, dict) and data.get("type") == "FeatureCollection" else None
    if not isinstance(features, list) or not features:
        raise DomainError("geojson_empty", _("请提供含要素的 GeoJSON FeatureCollection"), field="file")
    if len(features) > MAX_FEATURES:
        raise DomainError("too_many_features", _("一次最多导入 %(n)d 个要素") % {"n": MAX_FEATURES}, field="file")
    transform, detected = _transform("", crs)
    rows, columns = [], []
    for feature in features:
        feature = feature if isinstance(feature, dict) else {}
        props = feature.get("properties") if isinstance(feature.get("properties"), dict) else {}
        columns += [c for c in props if c not in columns]
        geometry = feature.get("geometry") if isinstance(feature.get("geometry"), dict) else None
        try:
            rows.append((props, transform(geometry) if geometry else None))
        except (ValueError, TypeError, AttributeError, shapely.errors.GEOSException):
            rows.append((props, {"type": "invalid"}))
    return Delivery(columns, rows, detected, sorted({(g or {}).get("type", "") for _p, g in rows} - {""}))


CSV_LON = ("LON", "LNG", "X", "JD", "经度", "LONGITUDE")
CSV_LAT = ("LAT", "Y", "WD", "纬度", "LATITUDE")
CSV_GEOMETRY = ("WKT", "GEOMETRY", "SHAPE", "几何")


def _csv(content: bytes, crs: str) -> Delivery:
    """A table of the census's tabular deliveries: UTF-8 (with or without BOM) or GBK; each row's geometry from a
    WKT or GeoJSON column (WKT, GEOMETRY, 几何) or else from longitude/latitude columns (经度/纬度, LON/LAT, X/Y)."""
    import csv

    import shapely.wkt

    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("gb18030", "replace")
    try:
        rows = list(csv.DictReader(io.StringIO(text)))
    except csv.Error as exc:
        raise DomainError("csv_invalid", _("无法读取 CSV：%(e)s") % {"e": exc}, field="file") from None
    if not rows:
        raise DomainError("csv_empty", _("CSV 文件没有数据行"), field="file")
    if len(rows) > MAX_FEATURES:
        raise DomainError("too_many_features", _("一次最多导入 %(n)d 个要素") % {"n": MAX_FEATURES}, field="file")
    columns = [c for c in rows[0] if c is not None]
    by_upper = {c.strip().upper(): c for c in columns}
    geometry_column = next((by_upper[n] for n in CSV_GEOMETRY if n in by_upper), None)
    lon_column = next((by_upper[n] for n in CSV_LON if n in by_upper), None)
    lat_column = next((by_upper[n] for n in CSV_LAT if n in by_upper), None)
    transform, detected = _transform("", crs)
    features = []
    for row in rows:
        props = {c: (row.get(c) or "").strip() for c in columns}
        geometry = None
        try:
            if geometry_column and props[geometry_column]:
                raw = props[geometry_column]
                geometry = json.loads(raw) if raw.startswith("{") else mapping(shapely.wkt.loads(raw))
                geometry = json.loads(json.dumps(geometry))
            elif lon_column and lat_column and props[lon_column] and props[lat_column]:
                geometry = {"type": "Point", "coordinates": [float(props[lon_column]), float(props[lat_column])]}
            features.append((props, transform(geometry) if geometry else None))
        except (ValueError, TypeError, AttributeError, shapely.errors.GEOSException):
            features.append((props, {"type": "invalid"}))
    return Delivery(columns, features, detected, sorted({(g or {}).get("type", "") for _p, g in features} - {""}))


def target_fields(registry) -> list:
    """The register's fields a column may fill (its geometry comes from the features)."""
    return [registry.model_field(n) for n in registry.form_fields if n not in GEOMETRY_FIELDS]


def dbf_columns(registry) -> list[tuple[str, str]]:
    """(field name, column name) the Shapefile export writes: the field's name cut to the 10 characters a .dbf
    column allows, numbered when two would meet (threatened_households → threatened, threatened_people →
    threatene2)."""
    result, used = [], set()
    for model_field in target_fields(registry):
        name = model_field.name
        column, number = name[:DBF_NAME], 1
        while column in used:
            number += 1
            column = f"{name[:DBF_NAME - len(str(number))]}{number}"
        used.add(column)
        result.append((name, column))
    return result


def guess_mapping(registry, columns) -> dict[str, str]:
    """field name → column, from the field's name, its Chinese label or the census's usual column names."""
    by_upper = {c.upper(): c for c in columns}
    exported = dict(dbf_columns(registry))  # the names our own Shapefile export writes
    guessed = {}
    for model_field in target_fields(registry):
        names = (model_field.name, exported[model_field.name], str(model_field.verbose_name),
                 *ALIASES.get(model_field.name, ()))
        column = next((by_upper[n.upper()] for n in names if n.upper() in by_upper), None)
        if column is not None and column not in guessed.values():
            guessed[model_field.name] = column
    return guessed


def check_mapping(registry, delivery: Delivery, mapping: dict[str, str]) -> None:
    """Each refused choice is named as `map_<field>` (the mapping page marks that select) and under `mapping`."""
    unknown = {name: column for name, column in mapping.items() if column and column not in delivery.columns}
    if unknown:
        message = _("文件中没有列：%(c)s") % {"c": "、".join(unknown.values())}
        raise DomainError("column_unknown", message,
                          fields={"mapping": [message], **{f"map_{name}": [message] for name in unknown}})
    missing = [f for f in target_fields(registry)
               if not f.blank and f.name not in ("code", "region") and not f.has_default() and not mapping.get(f.name)]
    if missing:
        message = _("以下必填字段未对应到列：%(f)s") % {"f": "、".join(str(f.verbose_name) for f in missing)}
        raise DomainError("mapping_incomplete", message, fields={
            "mapping": [message], **{f"map_{f.name}": [_("请选择对应的列")] for f in missing}})


def import_delivery(registry, delivery: Delivery, mapping: dict[str, str], user, *, check_only=False) -> dict:
    """Save every feature (or, with check_only, check them all and keep nothing); ImportFailed lists the errors."""
    check_mapping(registry, delivery, mapping)
    counts = {"created": 0, "updated": 0}
    with acting(source="import", user=user), transaction.atomic():
        errors = save_features(registry, enumerate(delivery.features, 1), mapping, user, RelatedByCode(), {}, counts)
        if errors or check_only:
            transaction.set_rollback(True)
    if errors:
        raise ImportFailed(errors)
    return {**counts, "total": counts["created"] + counts["updated"], "checked": check_only}


def save_features(registry, numbered, mapping, user, related, seen, counts, saved=None) -> list[RowError]:
    """Save (number, (properties, geometry)) features inside the caller's transaction; the row errors found. `seen`
    (code → row) finds a code given twice across calls; `saved(n)` is told every 100 rows saved."""
    errors: list[RowError] = []
    for number, (props, geometry) in numbered:
        data, row_errors = _row(registry, number, props, geometry, mapping, user, related)
        code = data.get("code")
        if code and code in seen:
            row_errors.append(RowError(number, _("编码"), _("与第 %(r)d 行编码重复") % {"r": seen[code]}))
        elif code:
            seen[code] = number
        if row_errors:
            errors += row_errors
            continue
        instance = registry.model.objects.filter(code=code).first() if code else None
        try:
            save_record(registry, actor=user, data=data, instance=instance)
        except ValidationError as exc:
            errors += _row_errors_from(registry, number, exc)
            continue
        except (PermissionDeniedError, DomainError) as exc:
            errors.append(RowError(number, _("所属区域"), exc.message))
            continue
        counts["created" if instance is None else "updated"] += 1
        done = counts["created"] + counts["updated"]
        if saved is not None and done % 100 == 0:
            saved(done)
    return errors


def _row(registry, number, props, geometry, mapping, user, related):
    data, errors = {}, []
    for model_field in target_fields(registry):
        column = mapping.get(model_field.name)
        if not column:
            continue
        raw = props.get(column)
        raw = raw.strip() if isinstance(raw, str) else raw
        if model_field.choices and isinstance(raw, str):
            raw = _short_labels(model_field).get(raw, raw)
        try:
            data[model_field.name] = _convert(model_field, raw, user, related)
        except ValueError as exc:
            errors.append(RowError(number, f"{model_field.verbose_name}（{column}）", str(exc)))
    geometry_label = _("几何")
    if geometry is None or geometry.get("type") == "invalid":
        errors.append(RowError(number, geometry_label, _("要素没有有效几何")))
        return data, errors
    _place(registry, data, geometry, errors, number, geometry_label)
    if data.get("region") is None:
        region = _region_at(data, geometry)
        if region is None:
            errors.append(_outside(registry, number, geometry) or
                          RowError(number, _("所属区域"), _("未对应区域列，且要素不在任何区域内")))
        elif not user_can_reach(user, region):
            errors.append(RowError(number, _("所属区域"), _("“%(r)s”不在您的管辖范围内") % {"r": region.name}))
        else:
            data["region"] = region
    return data, errors


def _short_labels(model_field) -> dict[str, str]:
    """“砖混” or “砌体” for “砖混（砌体）”: the census's tables write either name of a choice."""
    aliases = {}
    for value, label in model_field.flatchoices:
        head, _paren, inner = str(label).partition("（")
        if inner:
            aliases.setdefault(head, value)
            aliases.setdefault(inner.rstrip("）"), value)
    return aliases


def _place(registry, data, geometry, errors, number, label):
    names = set(registry.form_fields)
    if "shape" in names:
        data["shape"] = json.dumps(geometry)
    elif "polygon" in names:
        if geometry.get("type") not in ("Polygon", "MultiPolygon"):
            errors.append(RowError(number, label, _("危险区应为面要素（Polygon），而不是 %(t)s") % {
                "t": geometry["type"]}))
        data["polygon"] = json.dumps(geometry)
    else:
        if geometry.get("type") != "Point":
            errors.append(RowError(number, label, _("隐患点应为点要素（Point），而不是 %(t)s") % {
                "t": geometry["type"]}))
            return
        data["lon"], data["lat"] = (round(v, 7) for v in geometry["coordinates"][:2])


def _outside(registry, number, geometry) -> RowError | None:
    """The geometry's own error (e.g. outside 船山区) when no region holds it: the real reason for the user."""
    from .geometry import parse_shape

    name = next((n for n in ("shape", "polygon", "lon") if n in registry.form_fields), "lon")
    try:
        parse_shape(geometry)
    except DomainError as exc:
        return RowError(number, str(registry.model_field(name).verbose_name), exc.message)
    return None


def _region_at(data, geometry) -> Region | None:
    from yingji.incidents.locate import region_for_point

    try:
        point = shape(geometry).representative_point()
    except (ValueError, TypeError, AttributeError, shapely.errors.GEOSException):
        return None
    return region_for_point(point.x, point.y)
