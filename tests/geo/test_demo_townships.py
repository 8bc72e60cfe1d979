"""The 船山区 demonstration townships and villages."""

import itertools
import re
from collections import Counter

import pytest
import shapely

from yingji.demo import townships as demo
from yingji.demo.townships import (
    TOTAL_POPULATION,
    TOWNSHIPS,
    URBAN_POPULATION,
    split_exactly,
    township,
    township_partition,
    village_seats,
    villages,
    villages_of,
)
from yingji.geo.chuanshan import CENTRE, district_outline, in_district
from yingji.geo.measure import haversine_m, point_in_polygon, to_shape

# shared/DISTRICT.md, in its order.
STREETS = ["南津路", "凯旋路", "镇江寺", "育才路", "介福路", "嘉禾", "广德"]
STREETS += ["富源路", "灵泉", "慈音", "九莲", "南强", "西宁", "杨渡"]
TOWNS = ["龙凤镇", "仁里镇", "永兴镇", "河沙镇", "新桥镇", "桂花镇", "老池镇", "保升镇", "北固镇", "唐家乡"]
CORE = [s + "街道" for s in STREETS[:8]]


def test_the_24_townships_of_district_md():
    assert [t.name for t in TOWNSHIPS] == [s + "街道" for s in STREETS] + TOWNS
    assert Counter(t.kind for t in TOWNSHIPS) == {"街道": 14, "镇": 9, "乡": 1}
    assert all(t.name.endswith(t.kind) for t in TOWNSHIPS)


def test_codes_are_unique_12_digit_statistical_codes():
    codes = [t.code for t in TOWNSHIPS]
    assert len(set(codes)) == 24
    assert all(re.fullmatch(r"510903\d{3}000", c) for c in codes)
    for t in TOWNSHIPS:
        block = int(t.code[6:9])
        assert {"街道": block < 100, "镇": 100 <= block < 200, "乡": 200 <= block < 400}[t.kind]
    assert township("510903100000").name == "龙凤镇" and township("唐家乡").kind == "乡"
    with pytest.raises(KeyError):
        township("不存在")


def test_populations_match_the_2020_census_exactly():
    assert sum(t.population for t in TOWNSHIPS) == TOTAL_POPULATION == 832_863
    assert sum(t.population for t in TOWNSHIPS if t.kind == "街道") == URBAN_POPULATION == 690_686
    smallest_street = min(t.population for t in TOWNSHIPS if t.kind == "街道")
    assert all(t.population < smallest_street for t in TOWNSHIPS if t.kind != "街道")
    for t in TOWNSHIPS:
        assert 2.3 < t.population / t.households < 3.0


def test_seats_inside_outline_central_streets_and_spread():
    for t in TOWNSHIPS:
        assert in_district(*t.seat), t.name
        assert all(round(v, 6) == v for v in t.seat)
    for name in CORE:
        lon, lat = township(name).seat
        assert 105.56 <= lon <= 105.62 and 30.50 <= lat <= 30.545, name
    street_km = [haversine_m(*CENTRE, *t.seat) / 1000 for t in TOWNSHIPS if t.kind == "街道"]
    town_km = [haversine_m(*CENTRE, *t.seat) / 1000 for t in TOWNSHIPS if t.kind != "街道"]
    assert max(street_km) < 10 and min(town_km) > 6
    assert sum(town_km) / len(town_km) > 2 * sum(street_km) / len(street_km)
    assert township("龙凤镇").seat[0] > 105.63  # east of the city
    closest = min(haversine_m(*a.seat, *b.seat) for a, b in itertools.combinations(TOWNSHIPS, 2))
    assert closest > 900


def test_township_partition_cells():
    cells = township_partition()
    assert township_partition() is cells
    assert set(cells) == {t.code for t in TOWNSHIPS}
    shapes = [to_shape(c) for c in cells.values()]
    for t in TOWNSHIPS:
        assert point_in_polygon(*t.seat, cells[t.code])
    overlap = sum(a.intersection(b).area for a, b in itertools.combinations(shapes, 2))
    whole = to_shape(district_outline())
    assert overlap <= 1e-9 * whole.area
    assert shapely.union_all(shapes).symmetric_difference(whole).area <= 1e-4 * whole.area


def test_about_117_villages_with_unique_codes_and_names():
    items = villages()
    assert len(items) == 117
    assert len({v.code for v in items}) == 117
    assert len({v.name for v in items}) == 117
    for v in items:
        parent = township(v.township_code)
        assert re.fullmatch(r"\d{12}", v.code) and v.code[:9] == parent.code[:9]
        assert v.kind == ("社区" if parent.kind == "街道" else "村") and v.name.endswith(v.kind)
        assert int(v.code[9:]) < 200 if v.kind == "社区" else int(v.code[9:]) > 200
        assert v.population > 0 and v.households > 0


def test_village_figures_split_their_township_exactly():
    for t in TOWNSHIPS:
        members = villages_of(t.code)
        assert len(members) == t.villages
        assert sum(v.population for v in members) == t.population
        assert sum(v.households for v in members) == t.households
    assert sum(v.population for v in villages()) == TOTAL_POPULATION


def test_plan_places_keep_their_township():
    names = {v.name: township(v.township_code).name for v in villages()}
    assert names["罗家湾村"] == "唐家乡" and names["刘家河村"] == "仁里镇" and names["薛家坝村"] == "老池镇"


def test_villages_are_deterministic():
    before = villages()
    demo.villages.cache_clear()
    assert villages() == before


def test_village_seats_inside_their_township_cell():
    seats = village_seats()
    cells = township_partition()
    assert set(seats) == {v.code for v in villages()}
    for v in villages():
        assert point_in_polygon(*seats[v.code], cells[v.township_code]), v.name
        assert in_district(*seats[v.code])
    demo.village_seats.cache_clear()
    assert village_seats() == seats


@pytest.mark.parametrize(
    ("total", "weights"), [(10, [1, 1, 1]), (832_863, [0.7, 1.3, 1.1, 0.9]), (1, [1, 1]), (0, [2, 3])]
)
def test_split_exactly(total, weights):
    parts = split_exactly(total, weights)
    assert sum(parts) == total and len(parts) == len(weights)
    assert all(abs(p - total * w / sum(weights)) < 1 for p, w in zip(parts, weights, strict=True))
