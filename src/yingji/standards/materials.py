"""应急物资分类及编码 GB/T 38565-2020 §5.2 [V].

Four levels, seven digits: 大类 (1 digit: 1, 2 or 3), then 中类, 小类, 细类 (2 digits each,
01–99). At every level ``99`` is the 收容类目 ("other").
"""

from __future__ import annotations

from dataclasses import dataclass

from yingji.standards.errors import StandardsError

# GB/T 38565-2020 §5.2 a) [V]
MATERIAL_CATEGORIES = {
    "1": "基本生活保障物资",
    "2": "应急装备及配套物资",
    "3": "工程材料与机械加工设备",
}
LEVEL_NAMES = ("大类", "中类", "小类", "细类")
OTHER_SEGMENT = "99"
FULL_LENGTH = 7


@dataclass(frozen=True)
class MaterialCode:
    code: str
    segments: tuple[str, ...]  # ("2", "01", "03", "99") for "2010399"

    @property
    def depth(self) -> int:
        """1 (大类) .. 4 (细类)."""
        return len(self.segments)

    @property
    def is_full(self) -> bool:
        return self.depth == 4

    @property
    def category(self) -> str:
        return self.segments[0]

    @property
    def category_name(self) -> str:
        return MATERIAL_CATEGORIES[self.category]

    @property
    def is_other(self) -> bool:
        """True when the deepest level is the 99 收容类目."""
        return self.depth > 1 and self.segments[-1] == OTHER_SEGMENT

    @property
    def levels(self) -> tuple[tuple[str, str], ...]:
        """(level name, code prefix) pairs: (("大类", "2"), ("中类", "201"), ...)."""
        return tuple((LEVEL_NAMES[i], "".join(self.segments[: i + 1])) for i in range(self.depth))

    @property
    def parent_code(self) -> str | None:
        return "".join(self.segments[:-1]) or None


def _invalid(code: object, reason: str) -> StandardsError:
    return StandardsError("invalid_material_code", f"应急物资编码“{code}”无效：{reason}", "code")


def parse_material_code(code: object, allow_partial: bool = False) -> MaterialCode:
    """Split a GB/T 38565 code into its levels.

    A full code has 7 digits. With ``allow_partial`` a 1-, 3- or 5-digit class code is accepted too.
    """
    text = str(code).strip() if isinstance(code, str | int) and not isinstance(code, bool) else None
    if not text or not text.isascii() or not text.isdigit():
        raise _invalid(code, "只能由数字组成")
    lengths = (1, 3, 5, 7) if allow_partial else (FULL_LENGTH,)
    if len(text) not in lengths:
        expected = "1、3、5或7位" if allow_partial else "7位"
        raise _invalid(code, f"应为{expected}数字")
    if text[0] not in MATERIAL_CATEGORIES:
        raise _invalid(code, "大类代码应为1、2或3")
    segments = (text[0], *(text[i : i + 2] for i in range(1, len(text), 2)))
    for name, segment in zip(LEVEL_NAMES[1:], segments[1:], strict=False):
        if segment == "00":
            raise _invalid(code, f"{name}代码应为01至99")
    return MaterialCode(code=text, segments=segments)


def validate_material_code(code: object, allow_partial: bool = False) -> str:
    """The normalised code string, or StandardsError(code="invalid_material_code")."""
    return parse_material_code(code, allow_partial=allow_partial).code
