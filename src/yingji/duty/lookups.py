"""Parsing request values shared by the pages and the API: times, dates, records by code or uuid."""

from datetime import date, datetime

from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from yingji.core.errors import DomainError
from yingji.core.models import Region
from yingji.core.scoping import scope_to_user
from yingji.core.validators import check_date


def parse_time(value, field="at", default=None):
    if value in (None, ""):
        return default
    if isinstance(value, datetime):
        parsed = value
    else:
        try:
            parsed = parse_datetime(str(value).strip().replace(" ", "T"))
        except ValueError:
            parsed = None
    if parsed is None:
        raise DomainError("invalid_time", _("时间格式无效：%(v)s（示例 2025-07-01T08:30）") % {"v": value}, field=field)
    check_date(parsed, field=field)
    return timezone.make_aware(parsed) if timezone.is_naive(parsed) else parsed


def parse_day(value, field="date", default=None) -> date | None:
    if value in (None, ""):
        return default
    try:
        parsed = parse_date(str(value).strip())
    except ValueError:
        parsed = None
    if parsed is None:
        raise DomainError("invalid_date", _("日期格式无效：%(v)s（示例 2025-07-01）") % {"v": value}, field=field)
    check_date(parsed, field=field)
    return parsed


def parse_month(value, field="month", default=None) -> date | None:
    if value in (None, ""):
        return default
    return parse_day(f"{str(value).strip()[:7]}-01", field=field)


def region_by_code(code, user=None, field="region"):
    if not code:
        return None
    queryset = Region.objects.all() if user is None else scope_to_user(Region.objects.all(), user)
    region = queryset.filter(code=str(code).strip()).first()
    if region is None:
        raise DomainError("unknown_region", _("区域不存在或不在您的管辖范围内"), field=field)
    return region


def record(queryset, field, message, **lookup):
    try:
        found = queryset.filter(**lookup).first()
    except (ValueError, TypeError):
        found = None
    if found is None:
        raise DomainError(f"unknown_{field}", message, field=field)
    return found


def home_region(user):
    return getattr(user, "region", None) or Region.objects.get(level=1)
