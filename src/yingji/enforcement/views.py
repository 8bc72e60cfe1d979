"""Pages of the enforcement app (the registries give the directories, tasks and plans): the draws with their
replay, recording an inspection, the plan's progress, and the public results page (一公开, no login)."""

from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from yingji.core.errors import DomainError
from yingji.core.models import Region
from yingji.core.refusals import refuse
from yingji.core.scoping import scope_to_user

from . import draws, inspections, progress
from . import publication as publication_rules
from .api import request_from
from .choices import ItemResult, Sector, SupervisionClass
from .models import AnnualPlan, InspectionTask
from .workflows import PLAN_FLOW, fire_plan


def _regions(user):
    return scope_to_user(Region.objects.filter(level__lte=user.region.level + 1 if user.region else 0),
                         user).order_by("path")


@login_required
@permission_required("enforcement.view_draw", raise_exception=True)
def draw_list(request):
    error, form = None, request.POST if request.method == "POST" else {}
    if request.method == "POST":
        if not request.user.has_perm("enforcement.run_draw"):
            raise PermissionDenied
        try:
            draw = draws.run_draw(request_from(request.POST.dict(), request.user), actor=request.user)
        except DomainError as exc:
            error = refuse(request, exc)
        else:
            return redirect("enforcement:draw", uuid=draw.uuid)
    return render(request, "enforcement/draws.html", {
        "draws": draws.visible_draws(request.user)[:100], "error": error, "form": form,
        "regions": _regions(request.user), "sectors": Sector.choices, "classes": SupervisionClass.choices,
        "may_draw": request.user.has_perm("enforcement.run_draw"),
        "alerts": draws.qualification_alerts(request.user)}, status=400 if error else 200)


def _draw_of(request, uuid):
    draw = draws.visible_draws(request.user).filter(uuid=uuid).first()
    if draw is None:
        raise Http404
    return draw


@login_required
@permission_required("enforcement.view_draw", raise_exception=True)
def draw_detail(request, uuid):
    draw = _draw_of(request, uuid)
    replayed = draws.replay(draw) if request.method == "POST" else None
    return render(request, "enforcement/draw.html", {
        "draw": draw, "replayed": replayed, "tasks": draw.tasks.select_related(
            "target", "lead_inspector", "second_inspector").order_by("code")})


@login_required
@permission_required("enforcement.inspect_task", raise_exception=True)
def inspect(request, uuid):
    task = scope_to_user(InspectionTask.objects.select_related("target"), request.user).filter(uuid=uuid).first()
    if task is None:
        raise Http404
    items, error = list(inspections.items_for(task)), None
    if request.method == "POST":
        rows = [{"item": i.code, "result": request.POST.get(f"result-{i.code}", ""),
                 "note": request.POST.get(f"note-{i.code}", "")} for i in items]
        try:
            inspections.record_inspection(task, actor=request.user, findings=rows,
                                          inspected_on=request.POST.get("inspected_on"))
        except DomainError as exc:
            error = refuse(request, exc)
        else:
            return redirect("registry:enforcement-tasks-detail", uuid=task.uuid)
    return render(request, "enforcement/inspect.html", {"task": task, "items": items, "error": error,
                                                        "results": ItemResult.choices}, status=400 if error else 200)


@login_required
@permission_required("enforcement.view_annualplan", raise_exception=True)
def plan_progress(request, uuid):
    plan = scope_to_user(AnnualPlan.objects.all(), request.user).filter(uuid=uuid).first()
    if plan is None:
        raise Http404
    error = None
    if request.method == "POST":
        try:
            plan = fire_plan(plan, request.POST.get("event", ""), actor=request.user,
                             data={"reason": request.POST.get("reason", "")})
        except DomainError as exc:
            error = refuse(request, exc)
    return render(request, "enforcement/plan.html", {
        "plan": plan, "months": progress.monthly(plan), "lines": progress.by_line(plan), "error": error,
        "steps": PLAN_FLOW.available(plan, request.user)}, status=400 if error else 200)


def public_results(request):
    """一公开: results of the draws — target, items, result, rectification status; no personal data."""
    rows = []
    for task in draws.published_tasks().prefetch_related("findings__hazard")[:300]:
        shown = task.published_on is not None  # an inspected result is public once published (审核公示)
        waiting = str(_("待检查")) if task.state != "done" else str(_("待公示"))
        rows.append({"draw": task.draw, "target": task.target.name, "township": task.region.name,
                     "items": [i.name for i in inspections.items_for(task)],
                     "result": inspections.result_label(task) if shown else waiting,
                     "rectification": inspections.rectification_status(task) if shown else "—",
                     "inspected_on": task.inspected_on if shown else None, "published_on": task.published_on})
    return render(request, "enforcement/public.html", {"rows": rows})



@login_required
@permission_required("enforcement.view_inspectiontask", raise_exception=True)
def publication(request):
    """审核公示: the inspected 双随机 results awaiting publication, each with its 20-working-day clock; publishing the
    ticked ones (all or nothing) puts them on the public page."""
    may_publish, error = request.user.has_perm(publication_rules.PUBLISH), None
    waiting = publication_rules.awaiting(request.user)
    if request.method == "POST":
        if not may_publish:
            raise PermissionDenied
        chosen = list(waiting.filter(uuid__in=[u for u in request.POST.getlist("task") if _is_uuid(u)]))
        try:
            publication_rules.publish(chosen, actor=request.user)
        except DomainError as exc:
            error = refuse(request, exc)
        else:
            return redirect("enforcement:publication")
    rows = [{"task": t, "clock": publication_rules.clock(t), "result": inspections.result_label(t)}
            for t in waiting.prefetch_related("findings")[:300]]
    rows.sort(key=lambda r: r["clock"].deadline)
    return render(request, "enforcement/publication.html", {
        "rows": rows, "may_publish": may_publish, "error": error,
        "overdue": sum(1 for r in rows if r["clock"].state == "overdue")}, status=400 if error else 200)


def _is_uuid(value) -> bool:
    import uuid

    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


@login_required
@permission_required("enforcement.inspect_task", raise_exception=True)
def onsite(request, uuid):
    """现场检查 on a phone, offline-safe (enforcement/onsite.py): items, photos, position, the party's signature."""
    from django.contrib import messages

    from yingji.core import submissions

    from . import onsite as onsite_rules

    task = scope_to_user(InspectionTask.objects.select_related("target__enterprise"), request.user) \
        .filter(uuid=uuid).first()
    if task is None:
        raise Http404
    items, error, posted = list(inspections.items_for(task)), None, request.POST if request.method == "POST" else {}
    if request.method == "POST":
        rows = [{"item": i.code, "result": posted.get(f"result-{i.code}", ""), "note": posted.get(f"note-{i.code}", "")}
                for i in items]
        try:  # a re-sent form (offline queue, double tap) is answered with what the first one recorded
            submissions.once(posted.get(submissions.FIELD), lambda: onsite_rules.record_onsite(
                task, actor=request.user, findings=rows, inspected_on=posted.get("inspected_on"),
                photos=request.FILES.getlist("photo"), lon=posted.get("lon"), lat=posted.get("lat"),
                signer=posted.get("party_signer"), signature=posted.get("signature"),
                refused=posted.get("party_refused"), refusal_note=posted.get("refusal_note"),
                witness=posted.get("witness"),
                inspector_signatures={k: posted.get(f"signature_{k}") for k in onsite_rules.SIGNERS}),
                model=InspectionTask, actor=request.user)
        except DomainError as exc:
            error = refuse(request, exc)
        else:
            messages.success(request, _("现场检查已记录：%(t)s") % {"t": task.target.name})
            return redirect("enforcement:onsite", uuid=task.uuid)  # the phone page again, now saying 已检查
    chosen = {i.code: posted.get(f"result-{i.code}", "pass") for i in items}
    return render(request, "enforcement/onsite.html", {
        "task": task, "items": [(i, chosen[i.code], posted.get(f"note-{i.code}", "")) for i in items],
        "results": ItemResult.choices, "error": error, "form": posted,
        "inspectors": task.lead_inspector.name + "、" + task.second_inspector.name,
        "signers": [(k, getattr(task, f"{k}_inspector"), posted.get(f"signature_{k}", ""))
                    for k in onsite_rules.SIGNERS]},
        status=400 if error else 200)


@login_required
@permission_required("enforcement.view_inspectiontask", raise_exception=True)
def my_calendar(request):
    """我的检查任务: the inspector's own tasks (by the directory's login account; others see the tasks in reach) on a
    month calendar — by 计划检查日期, or the inspection day once inspected — and those without a date."""
    import calendar
    import datetime as dt

    from django.db.models import Q
    from django.utils import timezone

    today, error = timezone.localdate(), None
    text = request.GET.get("month", "")
    try:
        month = dt.date.fromisoformat(f"{text}-01") if text else today.replace(day=1)
    except ValueError:
        month, error = today.replace(day=1), DomainError("invalid_month", _("月份格式应为 YYYY-MM"), field="month")
    tasks = scope_to_user(InspectionTask.objects.exclude(status="cancelled").select_related("target"), request.user)
    mine = Q(lead_inspector__user=request.user) | Q(second_inspector__user=request.user)
    if tasks.filter(mine).exists() or getattr(request.user, "role", "") == "inspector":
        tasks = tasks.filter(mine)
    end = (month + dt.timedelta(days=32)).replace(day=1)
    dated = tasks.filter(Q(state="done", inspected_on__gte=month, inspected_on__lt=end)
                         | Q(state="assigned", due_on__gte=month, due_on__lt=end))
    by_day: dict = {}
    for task in dated:
        by_day.setdefault(task.inspected_on if task.state == "done" else task.due_on, []).append(task)
    weeks = [[{"day": d, "in_month": d.month == month.month, "tasks": by_day.get(d, []), "today": d == today}
              for d in week] for week in calendar.Calendar().monthdatescalendar(month.year, month.month)]
    return render(request, "enforcement/my_calendar.html", {
        "month": month, "weeks": weeks, "error": error,
        "previous": (month - dt.timedelta(days=1)).strftime("%Y-%m"), "next": end.strftime("%Y-%m"),
        "undated": tasks.filter(state="assigned", due_on__isnull=True).order_by("code")[:100]},
        status=400 if error else 200)


@login_required
@permission_required("enforcement.view_inspectiontask", raise_exception=True)
def my_map(request):
    """我的检查任务地图: the inspector's own tasks (to inspect, and inspected this year) on a map and in a list, each
    at the position recorded on site or else at its target (enforcement/layers.py, the one-map layer 我的检查任务)."""
    from .layers import CLEAN, FOUND, TO_INSPECT, task_points

    rows = task_points(request.user)
    return render(request, "enforcement/my_map.html", {
        "rows": rows, "to_inspect": sum(1 for r in rows if r["task"].state == "assigned"),
        "legend": [(TO_INSPECT, _("待检查")), (CLEAN, _("已检查，未发现问题")), (FOUND, _("已检查，发现问题"))]})
