"""Plan progress month by month: planned inspections against inspections done (tasks of the plan's region)."""

from django.db.models import Count, Sum
from django.db.models.functions import ExtractMonth

from .choices import TaskState
from .models import AnnualPlan, InspectionTask


def monthly(plan: AnnualPlan) -> list[dict]:
    planned = dict(plan.lines.values("month").annotate(n=Sum("planned")).values_list("month", "n"))
    done = dict(InspectionTask.objects.filter(region__path__startswith=plan.region.path, state=TaskState.DONE,
                                              inspected_on__year=plan.year)
                .annotate(m=ExtractMonth("inspected_on")).values("m").annotate(n=Count("id")).values_list("m", "n"))
    rows, planned_total, done_total = [], 0, 0
    for month in range(1, 13):
        planned_total += planned.get(month, 0)
        done_total += done.get(month, 0)
        rows.append({"month": month, "planned": planned.get(month, 0), "done": done.get(month, 0),
                     "planned_to_date": planned_total, "done_to_date": done_total,
                     "percent": round(100 * done_total / planned_total) if planned_total else 0})
    return rows
