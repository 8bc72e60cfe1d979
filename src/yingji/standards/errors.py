"""The one error type of the standards package and the number checks shared by its modules."""

from __future__ import annotations

import math
from decimal import Decimal, InvalidOperation


class StandardsError(ValueError):
    """Bad input to a standards rule.

    ``code`` is a stable English slug for programs, ``message`` readable Chinese for people,
    ``field`` names the offending input when there is one.
    """

    def __init__(self, code: str, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.field = field

    def __repr__(self) -> str:
        return f"StandardsError(code={self.code!r}, message={self.message!r}, field={self.field!r})"


def to_decimal(value: object, field: str, label: str) -> Decimal:
    """A finite, non-negative number as Decimal; None counts as 0.

    Accepts int, float, Decimal and numeric strings. bool is refused (True is not a figure).
    """
    if value is None:
        return Decimal(0)
    if isinstance(value, bool):
        raise StandardsError("invalid_number", f"{label}必须是数字", field)
    if isinstance(value, int | Decimal):
        number = Decimal(value)
    elif isinstance(value, float | str):
        try:
            number = Decimal(str(value).strip())
        except InvalidOperation:
            raise StandardsError("invalid_number", f"{label}必须是数字", field) from None
    else:
        raise StandardsError("invalid_number", f"{label}必须是数字", field)
    if not number.is_finite() or (isinstance(value, float) and not math.isfinite(value)):
        raise StandardsError("invalid_number", f"{label}必须是有限的数字", field)
    if number < 0:
        raise StandardsError("negative_value", f"{label}不能为负数", field)
    return number


def to_count(value: object, field: str, label: str) -> int:
    """A non-negative whole number of people; None counts as 0."""
    number = to_decimal(value, field, label)
    if number != number.to_integral_value():
        raise StandardsError("not_integer", f"{label}必须是整数", field)
    return int(number)
