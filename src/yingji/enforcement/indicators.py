"""Enforcement indicators for core.extensions.INDICATORS. The plan's tables do not number them, so they are coded
E.1 … E.5 here (docs/enforcement.md): plan completion, share of randomly drawn inspections, rectification re-check
rate, inspector certification rate and training rate (the last two the plan's 100 % targets). Each is computed over
the user's reach for the current year."""

from django.db.models import Q, Sum
from django.urls import reverse
from django.utils import timezone

from yingji.core.scoping import scope_to_user

from .choices import OrderState, PlanState, TaskSource, TaskState
from .config import current
from .models import AnnualPlan, InspectionTask, Inspector, PlanLine, RectificationOrder


def _percent(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


def _figure(part, whole, url, target=None) -> dict:
    value = _percent(part, whole)
    return {"value": value, "unit": "%", "meets": None if target is None else whole > 0 and value >= target,
            "url": url, "numerator": part, "denominator": whole}


def _done_tasks(user):
    year = timezone.localdate().year
    return scope_to_user(InspectionTask.objects.filter(state=TaskState.DONE, inspected_on__year=year), user)


def plan_completion(user) -> dict:
    """E.1 inspections done this year ÷ inspections in this year's approved or published plans in reach."""
    year = timezone.localdate().year
    plans = scope_to_user(AnnualPlan.objects.filter(year=year, state__in=(PlanState.APPROVED, PlanState.PUBLISHED)),
                          user)
    planned = PlanLine.objects.filter(plan__in=plans).aggregate(n=Sum("planned"))["n"] or 0
    return _figure(_done_tasks(user).count(), planned, reverse("enforcement:draws"), target=100)


def drawn_share(user) -> dict:
    """E.2 inspections done this year from a 双随机 draw ÷ all inspections done this year."""
    done = _done_tasks(user)
    return _figure(done.filter(source=TaskSource.DRAW).count(), done.count(), reverse("enforcement:draws"))


def recheck_rate(user) -> dict:
    """E.3 orders re-checked ÷ orders re-checked or past their deadline (this year's orders)."""
    today = timezone.localdate()
    orders = scope_to_user(RectificationOrder.objects.filter(issued_on__year=today.year), user)
    rechecked = orders.exclude(state=OrderState.ORDERED).count()
    due = rechecked + orders.filter(state=OrderState.ORDERED, deadline__lt=today).count()
    return _figure(rechecked, due, reverse("enforcement:draws"), target=100)


def _inspectors(user):
    return scope_to_user(Inspector.objects.filter(status="active"), user)


def certification_rate(user) -> dict:
    """E.4 active inspectors whose 执法证 is valid today ÷ active inspectors (持证上岗率)."""
    inspectors = _inspectors(user)
    valid = inspectors.filter(certificate_expiry__gte=timezone.localdate()).count()
    return _figure(valid, inspectors.count(), reverse("registry:enforcement-inspectors-list"), target=100)


def training_rate(user) -> dict:
    """E.5 active inspectors with this year's training hours ≥ min_training_hours ÷ active inspectors (培训率)."""
    inspectors = _inspectors(user)
    trained = inspectors.filter(training_year=timezone.localdate().year,
                                training_hours__gte=current().min_training_hours).count()
    return _figure(trained, inspectors.count(), reverse("registry:enforcement-inspectors-list"), target=100)


def online_rate(user) -> dict:
    """3.7 (the plan's “互联网+执法”检查事项网上办理率): of this year's inspection tasks that are done or past their
    planned date, those done with their item-by-item results (检查记录) entered in the system ÷ all of them.
    A task past its date and not done, or marked done with no result entered, was not handled online."""
    today = timezone.localdate()
    due = InspectionTask.objects.filter(Q(state=TaskState.DONE, inspected_on__year=today.year)
                                        | Q(due_on__year=today.year, due_on__lte=today)).exclude(status="cancelled")
    due = scope_to_user(due, user)
    total = due.count()
    if not total:  # nothing to handle this year: no figure rather than 0 %
        return {"value": None, "unit": "%", "url": reverse("enforcement:draws")}
    online = due.filter(state=TaskState.DONE, findings__isnull=False).distinct().count()
    return _figure(online, total, reverse("enforcement:draws"), target=100)


def publication_rate(user) -> dict:
    """E.6 this year's 双随机 results published within 20 working days ÷ (published + unpublished past the deadline)."""
    from .publication import on_time_rate_parts

    on_time, due = on_time_rate_parts(user)
    return _figure(on_time, due, reverse("enforcement:publication"), target=100)


def internet_share(user) -> dict:
    """E.7 互联网+执法: this year's inspections recorded on site through the mobile page (position and the party's
    signature taken on the phone, enforcement/onsite.py) ÷ this year's inspections done."""
    done = _done_tasks(user)
    return _figure(done.exclude(party_signer="").count(), done.count(), reverse("enforcement:draws"))
