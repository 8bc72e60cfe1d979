"""Emergency shelters. 地震应急避难场所 场址及配套设施 GB 21734-2008 [V]; capacity from the district
plan's per-capita target (config.shelter_area_per_person_m2, default 1.5 m²)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal
from enum import StrEnum

from yingji.standards.config import get_config
from yingji.standards.errors import StandardsError, to_count, to_decimal


class ShelterClass(StrEnum):
    CLASS_1 = "class_1"  # Ⅰ类: 30天以上
    CLASS_2 = "class_2"  # Ⅱ类: 10天至30天
    CLASS_3 = "class_3"  # Ⅲ类: 10天以内

    @property
    def roman(self) -> str:
        return "ⅠⅡⅢ"[int(self.value[-1]) - 1]

    @property
    def label(self) -> str:
        return f"{self.roman}类应急避难场所"

    @property
    def duration_text(self) -> str:
        return {"class_1": "30天以上", "class_2": "10天至30天", "class_3": "10天以内"}[self.value]

    @property
    def min_days(self) -> int:
        return {"class_1": 30, "class_2": 10, "class_3": 0}[self.value]

    @property
    def max_days(self) -> int | None:
        return {"class_1": None, "class_2": 30, "class_3": 10}[self.value]


# Facilities each class adds on top of the lower class. GB 21734-2008 [V] for Ⅱ and Ⅰ.
_ADDED_FACILITIES = {
    ShelterClass.CLASS_2: ("应急消防设施", "应急物资储备设施", "应急指挥管理设施"),
    ShelterClass.CLASS_1: ("应急停车场", "应急停机坪", "应急洗浴设施"),
}


def required_facilities(shelter_class: object) -> tuple[str, ...]:
    """Facilities a class must have: the basic list (config, [?]) plus what each higher class adds."""
    cls = _parse_class(shelter_class)
    facilities = list(get_config().shelter_basic_facilities)
    if cls in (ShelterClass.CLASS_2, ShelterClass.CLASS_1):
        facilities.extend(_ADDED_FACILITIES[ShelterClass.CLASS_2])
    if cls is ShelterClass.CLASS_1:
        facilities.extend(_ADDED_FACILITIES[ShelterClass.CLASS_1])
    return tuple(facilities)


def shelter_class_for_days(days: object) -> ShelterClass:
    """The smallest class that covers ``days`` of sheltering (10 → Ⅲ, 11–29 → Ⅱ, 30 → Ⅰ)."""
    d = to_decimal(days, "days", "安置天数")
    if d <= 10:
        return ShelterClass.CLASS_3
    return ShelterClass.CLASS_2 if d < 30 else ShelterClass.CLASS_1


def _parse_class(value: object) -> ShelterClass:
    if isinstance(value, ShelterClass):
        return value
    text = str(value).strip() if value is not None else ""
    for cls in ShelterClass:
        if text in (cls.value, cls.roman, f"{cls.roman}类", cls.label):
            return cls
    raise StandardsError("unknown_shelter_class", f"未知的避难场所类别：{value}", "shelter_class")


def _per_person() -> Decimal:
    return Decimal(str(get_config().shelter_area_per_person_m2))


def capacity_from_area(effective_area_m2: object) -> int:
    """容纳人数 = floor(有效避难面积 / 人均面积)."""
    area = to_decimal(effective_area_m2, "effective_area_m2", "有效避难面积")
    return int((area / _per_person()).to_integral_value(rounding=ROUND_FLOOR))


@dataclass(frozen=True)
class CapacityCheck:
    capacity: int
    max_capacity: int


def check_capacity(effective_area_m2: object, capacity: object) -> CapacityCheck:
    """Refuse a declared capacity larger than the area allows (capacity × 人均面积 > area)."""
    area = to_decimal(effective_area_m2, "effective_area_m2", "有效避难面积")
    people = to_count(capacity, "capacity", "容纳人数")
    limit = capacity_from_area(area)
    if people * _per_person() > area:
        raise StandardsError(
            "capacity_exceeds_area",
            f"容纳人数{people}人超过有效避难面积{area.normalize():f}平方米按人均"
            f"{_per_person().normalize():f}平方米可容纳的{limit}人",
            "capacity",
        )
    return CapacityCheck(capacity=people, max_capacity=limit)
