"""Helpers shared by the enforcement models."""

from django.core.exceptions import ValidationError


def field_error(field: str, code: str, message) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code)})


def split_codes(text: str) -> list[str]:
    """Codes written one per line or separated by commas (either width) or spaces, in order, without repeats."""
    for sep in ("，", ",", "、", ";", "；", "\n", "\r", "\t"):
        text = (text or "").replace(sep, " ")
    seen: dict[str, None] = {}
    for part in text.split():
        seen.setdefault(part.strip(), None)
    return list(seen)
