"""The 历史灾害 register's past years for the plan's 年均 indicators 2.1 and 2.2 (the incidents app computes them;
census hands it the years through core.extensions.DISASTER_YEARS, since incidents sits below census).

A register entry linked to an incident the incident register holds (`incident_code`, e.g. the Aug 2020 rainstorm)
is left out: that incident's own figures count there. Entries of this year are left out too (this year is the
incident register's). Scoped like the register: a township officer's reach holds their township's entries."""

from django.db.models import Sum
from django.utils import timezone

from yingji.core.scoping import scope_to_user
from yingji.incidents.models import Incident

from .models import HistoricalDisaster


def disaster_years(user) -> dict[int, dict]:
    """{year: {"dead", "affected"}} of the register's entries before this year in the user's reach."""
    entries = scope_to_user(HistoricalDisaster.objects.filter(year__lt=timezone.localdate().year), user)
    linked = set(entries.exclude(incident_code="").values_list("incident_code", flat=True))
    held = set(Incident.objects.filter(code__in=linked).values_list("code", flat=True))
    rows = entries.exclude(incident_code__in=held).order_by().values("year").annotate(
        dead=Sum("deaths"), affected=Sum("affected_people"))
    return {row["year"]: {"dead": row["dead"] or 0, "affected": row["affected"] or 0} for row in rows}
