"""The one error type of the standards package and the number checks shared by its modules."""

from __future__ import annotations

import math
from decimal import Decimal, InvalidOperation

from yingji.coded_error import CodedError


class StandardsError(CodedError):
    """Bad input to a standards rule."""


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
