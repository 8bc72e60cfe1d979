"""Quantities as people read them, in their unit's precision: counted things whole ("40 件", "3 顶"), measured
ones to two decimals at most ("12.5 吨"); never "40.0 件"."""

from decimal import Decimal

# Units of measure (everything else is counted: 件 个 台 套 顶 张 床 箱 条 根 把 支 艘 副 部 辆 …).
MEASURED_UNITS = {"吨", "千克", "公斤", "克", "米", "千米", "公里", "平方米", "立方米", "升", "毫升", "公顷", "亩"}


def decimals(unit: str) -> int:
    return 2 if (unit or "").strip() in MEASURED_UNITS else 0


def rounded(value, unit: str) -> int | float:
    """`value` to the unit's precision: an int for counted units."""
    places = decimals(unit)
    number = round(float(value), places)
    return int(number) if places == 0 or number == int(number) else number


def quantity_text(value, unit: str) -> str:
    """"40 件", "12.5 吨"."""
    number = rounded(value if not isinstance(value, Decimal) else float(value), unit)
    return f"{number} {unit}".strip()
