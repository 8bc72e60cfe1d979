"""Export of the census's spatial registers (exposed assets, danger zones, hazard points) as an ESRI Shapefile .zip
(written with pyshp) or a GeoJSON FeatureCollection, in WGS84/CGCS2000 longitude and latitude (a .prj in CGCS2000
geographic, a .cpg naming UTF-8), holding the records the user may see. A Shapefile holds one geometry type, so
exposed assets (points, lines and polygons) come as up to four layers in the one .zip (`<kind>-points`,
`-multipoints`, `-lines`, `-polygons`); the import (spatial_import.py) reads every layer of a .zip back.

Attribute columns are the register's fields (not the geometry), named by the field's name cut to the 10 characters
a .dbf allows (`threatened_households` → `threatened`); the import's field mapping recognises those names, so an
exported file imports back unchanged. Values are written as the Excel export writes them: choices by their Chinese
label, related records by code, phones masked without the contact permission."""

import io
import json
import zipfile

import shapefile
from pyproj import CRS

from yingji.core.scoping import scope_to_user
from yingji.core.xlsx import _cell_value

from .spatial_import import dbf_columns

TEXT_BYTES = 254  # a .dbf text value holds at most 254 bytes
LAYERS = (("points", ("Point",), shapefile.POINT), ("multipoints", ("MultiPoint",), shapefile.MULTIPOINT),
          ("lines", ("LineString", "MultiLineString"), shapefile.POLYLINE),
          ("polygons", ("Polygon", "MultiPolygon"), shapefile.POLYGON))
INTEGER_TYPES = {"IntegerField", "PositiveIntegerField", "PositiveSmallIntegerField", "SmallIntegerField",
                 "BigIntegerField", "PositiveBigIntegerField"}
DECIMAL_TYPES = {"DecimalField", "FloatField"}


def columns(registry) -> list[tuple[str, str]]:
    """(field name, .dbf column name) of the register's attribute fields."""
    return dbf_columns(registry)


def geometry_of(record) -> dict | None:
    geometry = getattr(record, "geometry", None)
    if geometry:
        return geometry
    if record.lon is not None and record.lat is not None:
        return {"type": "Point", "coordinates": [float(record.lon), float(record.lat)]}
    return None


def _records(registry, user):
    queryset = scope_to_user(registry.model.objects.all(), user).order_by("code")
    return queryset.select_related(*registry.relation_fields())


def _value(registry, record, name, user):
    value = _cell_value(registry, record, name, user)
    return "" if value is None else value


def export_geojson(registry, user) -> bytes:
    features = []
    for record in _records(registry, user).iterator(chunk_size=2000):
        properties = {name: _value(registry, record, name, user) for name, _column in columns(registry)}
        features.append({"type": "Feature", "geometry": geometry_of(record),
                         "properties": {key: (str(v) if not isinstance(v, int | float | str) else v)
                                        for key, v in properties.items()}})
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False).encode("utf-8")


def _dbf_field(registry, name) -> tuple[str, int, int]:
    kind = registry.model_field(name).get_internal_type()
    if kind in INTEGER_TYPES:
        return "N", 18, 0
    if kind in DECIMAL_TYPES:
        return "N", 20, 6
    max_length = getattr(registry.model_field(name), "max_length", None)
    return "C", min(TEXT_BYTES, max_length * 3) if max_length else TEXT_BYTES, 0  # 3 bytes a character in UTF-8


def _text(value, size=TEXT_BYTES) -> str:
    """The value as text of at most `size` UTF-8 bytes, cut between characters."""
    text = str(value)
    while len(text.encode("utf-8")) > size:
        text = text[:-1]
    return text


def export_shapefile(registry, user) -> bytes:
    """The user's records as a zipped Shapefile, one layer per geometry type present (an empty register: an empty
    layer of the register's usual type)."""
    cols = columns(registry)
    kinds = {name: _dbf_field(registry, name) for name, _column in cols}
    by_layer: dict[str, list] = {}
    for record in _records(registry, user).iterator(chunk_size=2000):
        geometry = geometry_of(record)
        if geometry is None:
            continue
        layer = next((slug for slug, types, _t in LAYERS if geometry["type"] in types), None)
        if layer is not None:
            by_layer.setdefault(layer, []).append((geometry, record))
    if not by_layer:
        usual = "polygons" if "polygon" in registry.form_fields else "points"
        by_layer[usual] = []
    prj = CRS.from_epsg(4490).to_wkt("WKT1_ESRI")
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
        for slug, _types, shape_type in LAYERS:
            if slug not in by_layer:
                continue
            shp, shx, dbf = io.BytesIO(), io.BytesIO(), io.BytesIO()
            writer = shapefile.Writer(shp=shp, shx=shx, dbf=dbf, shapeType=shape_type, encoding="utf-8")
            for name, column in cols:
                field_type, size, decimal = kinds[name]
                writer.field(column, field_type, size=size, decimal=decimal)
            for geometry, record in by_layer[slug]:
                writer.shape(geometry)
                writer.record(*[_dbf_value(kinds[name], _value(registry, record, name, user))
                                for name, _column in cols])
            writer.close()
            stem = f"{registry.plural}-{slug}"
            for ext, buffer in (("shp", shp), ("shx", shx), ("dbf", dbf)):
                out.writestr(f"{stem}.{ext}", buffer.getvalue())
            out.writestr(f"{stem}.prj", prj)
            out.writestr(f"{stem}.cpg", "UTF-8")
    return archive.getvalue()


def _dbf_value(kind, value):
    field_type, size, _decimal = kind
    if field_type == "N":
        return None if value in ("", None) else (value if isinstance(value, int) else float(value))
    return _text(value, size)
