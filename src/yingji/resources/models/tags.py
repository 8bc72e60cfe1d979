"""Helpers shared by the models: tag lists kept as text (专业特长、配套设施), and standards errors as
Django validation errors."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

SEPARATORS = re.compile(r"[、,，;；\s]+")


def split_tags(value: str) -> list[str]:
    return [tag for tag in SEPARATORS.split(value or "") if tag]


def clean_tags(value: str, vocabulary: tuple[str, ...], field: str) -> str:
    """The tags joined by 、, or a ValidationError naming the unknown ones and the allowed values."""
    tags = list(dict.fromkeys(split_tags(value)))
    unknown = [tag for tag in tags if tag not in vocabulary]
    if unknown:
        raise ValidationError({field: ValidationError(
            _("未知的取值：%(bad)s。可选：%(ok)s") % {"bad": "、".join(unknown), "ok": "、".join(vocabulary)},
            code="unknown_tag")})
    return "、".join(tags)


def standards_error(exc, field: str) -> ValidationError:
    """A yingji.standards StandardsError as a field ValidationError with the same code and message."""
    return ValidationError({exc.field if exc.field else field: ValidationError(exc.message, code=exc.code)})
