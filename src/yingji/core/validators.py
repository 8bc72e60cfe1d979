"""Domain bounds shared by every entry point (forms, API bodies, imports, registry saves): a quantity or a
date no real record can have is refused with a clear error (code, Chinese message, field) before any
arithmetic or database write can overflow on it."""

from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from .errors import DomainError

EARLIEST_YEAR = 1900  # older than any record an emergency bureau keeps
LATEST_YEAR = 2100  # far enough for expiry dates and plan reviews; keeps date arithmetic clear of year 9999


def _day(value) -> date:
    return value.date() if isinstance(value, datetime) else value


def date_range_error(value, label="") -> ValidationError | None:
    """The error for a date or time outside EARLIEST_YEAR..LATEST_YEAR, else None."""
    if value is None or not isinstance(value, date):
        return None
    if EARLIEST_YEAR <= _day(value).year <= LATEST_YEAR:
        return None
    message = _("%(l)s应在 %(a)d 年至 %(b)d 年之间") % {"l": label or _("日期"), "a": EARLIEST_YEAR, "b": LATEST_YEAR}
    return ValidationError(message, code="date_out_of_range")


def validate_date_range(value) -> None:
    """Django validator for form and model date/time fields."""
    error = date_range_error(value)
    if error is not None:
        raise error


def future_error(value, label="", now=None, tolerance_seconds=None) -> ValidationError | None:
    """The error for a time that has not happened yet (beyond the allowed clock skew), else None."""
    if value is None or not isinstance(value, datetime):
        return None
    if tolerance_seconds is None:
        tolerance_seconds = settings.FUTURE_TOLERANCE_SECONDS
    if value <= (now or timezone.now()) + timedelta(seconds=tolerance_seconds):
        return None
    return ValidationError(_("%(l)s不能晚于当前时间") % {"l": label or _("时间")}, code="future_time")


def validate_not_future(value) -> None:
    """Django validator for an "occurred"/"received" form field (the range is checked too)."""
    error = future_error(value) or date_range_error(value)
    if error is not None:
        raise error


def _raise(error: ValidationError | None, field: str) -> None:
    if error is not None:
        raise DomainError(error.code, error.message, field=field)


def check_date(value, *, field: str, label="") -> None:
    """A date or time that is a real calendar moment for this product, else DomainError naming `field`."""
    _raise(date_range_error(value, label), field)


def parse_day(raw, *, field: str, label="") -> date | None:
    """A YYYY-MM-DD text (or a date) within the range; None when empty."""
    if raw in (None, ""):
        return None
    try:
        day = raw if isinstance(raw, date) else date.fromisoformat(str(raw).strip()[:10])
    except ValueError:
        raise DomainError("invalid_date", _("日期“%(v)s”格式应为 YYYY-MM-DD") % {"v": str(raw)[:40]},
                          field=field) from None
    check_date(day, field=field, label=label)
    return day


def model_date_errors(instance) -> dict[str, list[ValidationError]]:
    """Range errors of every date/time field of a model instance (for registry saves and imports)."""
    from django.db import models

    errors = {}
    for f in instance._meta.concrete_fields:
        if isinstance(f, models.DateField):  # DateTimeField is a DateField
            error = date_range_error(getattr(instance, f.attname), str(f.verbose_name))
            if error is not None:
                errors[f.name] = [error]
    return errors


def bounded_decimal(raw, *, field: str, max_digits=14, decimal_places=2) -> Decimal:
    """A finite, non-negative number that fits a DecimalField(max_digits, decimal_places), as Decimal.

    The magnitude is checked before any rounding: a 5,000-digit number would otherwise overflow the decimal
    context (InvalidOperation) wherever it is first quantized."""
    text = str(raw).strip() if raw is not None and not isinstance(raw, bool) else ""
    try:
        value = Decimal(text)
    except (InvalidOperation, ValueError):
        raise DomainError("invalid_quantity", _("数量“%(v)s”不是有效数字") % {"v": text[:40]}, field=field) from None
    if not value.is_finite():
        raise DomainError("invalid_quantity", _("数量必须是有限的数字"), field=field)
    if value < 0:
        raise DomainError("negative_quantity", _("数量不能为负数"), field=field)
    whole_digits = max_digits - decimal_places
    if value and value.adjusted() >= whole_digits:
        raise DomainError("quantity_too_large", _("数量过大（不超过 %(n)d 位整数）") % {"n": whole_digits}, field=field)
    if value != value.quantize(Decimal(1).scaleb(-decimal_places)):
        raise DomainError("invalid_quantity", _("数量最多 %(n)d 位小数") % {"n": decimal_places}, field=field)
    return value
