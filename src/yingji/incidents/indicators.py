"""The plan's indicators 2.1 and 2.2 (表2 防灾减灾) from the incident register, for core.extensions.INDICATORS:
natural-disaster incidents (category 1 of the standard's types) that occurred this year in the user's reach, not
false alarms nor merged into another, against the resident population of the townships in reach (Region.population).
The plan's 年均 is the mean of the yearly figures (docs/indicators.md); each is this year's, computed on demand."""

from django.db.models import Q, Sum
from django.urls import reverse
from django.utils import timezone

from yingji.core.models import Region, RegionLevel
from yingji.core.scoping import scope_to_user

from .choices import IncidentStatus
from .models import Incident

NATURAL = Q(type_code="1") | Q(type_code__startswith="1.")


def _this_year(user):
    year = timezone.localdate().year
    return scope_to_user(Incident.objects.filter(NATURAL, occurred_at__year=year), user).exclude(
        status__in=(IncidentStatus.FALSE_ALARM, IncidentStatus.MERGED))


def _population(user) -> int:
    townships = scope_to_user(Region.objects.filter(level=RegionLevel.TOWNSHIP), user)
    return townships.aggregate(n=Sum("population"))["n"] or 0


def _figure(part: int, user, per: int, unit: str) -> dict:
    population = _population(user)
    value = round(part * per / population, 2) if population else None  # no population: no figure
    return {"value": value, "unit": unit, "url": reverse("incidents:list") + "?status=all",
            "numerator": part, "denominator": population}


def disaster_deaths(user) -> dict:
    """2.1 dead and missing in this year's natural disasters ÷ resident population × 1,000,000."""
    counts = _this_year(user).aggregate(dead=Sum("dead"), missing=Sum("missing"))
    return _figure((counts["dead"] or 0) + (counts["missing"] or 0), user, 1_000_000, "人/百万人")


def affected_rate(user) -> dict:
    """2.2 person-times affected (受灾人口 of each incident) this year ÷ resident population × 100,000."""
    return _figure(_this_year(user).aggregate(n=Sum("affected"))["n"] or 0, user, 100_000, "人次/十万人")
