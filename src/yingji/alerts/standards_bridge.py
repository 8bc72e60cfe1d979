"""Small helpers between our stored values and yingji.standards."""

from yingji.standards.warnings import WarningLevel


def level_of(value) -> str:
    """A stored level value from a colour, label or code (red, 红色, 一级, level_1)."""
    return WarningLevel.parse(value).value
