"""Helpers shared by the community models."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yingji.core.scoping import FROM_ABOVE, PICK, READ

SOON_DAYS = 30  # an expiry within this many days is 临期


def expiry_flag(expiry: date | None, today: date | None = None) -> str:
    """"" (valid, or no date), 临期 (within 30 days) or 过期 (passed)."""
    if expiry is None:
        return ""
    today = today or timezone.localdate()
    if expiry < today:
        return str(_("过期"))
    return str(_("临期")) if (expiry - today).days <= SOON_DAYS else ""


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


def field_error(field: str, code: str, message) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code)})


# The district's courses, classes, questions and papers serve the townships too: the active ones are read
# everywhere (a draft stays in its region), and they are picked from above.
SHARED = {READ: Q(status="active"), PICK: FROM_ABOVE}
