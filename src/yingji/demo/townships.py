"""船山区 townships and villages — DEMONSTRATION DATA, APPROXIMATE.

Real: the 24 township-level names and kinds (14 街道, 9 镇, 1 乡), the 2020 census totals
(832,863 residents, about 690,686 urban) and the district outline (see ``yingji.geo.chuanshan``).

Approximate or generated, and labelled so wherever shown:
- statistical codes: the real 2023 codes are not available here, so they follow the usual
  scheme (街道 001–099, 镇 100–199, 乡 200–399; 社区 001–199, 村 201–399) in list order;
- seats: hand-placed plausible points inside the real outline (urban 街道 in the centre, 镇/乡
  towards the edges), not surveyed positions;
- per-township populations and households (they sum exactly to the census totals);
- township boundaries: Voronoi cells of the seats clipped to the outline;
- village/community names, counts (117 in all), populations and seats: generated with
  ``random.Random(510903)`` from a pool of common Sichuan place-name stems.

Pure data and pure functions: nothing is computed at import and nothing here needs Django.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import cache
from typing import Any

DEMO_NOTICE = "演示数据（近似值）"
DISTRICT_CODE = "510903"
TOTAL_POPULATION = 832_863  # 2020 census, resident
URBAN_POPULATION = 690_686  # 2020 census, urban
VILLAGE_SEED = 510903


@dataclass(frozen=True)
class Township:
    code: str  # 12-digit statistical code (approximate)
    name: str  # full name, e.g. 龙凤镇
    kind: str  # 街道 / 镇 / 乡
    seat: tuple[float, float]  # (lon, lat) WGS84, approximate
    population: int
    households: int
    villages: int  # number of 社区 (under 街道) or 村 (under 镇/乡)


@dataclass(frozen=True)
class Village:
    code: str  # 12-digit statistical code (generated)
    name: str  # e.g. 石桥村, 滨江社区
    kind: str  # 村 / 社区
    township_code: str
    population: int
    households: int


# fmt: off
TOWNSHIPS: tuple[Township, ...] = (
    Township("510903001000", "南津路街道", "街道", (105.588, 30.514), 68_412, 27_148, 5),
    Township("510903002000", "凯旋路街道", "街道", (105.594, 30.527), 72_305, 28_692, 5),
    Township("510903003000", "镇江寺街道", "街道", (105.578, 30.521), 61_287, 24_320, 4),
    Township("510903004000", "育才路街道", "街道", (105.574, 30.532), 58_736, 23_308, 4),
    Township("510903005000", "介福路街道", "街道", (105.584, 30.529), 64_918, 25_761, 5),
    Township("510903006000", "嘉禾街道", "街道", (105.599, 30.505), 55_604, 22_065, 4),
    Township("510903007000", "广德街道", "街道", (105.566, 30.512), 49_873, 19_791, 4),
    Township("510903008000", "富源路街道", "街道", (105.597, 30.541), 52_419, 20_801, 4),
    Township("510903009000", "灵泉街道", "街道", (105.618, 30.503), 43_186, 17_137, 4),
    Township("510903010000", "慈音街道", "街道", (105.603, 30.558), 36_752, 14_584, 3),
    Township("510903011000", "九莲街道", "街道", (105.558, 30.548), 34_208, 13_575, 3),
    Township("510903012000", "南强街道", "街道", (105.577, 30.476), 32_617, 12_943, 4),
    Township("510903013000", "西宁街道", "街道", (105.533, 30.519), 29_845, 11_843, 3),
    Township("510903014000", "杨渡街道", "街道", (105.563, 30.575), 30_524, 12_113, 3),
    Township("510903100000", "龙凤镇", "镇", (105.668, 30.532), 18_964, 6_822, 7),
    Township("510903101000", "仁里镇", "镇", (105.702, 30.601), 15_237, 5_481, 6),
    Township("510903102000", "永兴镇", "镇", (105.527, 30.604), 14_082, 5_065, 6),
    Township("510903103000", "河沙镇", "镇", (105.643, 30.612), 16_415, 5_905, 7),
    Township("510903104000", "新桥镇", "镇", (105.486, 30.611), 12_738, 4_582, 6),
    Township("510903105000", "桂花镇", "镇", (105.604, 30.428), 17_526, 6_304, 7),
    Township("510903106000", "老池镇", "镇", (105.683, 30.398), 15_903, 5_721, 6),
    Township("510903107000", "保升镇", "镇", (105.731, 30.366), 11_347, 4_082, 5),
    Township("510903108000", "北固镇", "镇", (105.438, 30.588), 10_892, 3_918, 5),
    Township("510903200000", "唐家乡", "乡", (105.592, 30.622), 9_073, 3_264, 7),
)

# Village names that the district's emergency plan ties to a township (river reaches, reservoirs).
PINNED_VILLAGES: dict[str, tuple[str, ...]] = {
    "唐家乡": ("罗家湾", "东山", "唐家渡"),
    "仁里镇": ("刘家河",),
    "老池镇": ("薛家坝", "三新", "大沙坝"),
    "桂花镇": ("漆家桥",),
    "龙凤镇": ("大白塔",),
    "河沙镇": ("赤岩沟",),
    "永兴镇": ("九峰寺",),
}

COMMUNITY_STEMS: tuple[str, ...] = (
    "滨江", "书院", "明月", "广场", "南坝", "兴业", "天宫", "东湖", "西山", "金鱼", "玉带", "航运",
    "五彩", "卓筒", "清平", "圣莲", "渠河", "圣平", "永福", "凤台", "联盟", "芝溪", "观音", "桂湖",
    "河东", "新华", "和平", "建设", "花园", "荷花", "银华", "德胜", "复兴", "正街", "文星", "开善",
    "金龙", "海棠", "紫竹", "锦华", "东升", "双桥", "盐关", "北坝", "龙坪", "梓潼", "长乐", "来凤",
    "迎宾", "涪滨", "明星", "华兴", "同心", "泰安", "康乐", "育英", "春晖", "宝莲", "南园", "青年",
)

VILLAGE_STEMS: tuple[str, ...] = (
    "石桥", "白鹤", "金竹", "龙泉", "新民", "团结", "红光", "玉峰", "青龙", "黄桷", "柏林", "大石",
    "高峰", "双河", "三星", "回龙", "永安", "太平", "龙滩", "凤凰", "马鞍", "狮子", "长寿", "河坝",
    "清水", "莲花", "鹤林", "松林", "天星", "五星", "梨园", "茶花", "光华", "先锋", "红星", "谭家沟",
    "何家坝", "杨柳", "兴隆", "五一", "金桥", "四方", "万胜", "大面", "舒家庙", "文庙湾", "谷村沟",
    "观音岩", "高洞", "土地垭", "花果", "楠木", "桅杆", "桃园", "新店", "石龙", "板桥", "龙门", "金鸡",
    "水井", "响水", "大湾", "堰塘", "五通", "吉祥", "六合", "黄泥", "三合", "凉水井", "黄花",
)
# fmt: on


def township(code_or_name: str) -> Township:
    """The township with this code or full name (KeyError when there is none)."""
    for item in TOWNSHIPS:
        if code_or_name in (item.code, item.name):
            return item
    raise KeyError(code_or_name)


def split_exactly(total: int, weights: list[float]) -> list[int]:
    """Integers proportional to ``weights`` that sum exactly to ``total`` (largest remainder)."""
    scale = sum(weights)
    shares = [total * w / scale for w in weights]
    parts = [int(s) for s in shares]
    order = sorted(range(len(shares)), key=lambda i: (parts[i] - shares[i], i))
    for i in order[: total - sum(parts)]:
        parts[i] += 1
    return parts


@cache
def villages() -> tuple[Village, ...]:
    """All generated villages and communities, township by township (deterministic)."""
    rng = random.Random(VILLAGE_SEED)
    pinned = {stem for stems in PINNED_VILLAGES.values() for stem in stems}
    community_pool = list(COMMUNITY_STEMS)
    village_pool = [s for s in VILLAGE_STEMS if s not in pinned]
    rng.shuffle(community_pool)
    rng.shuffle(village_pool)
    out: list[Village] = []
    for item in TOWNSHIPS:
        urban = item.kind == "街道"
        stems = list(PINNED_VILLAGES.get(item.name, ()))[: item.villages]
        pool = community_pool if urban else village_pool
        while len(stems) < item.villages:
            stems.append(pool.pop())
        weights = [rng.uniform(0.6, 1.4) for _ in stems]
        people = split_exactly(item.population, weights)
        homes = split_exactly(item.households, weights)
        for i, stem in enumerate(stems):
            number = i + 1 if urban else 201 + i
            out.append(
                Village(
                    code=f"{item.code[:9]}{number:03d}",
                    name=stem + ("社区" if urban else "村"),
                    kind="社区" if urban else "村",
                    township_code=item.code,
                    population=people[i],
                    households=homes[i],
                )
            )
    return tuple(out)


def villages_of(township_code: str) -> tuple[Village, ...]:
    """The villages or communities of one township."""
    return tuple(v for v in villages() if v.township_code == township_code)


@cache
def township_partition() -> dict[str, dict[str, Any]]:
    """Approximate township boundaries: code → GeoJSON (Multi)Polygon, Voronoi cells of the seats
    clipped to the real district outline (cached; treat as read-only)."""
    from yingji.geo.chuanshan import district_outline
    from yingji.geo.partition import partition

    return partition({t.code: t.seat for t in TOWNSHIPS}, district_outline())


@cache
def village_seats() -> dict[str, tuple[float, float]]:
    """Village code → ``(lon, lat)``, spread inside its township's cell (deterministic, cached)."""
    from yingji.geo.partition import sample_points_in

    cells = township_partition()
    seats: dict[str, tuple[float, float]] = {}
    for item in TOWNSHIPS:
        members = villages_of(item.code)
        points = sample_points_in(cells[item.code], len(members), seed=f"{VILLAGE_SEED}-{item.code}")
        seats.update({v.code: p for v, p in zip(members, points, strict=True)})
    return seats
