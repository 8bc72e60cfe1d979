"""Incident pages: the list, the duty-desk intake form, the incident page and its actions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yingji.core import submissions
from yingji.core.errors import DomainError
from yingji.core.extensions import INCIDENT_PANELS, render_contributions, timeline_kind_choices
from yingji.core.refusals import refuse
from yingji.core.scoping import scope_to_user

from . import clocks, grading, services, timeline
from .choices import ACTIVE_STATUSES, IncidentStatus, ReportKind
from .forms import GradeForm, IncidentEditForm, IntakeForm, TimelineForm, posted
from .models import FIGURE_FIELDS, Incident
from .workflows import INCIDENT_FLOW, fire_incident

VIEW = "incidents.view_incident"
FAILURES = (ValidationError, DomainError)


def visible(user):
    return scope_to_user(Incident.objects.select_related("region"), user)


def incident_for(request, uuid):
    return get_object_or_404(visible(request.user), uuid=uuid)


@login_required
@permission_required(VIEW, raise_exception=True)
def incident_list(request):
    incidents = visible(request.user)
    state = request.GET.get("status", "active")
    if state == "active":
        incidents = incidents.filter(status__in=ACTIVE_STATUSES)
    elif state in IncidentStatus.values:
        incidents = incidents.filter(status=state)
    query = request.GET.get("q", "").strip()
    if query:
        incidents = incidents.filter(name__icontains=query) | incidents.filter(code__icontains=query)
    page = Paginator(incidents.order_by("-received_at"), 30).get_page(request.GET.get("page"))
    return render(request, "incidents/list.html", {
        "page": page, "state": state, "query": query, "statuses": IncidentStatus.choices,
        "can_add": request.user.has_perm("incidents.add_incident"),
    })


@login_required
@permission_required("incidents.add_incident", raise_exception=True)
def intake(request):
    form = IntakeForm(posted(request), user=request.user,
                      initial={"received_at": timezone.localtime().replace(second=0, microsecond=0)})
    if request.method == "POST":
        try:  # a repeat of an earlier submission (double tap, retry) shows what the first one created
            incident = submissions.form_once(
                request, form, lambda: services.create_incident(actor=request.user, data=form.service_data()),
                model=Incident)
        except FAILURES as exc:
            form.show_errors(exc)
        else:
            if incident is not None:
                messages.success(request, _("已登记事件：%(n)s") % {"n": incident.name})
                return redirect("incidents:detail", uuid=incident.uuid)
    status = 400 if request.method == "POST" else 200
    return render(request, "incidents/intake.html", {"form": form}, status=status)


def _detail_context(request, incident, **extra):
    user, now = request.user, timezone.now()
    kind = request.GET.get("kind", "")
    reports = list(incident.reports.select_related("region", "author", "signer").order_by("created"))
    context = {
        "incident": incident,
        "figures": [(label, getattr(incident, name)) for name, label in FIGURE_FIELDS],
        "clocks": [(c, c.state(now), c.state_label(now)) for c in incident.clocks.order_by("due_at")],
        "entries": timeline.entries(incident, kind),
        "kind": kind,
        "kinds": timeline_kind_choices(),
        "transitions": INCIDENT_FLOW.available(incident, user) if incident.status != IncidentStatus.MERGED else [],
        "reports": reports,
        "report_kinds": ReportKind.choices,
        "intakes": incident.intakes.select_related("recorded_by"),
        "duplicates": services.duplicates_of(incident) if incident.is_active else [],
        "timeline_form": TimelineForm(),
        "grade_form": GradeForm(initial={"grade": incident.grade or "", "version": incident.version}),
        "grade_name": grading.grade_label(incident.grade),
        "perms": {p: user.has_perm(f"incidents.{p}") for p in (
            "change_incident", "override_grade", "waive_clock", "add_timelineentry", "add_situationreport",
            "merge_incident", "add_review", "close_incident")},
        "panels": render_contributions(INCIDENT_PANELS, request, incident, lambda p: p.context(user, incident)),
        "panel_links": [link for panel in INCIDENT_PANELS for link in panel.links(user, incident)],
    }
    context.update(extra)
    return context


@login_required
@permission_required(VIEW, raise_exception=True)
def detail(request, uuid):
    incident = incident_for(request, uuid)
    return render(request, "incidents/detail.html", _detail_context(request, incident))


def _back(incident, anchor=""):
    return redirect(reverse("incidents:detail", kwargs={"uuid": incident.uuid}) + anchor)


def _run(request, incident, action, success, anchor="", refused_form=None, inputs=()):
    """Run a service call from a page: a success message; an error about one of the small form's `inputs` beside
    that input (the page again, `refused` names the form); any other error at the top of the page."""
    try:
        action()
    except FAILURES as exc:
        if isinstance(exc, DomainError) and refused_form and set(exc.fields) & set(inputs):
            return _refused(request, incident, refused={"form": refused_form, "error": exc, "data": request.POST})
        messages.error(request, refuse(request, exc, keep=True).message)
    else:
        messages.success(request, success)
    return _back(incident, anchor)


@login_required
@require_POST
def transition(request, uuid):
    incident = incident_for(request, uuid)
    event = request.POST.get("event", "")
    data = {k: request.POST.get(k, "") for k in ("summary", "reason", "note")}
    return _run(request, incident, lambda: fire_incident(incident, event, actor=request.user, data=data),
                _("已更新事件状态"), refused_form=f"event-{event}", inputs=("summary", "reason"))


def _refused(request, incident, **forms):
    """The incident page again, with the refused form's errors next to its fields."""
    return render(request, "incidents/detail.html", _detail_context(request, incident, **forms), status=400)


@login_required
@require_POST
def override_grade(request, uuid):
    incident = incident_for(request, uuid)
    form = GradeForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            grading.override(incident, actor=request.user, grade=data["grade"], reason=data["reason"],
                             expected_version=data["version"])
        except FAILURES as exc:
            form.show_errors(exc)
        else:
            messages.success(request, _("已更新事件等级"))
            return _back(incident, "#grade")
    return _refused(request, incident, grade_form=form)


@login_required
@require_POST
def waive_clock(request, uuid, clock_id):
    incident = incident_for(request, uuid)
    clock = get_object_or_404(incident.clocks, pk=clock_id)
    return _run(request, incident, lambda: clocks.waive(clock, actor=request.user,
                                                        reason=request.POST.get("reason", "")),
                _("已豁免时限：%(n)s") % {"n": clock.name}, "#clocks", refused_form=clock.pk,
                inputs=("reason",))


@login_required
@require_POST
def post_timeline(request, uuid):
    incident = incident_for(request, uuid)
    form = TimelineForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        corrects = incident.timeline.filter(pk=data["corrects"]).first() if data.get("corrects") else None
        try:
            timeline.post(incident, actor=request.user, kind=data["kind"], body=data["body"],
                          attachment=data.get("attachment"), corrects=corrects)
        except FAILURES as exc:
            form.show_errors(exc)
        else:
            messages.success(request, _("已发布到时间线"))
            return _back(incident, "#timeline")
    return _refused(request, incident, timeline_form=form)


@login_required
@require_POST
def merge(request, uuid):
    incident = incident_for(request, uuid)
    into = get_object_or_404(visible(request.user), uuid=request.POST.get("into"))
    try:
        services.merge(incident, into=into, actor=request.user)
    except FAILURES as exc:
        messages.error(request, refuse(request, exc, keep=True).message)
        return _back(incident)
    messages.success(request, _("已合并到：%(n)s，原接报记录均已保留") % {"n": into.name})
    return _back(into)


@login_required
@permission_required("incidents.change_incident", raise_exception=True)
def edit(request, uuid):
    incident = incident_for(request, uuid)
    form = IncidentEditForm(posted(request), user=request.user, initial=IncidentEditForm.initial_for(incident))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_incident(incident, actor=request.user, data=form.service_data(),
                                     expected_version=form.cleaned_data["version"])
        except FAILURES as exc:
            form.show_errors(exc)
        else:
            messages.success(request, _("已保存，等级与时限已按新数据重新计算"))
            return _back(incident)
    status = 400 if request.method == "POST" else 200
    return render(request, "incidents/edit.html", {"form": form, "incident": incident}, status=status)

