"""The plan's indicators 2.1 and 2.2 (表2 防灾减灾) from the incident register, for core.extensions.INDICATORS:
natural-disaster incidents (category 1 of the standard's types) that occurred this year in the user's reach, not
false alarms nor merged into another, against the resident population of the townships in reach (Region.population).
The plan's 年均 is the mean of the yearly figures: every year from the earliest one recorded to this one, each year
holding its natural-disaster incidents plus the past years other apps record without an incident
(core.extensions.DISASTER_YEARS: the census's historical disasters); a year in between with nothing recorded counts
as none. Today's population divides every year (no population per year is kept). Computed on demand."""

from django.db.models import Q, Sum
from django.db.models.functions import ExtractYear
from django.urls import reverse
from django.utils import timezone

from yingji.core import extensions as ext
from yingji.core.models import Region, RegionLevel
from yingji.core.scoping import scope_to_user

from .choices import IncidentStatus
from .models import Incident

NATURAL = Q(type_code="1") | Q(type_code__startswith="1.")


def _natural(user):
    return scope_to_user(Incident.objects.filter(NATURAL), user).exclude(
        status__in=(IncidentStatus.FALSE_ALARM, IncidentStatus.MERGED))


def yearly(user) -> dict[int, dict]:
    """{year: {"dead", "affected"}} from the earliest year recorded to this one: the natural-disaster incidents in
    reach (dead + missing, 受灾人口) and the years of core.extensions.DISASTER_YEARS (before this year only)."""
    this_year = timezone.localdate().year
    years: dict[int, dict] = {}
    rows = (_natural(user).filter(occurred_at__year__lte=this_year).annotate(y=ExtractYear("occurred_at"))
            .order_by().values("y").annotate(dead=Sum("dead"), missing=Sum("missing"), affected=Sum("affected")))
    for row in rows:
        years[row["y"]] = {"dead": (row["dead"] or 0) + (row["missing"] or 0), "affected": row["affected"] or 0}
    for source in ext.DISASTER_YEARS:
        for year, figures in source.years(user).items():
            if year < this_year:
                into = years.setdefault(year, {"dead": 0, "affected": 0})
                into["dead"] += figures.get("dead", 0)
                into["affected"] += figures.get("affected", 0)
    for year in range(min(years, default=this_year), this_year + 1):
        years.setdefault(year, {"dead": 0, "affected": 0})
    return dict(sorted(years.items()))


def _population(user) -> int:
    townships = scope_to_user(Region.objects.filter(level=RegionLevel.TOWNSHIP), user)
    return townships.aggregate(n=Sum("population"))["n"] or 0


def _figure(key: str, user, per: int, unit: str) -> dict:
    population = _population(user)
    years = yearly(user)
    this_year = timezone.localdate().year
    total = sum(figures[key] for figures in years.values())
    mean = total / len(years)
    value = round(mean * per / population, 2) if population else None  # no population: no figure
    this = round(years[this_year][key] * per / population, 2) if population else None
    return {"value": value, "unit": unit, "url": reverse("incidents:list") + "?status=all",
            "numerator": total, "denominator": population, "this_year": this,
            "years": [{"year": year, key: figures[key]} for year, figures in years.items()]}


def disaster_deaths(user) -> dict:
    """2.1 年均: dead and missing in natural disasters per year ÷ resident population × 1,000,000."""
    return _figure("dead", user, 1_000_000, "人/百万人")


def affected_rate(user) -> dict:
    """2.2 年均: person-times affected (受灾人口 of each incident) per year ÷ resident population × 100,000."""
    return _figure("affected", user, 100_000, "人次/十万人")
