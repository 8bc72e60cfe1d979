"""Emergency categories and types as a tree.

Code scheme: dotted positions, stable forever — "1".."4" are the four categories in the order of
突发事件应对法 第二条, "2.1" a sub-type, "2.1.4" a third-level type. New nodes are appended with
the next free number; codes are never renumbered or reused. Every node also has a globally unique
English ``slug``; :func:`get_type` accepts either. ``gbt35561_code`` is None for now: the GB/T
35561-2017 (突发事件分类与编码) code values were not found [?]; load them into that attribute later.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from yingji.standards.config import get_config
from yingji.standards.errors import StandardsError


@dataclass(frozen=True, eq=False)
class IncidentType:
    code: str
    slug: str
    name: str
    name_en: str
    parent: IncidentType | None = field(default=None, repr=False)
    children: tuple[IncidentType, ...] = field(default=(), repr=False)
    gbt35561_code: str | None = None

    @property
    def level(self) -> int:
        return self.code.count(".") + 1

    @property
    def path(self) -> tuple[IncidentType, ...]:
        """From the category down to this node."""
        node: IncidentType | None = self
        chain: list[IncidentType] = []
        while node is not None:
            chain.append(node)
            node = node.parent
        return tuple(reversed(chain))

    @property
    def full_name(self) -> str:
        return " / ".join(n.name for n in self.path)


class GradingRule(StrEnum):
    SAFETY_ACCIDENT = "safety_accident"  # 生产安全事故报告和调查处理条例 第三条
    FOREST_FIRE = "forest_fire"  # 森林防火条例 第四十条
    NATURAL_DISASTER = "natural_disaster"  # casualty bands of 条例 第三条 (config nd_casualty_grading) [?]
    NATURAL_DISASTER_NONE = "natural_disaster_none"  # graded by hazard-specific plans: manual
    NO_STATUTORY_GRADE = "no_statutory_grade"  # 社会安全事件: no statutory grade


# (code, slug, name, name_en, children)
# Categories: 突发事件应对法（2024修订）第二条 [V]. 自然灾害/事故灾难 sub-types: 国家突发事件总体应急预案
# (2025) [V]. 公共卫生/社会安全 sub-types [S]. Third level: hazard codes of 自然灾害情况统计调查制度 [S]
# and common accident kinds (project choice).
# fmt: off
_TREE = (
    ("1", "natural_disaster", "自然灾害", "Natural disaster", (
        ("1.1", "flood_drought", "水旱灾害", "Flood and drought", (
            ("1.1.1", "flood", "洪涝", "Flood"),
            ("1.1.2", "drought", "干旱", "Drought"),
        )),
        ("1.2", "meteorological", "气象灾害", "Meteorological disaster", (
            ("1.2.1", "typhoon", "台风", "Typhoon"),
            ("1.2.2", "wind_hail", "风雹", "Wind and hail"),
            ("1.2.3", "low_temperature_freeze", "低温冷冻", "Low temperature and freezing"),
            ("1.2.4", "snow_disaster", "雪灾", "Snow disaster"),
            ("1.2.5", "sandstorm", "沙尘暴", "Sandstorm"),
        )),
        ("1.3", "earthquake", "地震灾害", "Earthquake", ()),
        ("1.4", "geological", "地质灾害", "Geological disaster", (
            ("1.4.1", "rockfall", "崩塌", "Rockfall"),
            ("1.4.2", "landslide", "滑坡", "Landslide"),
            ("1.4.3", "debris_flow", "泥石流", "Debris flow"),
        )),
        ("1.5", "marine", "海洋灾害", "Marine disaster", (
            ("1.5.1", "storm_surge", "风暴潮", "Storm surge"),
            ("1.5.2", "tsunami", "海啸", "Tsunami"),
        )),
        ("1.6", "biological", "生物灾害", "Biological disaster", ()),
        ("1.7", "forest_grassland_fire", "森林草原火灾", "Forest and grassland fire", (
            ("1.7.1", "forest_fire", "森林火灾", "Forest fire"),
            ("1.7.2", "grassland_fire", "草原火灾", "Grassland fire"),
        )),
    )),
    ("2", "accident_disaster", "事故灾难", "Accident disaster", (
        ("2.1", "production_safety_accident", "工矿商贸等生产安全事故", "Industrial safety accident", (
            ("2.1.1", "mine_accident", "矿山事故", "Mine accident"),
            ("2.1.2", "hazchem_accident", "危险化学品事故", "Hazardous chemicals accident"),
            ("2.1.3", "construction_accident", "建筑施工事故", "Construction accident"),
            ("2.1.4", "fire_accident", "火灾事故", "Fire (buildings, shops, homes)"),
            ("2.1.5", "fireworks_accident", "烟花爆竹事故", "Fireworks accident"),
            ("2.1.6", "industry_trade_accident", "工贸行业事故", "Industry and trade accident"),
        )),
        ("2.2", "transport_accident", "交通运输事故", "Transport accident", (
            ("2.2.1", "road_traffic_accident", "道路交通事故", "Road traffic accident"),
            ("2.2.2", "waterway_accident", "水上交通事故", "Waterway accident"),
            ("2.2.3", "railway_accident", "铁路交通事故", "Railway accident"),
            ("2.2.4", "aviation_accident", "民用航空事故", "Civil aviation accident"),
        )),
        ("2.3", "public_facility_accident", "公共设施和设备事故", "Public facility and equipment accident", (
            ("2.3.1", "gas_accident", "城镇燃气事故", "Town gas accident"),
            ("2.3.2", "special_equipment_accident", "特种设备事故", "Special equipment accident"),
            ("2.3.3", "utility_outage", "供水供电等城市生命线事故", "Utility lifeline accident"),
            ("2.3.4", "pipeline_accident", "油气长输管道事故", "Oil and gas pipeline accident"),
        )),
        ("2.4", "environmental_pollution", "环境污染和生态破坏事件", "Environmental pollution", ()),
        ("2.5", "nuclear_radiation_accident", "核与辐射事故", "Nuclear and radiation accident", ()),
    )),
    ("3", "public_health", "公共卫生事件", "Public health event", (
        ("3.1", "infectious_disease", "传染病疫情", "Infectious disease outbreak", ()),
        ("3.2", "unexplained_cluster_illness", "群体性不明原因疾病", "Cluster of unexplained illness", ()),
        ("3.3", "food_occupational", "食品安全和职业危害", "Food safety and occupational hazard", ()),
        ("3.4", "animal_epidemic", "动物疫情", "Animal epidemic", ()),
    )),
    ("4", "social_security", "社会安全事件", "Social security event", (
        ("4.1", "terrorist_attack", "恐怖袭击事件", "Terrorist attack", ()),
        ("4.2", "economic_security", "经济安全事件", "Economic security event", ()),
        ("4.3", "foreign_related", "涉外突发事件", "Foreign-related emergency", ()),
    )),
)
# fmt: on

# 生产安全事故 family graded by 条例 第三条 (decision): 工矿商贸, 交通运输 and 公共设施和设备 accidents.
# Not included: 环境污染 (突发环境事件分级 differs) and 核与辐射 (own grading) -> manual grading.
SAFETY_ACCIDENT_ROOTS = ("2.1", "2.2", "2.3")
# Forest fires graded by 森林防火条例 第四十条; the 1.7 parent is treated as a forest fire.
# 草原火灾 (草原防火条例) is not encoded -> manual grading.
FOREST_FIRE_CODES = ("1.7", "1.7.1")


def _build(spec: tuple, parent: IncidentType | None) -> IncidentType:
    code, slug, name, name_en, *rest = spec
    node = IncidentType(code=code, slug=slug, name=name, name_en=name_en, parent=parent)
    kids = tuple(_build(child, node) for child in (rest[0] if rest else ()))
    object.__setattr__(node, "children", kids)
    return node


CATEGORIES: tuple[IncidentType, ...] = tuple(_build(spec, None) for spec in _TREE)


def _walk(nodes: tuple[IncidentType, ...]) -> list[IncidentType]:
    out: list[IncidentType] = []
    for node in nodes:
        out.append(node)
        out.extend(_walk(node.children))
    return out


_ALL = tuple(_walk(CATEGORIES))
_INDEX = {n.code: n for n in _ALL} | {n.slug: n for n in _ALL}


def all_types() -> tuple[IncidentType, ...]:
    """Every node, depth-first in code order."""
    return _ALL


def get_type(code: str | IncidentType) -> IncidentType:
    """The node for a dotted code ("2.1.4") or a slug ("fire_accident")."""
    if isinstance(code, IncidentType):
        return code
    node = _INDEX.get(str(code).strip()) if code is not None else None
    if node is None:
        raise StandardsError("unknown_incident_type", f"未知的突发事件类型：{code}", "type_code")
    return node


def category_of(code: str | IncidentType) -> IncidentType:
    return get_type(code).path[0]


def descendants(code: str | IncidentType) -> tuple[IncidentType, ...]:
    """All nodes below (not including) the given one."""
    return tuple(_walk(get_type(code).children))


def is_within(code: str | IncidentType, ancestor: str | IncidentType) -> bool:
    """True when ``code`` is ``ancestor`` or lies below it."""
    return get_type(ancestor) in get_type(code).path


def is_natural_disaster(code: str | IncidentType) -> bool:
    return category_of(code).code == "1"


def is_safety_accident(code: str | IncidentType) -> bool:
    return any(is_within(code, root) for root in SAFETY_ACCIDENT_ROOTS)


def is_forest_fire(code: str | IncidentType) -> bool:
    return get_type(code).code in FOREST_FIRE_CODES


def has_statutory_grade(code: str | IncidentType) -> bool:
    """突发事件应对法: only 自然灾害, 事故灾难, 公共卫生 are graded; 社会安全事件 are not [V]."""
    return category_of(code).code != "4"


def grading_rule_for(code: str | IncidentType) -> GradingRule | None:
    """Which automatic grading rule applies; None means no rule (manual grading)."""
    if not has_statutory_grade(code):
        return GradingRule.NO_STATUTORY_GRADE
    if is_safety_accident(code):
        return GradingRule.SAFETY_ACCIDENT
    if is_forest_fire(code):
        return GradingRule.FOREST_FIRE
    if is_natural_disaster(code):
        cfg = get_config()
        excluded = any(is_within(code, root) for root in cfg.nd_casualty_grading_excluded_codes)
        return GradingRule.NATURAL_DISASTER if cfg.nd_casualty_grading and not excluded else (
            GradingRule.NATURAL_DISASTER_NONE)
    return None
