"""The plan's indicator 3.5 应急预案编制率和演练率 (表3) from the plan registry, for core.extensions.INDICATORS.

编制率: of the plans every unit in the user's reach must have — the district its 总体应急预案, each township
(街道) its 乡镇（街道）应急预案 — the share that are in the registry (in service). 演练率: of the plans in
service with a statutory drill cycle (choices.DRILL_MONTHS: 专项/部门 3 years, 企业 1 year, 现场处置方案 half a
year), the share whose next drill is not overdue today. The figure is the lower of the two: the target (100 %)
is met only when every required plan exists and every plan with a cycle has been drilled in time."""

from django.urls import reverse
from django.utils import timezone

from yingji.core.models import Region, RegionLevel
from yingji.core.scoping import scope_to_user

from .choices import DRILL_MONTHS, PlanType
from .models import Plan

REQUIRED = {RegionLevel.DISTRICT: PlanType.OVERALL, RegionLevel.TOWNSHIP: PlanType.TOWNSHIP}


def _percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def figures(user, today=None) -> dict:
    today = today or timezone.localdate()
    plans = scope_to_user(Plan.objects.filter(status="active"), user)
    units = list(scope_to_user(Region.objects.filter(level__in=list(REQUIRED)), user).values_list("id", "level"))
    having = set(plans.filter(plan_type__in=list(REQUIRED.values())).values_list("region_id", "plan_type"))
    made = sum(1 for region_id, level in units if (region_id, REQUIRED[level]) in having)
    cycled = plans.filter(plan_type__in=list(DRILL_MONTHS))
    drilled = cycled.filter(next_drill_due__gte=today).count()
    return {"required": len(units), "made": made, "cycled": cycled.count(), "drilled": drilled,
            "made_rate": _percent(made, len(units)), "drill_rate": _percent(drilled, cycled.count())}


def plan_rates(user) -> dict:
    """3.5 the lower of 编制率 and 演练率 (%); none when there is neither a unit nor a plan to count."""
    f = figures(user)
    rates = [rate for rate in (f["made_rate"], f["drill_rate"]) if rate is not None]
    return {"value": min(rates) if rates else None, "unit": "%", "url": reverse("plans:dashboard"), **f}
