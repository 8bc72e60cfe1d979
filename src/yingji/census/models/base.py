"""Shared by census records: DomainError → the model's ValidationError naming the field."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def field_error(exc, field: str | None = None) -> ValidationError:
    field = field or getattr(exc, "field", None) or next(iter(getattr(exc, "fields", None) or {}), "__all__")
    return ValidationError({field: ValidationError(exc.message, code=exc.code)})


def not_more_than(record, total_field: str, *parts: str) -> None:
    """Each count in `parts` is at most the count in `total_field` (e.g. elderly ≤ members)."""
    total = getattr(record, total_field) or 0
    for name in parts:
        if (getattr(record, name) or 0) > total:
            labels = {"part": record._meta.get_field(name).verbose_name,
                      "total": record._meta.get_field(total_field).verbose_name}
            raise ValidationError({name: ValidationError(_("%(part)s不能多于%(total)s") % labels,
                                                         code="count_too_large")})
