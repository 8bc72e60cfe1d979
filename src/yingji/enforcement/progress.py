"""Plan progress month by month, and per sector and class: planned inspections against inspections done (tasks of
the plan's region)."""

from django.db.models import Count, Sum
from django.db.models.functions import ExtractMonth

from .choices import Sector, SupervisionClass, TaskState
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


def by_line(plan: AnnualPlan) -> list[dict]:
    """Per sector and supervision class: planned for the year, done so far (by the target's sector and class)."""
    planned = plan.lines.values("sector", "supervision_class").annotate(n=Sum("planned")).order_by(
        "sector", "supervision_class")
    done = dict(((row["target__sector"], row["target__supervision_class"]), row["n"]) for row in
                InspectionTask.objects.filter(region__path__startswith=plan.region.path, state=TaskState.DONE,
                                              inspected_on__year=plan.year)
                .values("target__sector", "target__supervision_class").annotate(n=Count("id")))
    labels = dict(Sector.choices), dict(SupervisionClass.choices)
    return [{"sector": str(labels[0][row["sector"]]), "supervision_class": str(labels[1][row["supervision_class"]]),
             "planned": row["n"], "done": done.get((row["sector"], row["supervision_class"]), 0)} for row in planned]
