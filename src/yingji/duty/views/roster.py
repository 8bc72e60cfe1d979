"""The roster calendar of one post and month: generate, conflicts, swaps, xlsx export and print."""

import calendar

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yingji.core.errors import DomainError
from yingji.core.scoping import scope_to_user

from .. import services
from ..conflicts import find_conflicts
from ..forms import LeaveForm, RosterForm, ShiftForm, SwapForm
from ..lookups import parse_month
from ..models import DutyPost, Leave, Roster, Shift, SwapRequest
from ..rostering import month_days
from ..shifts import day_bounds
from ..workflows import manages
from ..xlsx_export import roster_workbook
from .base import attempt, form_errors, needs


def selection(request):
    posts = scope_to_user(DutyPost.objects.select_related("organization", "pattern", "region", "manager")
                          .defer("region__geometry"), request.user)
    code = request.GET.get("post") or request.POST.get("post")
    post = posts.filter(code=code).first() if code else posts.order_by("order", "code").first()
    try:
        month = parse_month(request.GET.get("month") or request.POST.get("month"),
                            default=timezone.localdate().replace(day=1))
    except DomainError as exc:
        messages.error(request, exc.message)
        month = timezone.localdate().replace(day=1)
    return posts, post, month


def _shifts(post, month):
    return list(Shift.objects.filter(post=post, duty_date__in=month_days(month))
                .select_related("person", "post", "roster").order_by("start"))


def _weeks(month, shifts):
    by_day = {}
    for shift in shifts:
        by_day.setdefault(shift.duty_date, []).append(shift)
    weeks = calendar.Calendar().monthdatescalendar(month.year, month.month)
    return [[(day, by_day.get(day, []), day.month == month.month) for day in week] for week in weeks]


@needs("duty.view_shift")
def roster(request):
    posts, post, month = selection(request)
    if post is None:
        return render(request, "duty/roster.html", {"posts": posts})
    return _roster_page(request, posts, post, month)


def _roster_page(request, posts, post, month, status=200, **forms):
    """The roster of a post and month; a refused form (`form=`, `shift_form=`, `leave_form=`) comes back bound."""
    shifts = _shifts(post, month)
    plan = Roster.objects.filter(post=post, month=month).first()
    conflicts = find_conflicts(shifts, plan.min_rest_hours if plan else 0)
    context = {"posts": posts, "post": post, "month": month, "weeks": _weeks(month, shifts), "plan": plan,
               "conflicts": conflicts, "shift_count": len(shifts), "form": RosterForm(post=post, initial={
                   "month": f"{month:%Y-%m}", "people": plan and _people(plan)}),
               "swaps": SwapRequest.objects.filter(shift__post=post, shift__duty_date__in=month_days(month))
               .select_related("shift", "from_person", "to_person", "requested_by", "decided_by"),
               "decides": _decides(post, request.user), "shift_form": ShiftForm(post=post), "leave_form": LeaveForm(
                   post=post), "leaves": _leaves(post, month), **forms}
    return render(request, "duty/roster.html", context, status=status)


def _decides(post, user) -> bool:
    """May this user approve or reject the post's swaps (the post's manager, or any approver when it has none)?"""
    return user.has_perm("duty.approve_swaprequest") and manages(post, user)


def _leaves(post, month):
    days = month_days(month)
    start, end = day_bounds(days[0])[0], day_bounds(days[-1])[1]
    return Leave.objects.filter(person__organization=post.organization, start__lt=end, end__gt=start) \
        .select_related("person").order_by("start")


def _people(plan):
    from yingji.core.models import Person

    return list(Person.objects.filter(code__in=plan.rotation))


def roster_url(post, month):
    return f"{reverse('duty:roster')}?post={post.code}&month={month:%Y-%m}"


def posted_form(request, form_class, action, success):
    """A roster-page form for the selected post and month: on bad input the errors, else `action(post, month,
    cleaned_data)` with `success` (text, or a function of the month) as the message; back to the roster either way."""
    posts, post, month = selection(request)
    if post is None:
        return redirect("duty:roster")
    form = form_class(request.POST, post=post)
    if not form.is_valid():
        return _roster_page(request, posts, post, month, status=400, **{_FORM_NAMES[form_class]: form})
    message = success(month) if callable(success) else success
    return attempt(request, lambda: action(post, month, form.cleaned_data), message, roster_url(post, month))


_FORM_NAMES = {RosterForm: "form", ShiftForm: "shift_form", LeaveForm: "leave_form"}


@require_POST
@needs("duty.add_shift")
def generate(request):
    order = request.POST.getlist("people")
    return posted_form(request, RosterForm, lambda post, month, data: services.generate_roster(
        actor=request.user, post=post, month=month, people=sorted(data["people"], key=lambda p: order.index(str(p.pk))),
        min_rest_hours=data["min_rest_hours"], allow_empty=data["allow_empty"] or None),
        lambda month: _("已生成 %(m)s 排班") % {"m": f"{month:%Y年%m月}"})


@needs("duty.view_shift")
def export(request):
    _posts, post, month = selection(request)
    if post is None:
        raise Http404
    content = roster_workbook(post, month, _shifts(post, month), request.user)
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="roster-{post.code}-{month:%Y-%m}.xlsx"'
    return response


@needs("duty.view_shift")
def print_view(request):
    _posts, post, month = selection(request)
    if post is None:
        raise Http404
    return render(request, "duty/roster_print.html", {"post": post, "month": month,
                                                        "weeks": _weeks(month, _shifts(post, month))})


@needs("duty.add_swaprequest")
def swap(request, uuid):
    shift = get_object_or_404(scope_to_user(Shift.objects.select_related("post__manager", "person"), request.user),
                              uuid=uuid)
    form = SwapForm(request.POST or None, shift=shift)
    back = roster_url(shift.post, shift.duty_date.replace(day=1))
    if request.method == "POST":
        if not form.is_valid():
            messages.error(request, form_errors(form))
        else:
            data = form.cleaned_data
            return attempt(request, lambda: services.request_swap(
                actor=request.user, shift=shift, to_person=data["to_person"], reason=data["reason"],
                on_behalf=data["on_behalf"]), _("调班申请已提交") if not data["on_behalf"] else _("已调班"), back)
    return render(request, "duty/swap.html", {"shift": shift, "form": form, "back": back,
                                              "decides": _decides(shift.post, request.user)})


@require_POST
@needs("duty.view_swaprequest")
def decide(request, uuid):
    swap_request = get_object_or_404(scope_to_user(SwapRequest.objects.select_related("shift__post"), request.user),
                                     uuid=uuid)
    event = request.POST.get("event", "")
    labels = {"approve": _("已批准调班"), "reject": _("已驳回调班"), "cancel": _("已撤回调班申请")}
    back = roster_url(swap_request.shift.post, swap_request.shift.duty_date.replace(day=1))
    return attempt(request, lambda: services.decide_swap(swap_request, actor=request.user, event=event,
                                                         note=request.POST.get("note", "")),
                   labels.get(event, _("已处理")), back)
