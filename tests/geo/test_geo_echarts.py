"""Decoding ECharts' compressed map coordinates and reading the installed city maps."""

import pytest

from yingji.geo.echarts import (
    decode_echarts_geometry,
    decode_ring,
    load_echarts_city_map,
    parse_register_map,
)
from yingji.geo.errors import GeoError

# Worked by hand. Offset (107520, 31232) is (105.0, 30.5) * 1024. Each character is a zigzag
# value + 64: '@' = 0 -> 0, 'H' = 8 -> +4, 'G' = 7 -> -4, 'B' = 2 -> +1, 'A' = 1 -> -1.
# "@@H@@HG@@G" is the deltas (0,0) (+4,0) (0,+4) (-4,0) (0,-4): a closed square 4/1024 degree wide.
SQUARE = "@@H@@HG@@G"
SQUARE_DECODED = [
    [105.0, 30.5],
    [105.00390625, 30.5],
    [105.00390625, 30.50390625],
    [105.0, 30.50390625],
    [105.0, 30.5],
]


def test_decode_ring_by_hand():
    assert decode_ring(SQUARE, [107520, 31232]) == SQUARE_DECODED


def test_decode_ring_closes_open_rings():
    # (0,0) (+1,0) (0,+1): an open triangle, closed by repeating the first point.
    assert decode_ring("@@B@@B", [1024, 2048]) == [
        [1.0, 2.0],
        [1 + 1 / 1024, 2.0],
        [1 + 1 / 1024, 2 + 1 / 1024],
        [1.0, 2.0],
    ]


def test_decode_ring_scale_and_negative_deltas():
    assert decode_ring("@@AA", [10, 10], scale=10) == [[1.0, 1.0], [0.9, 0.9], [1.0, 1.0]]


def test_decode_polygon_and_multipolygon_nesting():
    polygon = decode_echarts_geometry(
        {"type": "Polygon", "coordinates": [SQUARE], "encodeOffsets": [[107520, 31232]]}
    )
    assert polygon == {"type": "Polygon", "coordinates": [SQUARE_DECODED]}
    multi = decode_echarts_geometry(
        {
            "type": "MultiPolygon",
            "coordinates": [[SQUARE], [SQUARE]],
            "encodeOffsets": [[[107520, 31232]], [[0, 0]]],
        }
    )
    assert multi["type"] == "MultiPolygon"
    assert multi["coordinates"][0] == [SQUARE_DECODED]
    assert multi["coordinates"][1][0][2] == [4 / 1024, 4 / 1024]


def test_plain_geometry_passes_through_and_bad_input_raises():
    plain = {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}
    assert decode_echarts_geometry(plain) == plain
    with pytest.raises(GeoError) as info:
        decode_echarts_geometry({"type": "Polygon", "coordinates": [SQUARE], "encodeOffsets": []})
    assert info.value.code == "echarts_map_invalid"
    with pytest.raises(GeoError):
        decode_echarts_geometry({"type": "Polygon", "coordinates": ["@@@"], "encodeOffsets": [[0, 0]]})
    with pytest.raises(GeoError):
        decode_echarts_geometry({"type": "Point", "coordinates": [1, 2]})


def test_parse_register_map_reads_js_object_literals():
    js = (
        "!function(){var D=1;A.registerMap('测试', {type:\"FeatureCollection\", /* c */ features:["
        '{type:\'Feature\',id:"1",properties:{name:"甲",cp:[1.5,-2e1],n:0x10,ok:!0,no:!1,z:null},'
        'geometry:{type:"Polygon",coordinates:["@\\\\\\u0040@"],encodeOffsets:[[0,0]]}},],'
        "UTF8Encoding:!0})}()"
    )
    name, data = parse_register_map(js)
    assert name == "测试"
    feature = data["features"][0]
    assert feature["properties"] == {
        "name": "甲",
        "cp": [1.5, -20.0],
        "n": 16,
        "ok": True,
        "no": False,
        "z": None,
    }
    # "@\\\u0040@" in JS is the four characters @ \ @ @: deltas (0, +14) then (0, 0).
    assert feature["geometry"]["coordinates"] == ["@\\@@"]
    assert data["UTF8Encoding"] is True
    with pytest.raises(GeoError):
        parse_register_map("echarts.registerMap('x', {a: })")
    with pytest.raises(GeoError):
        parse_register_map("no map here")


def test_load_suining_city_map():
    collection = load_echarts_city_map("si4_chuan1_sui4_ning2.js")
    assert collection["type"] == "FeatureCollection"
    assert collection["name"] == "遂宁"
    ids = {f["id"]: f["properties"]["name"] for f in collection["features"]}
    assert ids["510903"] == "船山区"
    assert len(ids) == 5
    chuanshan = next(f for f in collection["features"] if f["id"] == "510903")
    assert chuanshan["geometry"]["type"] == "MultiPolygon"
    for polygon in chuanshan["geometry"]["coordinates"]:
        for ring in polygon:
            assert ring[0] == ring[-1]
            assert all(105.0 < lon < 106.5 and 30.0 < lat < 31.5 for lon, lat in ring)


def test_load_missing_map():
    with pytest.raises(GeoError) as info:
        load_echarts_city_map("no_such_city.js")
    assert info.value.code == "echarts_map_not_found"
    with pytest.raises(GeoError):
        load_echarts_city_map("../registry.json")
