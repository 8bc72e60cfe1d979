"""挂牌督办 leaders' list: the open 重大 hazards under 区/市/省 supervision, by level (省 first), each with its
supervising body, state and deadline clock. For commanders and township leaders (`prevention.list_supervised`),
in their reach; the dashboard links to it."""

from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import render
from django.urls import path

from yingji.core.scoping import scope_to_user

from .choices import OPEN_STATES, HazardGrade, Supervision
from .clocks import clock_of
from .models import Hazard

LEVELS = (Supervision.PROVINCE, Supervision.CITY, Supervision.DISTRICT)


def supervised(user, today=None) -> list[tuple[Supervision, list[Hazard]]]:
    """(level, its open supervised major hazards by deadline) for every level, each hazard with its clock."""
    hazards = scope_to_user(Hazard.objects.select_related("enterprise", "region"), user).filter(
        grade=HazardGrade.MAJOR, state__in=OPEN_STATES, supervision__in=LEVELS).order_by("deadline", "code")
    groups = {level: [] for level in LEVELS}
    for hazard in hazards:
        hazard.clock = clock_of(hazard, today)
        groups[hazard.supervision].append(hazard)
    return [(level, groups[level]) for level in LEVELS]


@login_required
@permission_required("prevention.list_supervised", raise_exception=True)
def supervision_list(request):
    groups = supervised(request.user)
    return render(request, "prevention/supervision.html",
                  {"groups": groups, "total": sum(len(rows) for _level, rows in groups)})


urlpatterns = [path("supervision/", supervision_list, name="supervision")]
