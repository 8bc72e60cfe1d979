"""Pages of the community app: the review step and the call-outs (posted from panels), the exam pages and the
certificate. A record outside the user's reach is a 404; a refused step is a 400 with its message."""

from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yingji.core.errors import DomainError, PermissionDeniedError
from yingji.core.refusals import refuse
from yingji.core.scoping import scope_to_user
from yingji.incidents.api import file_response

from . import callouts, documents, exams
from .models import CallOut, CallOutEntry, ExamAttempt, ExamPaper, Volunteer
from .panels import callout_panel, review_panel
from .workflows import review

FAILURES = (DomainError, ValidationError)


def _record(model, user, **lookup):
    record = scope_to_user(model.objects.all(), user).filter(**lookup).first()
    if record is None:
        raise Http404(_("记录不存在或不在您的管辖范围内"))
    return record


def _message(exc) -> str:
    return exc.message if isinstance(exc, DomainError) else "；".join(exc.messages)


@login_required
@require_POST
@permission_required("community.view_volunteer", raise_exception=True)
def review_step(request, uuid):
    volunteer = _record(Volunteer, request.user, uuid=uuid)
    try:
        review(volunteer, request.POST.get("event", ""), actor=request.user,
               data={"reason": request.POST.get("reason", "")})
    except PermissionDeniedError:
        raise
    except FAILURES as exc:
        refuse(request, exc, form=f"volunteer-review-{request.POST.get('event', '')}")
        context = {"record": volunteer, **review_panel(request.user, volunteer, error=_message(exc))}
        return render(request, "community/volunteer_step_page.html", context, status=400)
    return redirect("registry:community-volunteers-detail", uuid=volunteer.uuid)


def _incident_page(incident):
    return reverse("incidents:detail", kwargs={"uuid": incident.uuid}) + "#volunteer-callouts"


def _refused(request, incident, exc):
    """The call-out panel again (400), the refusal beside the form that was posted."""
    match = request.resolver_match
    refuse(request, exc, form="callout-form" if match.url_name == "callout-create"
           else "callout-entry-{uuid}-{code}".format(**match.kwargs))
    return render(request, "community/callout_error.html",
                  {"incident": incident, "error": _message(exc), "back": _incident_page(incident),
                   **(callout_panel(request.user, incident) or {})}, status=400)


@login_required
@require_POST
@permission_required("community.add_callout", raise_exception=True)
def callout_create(request, uuid):
    from yingji.incidents.models import Incident

    incident = _record(Incident, request.user, uuid=uuid)
    chosen = scope_to_user(Volunteer.objects.filter(code__in=request.POST.getlist("volunteers")), request.user)
    try:
        callouts.call_out(incident, chosen, task=request.POST.get("task", ""), place=request.POST.get("place", ""),
                          actor=request.user)
    except FAILURES as exc:
        return _refused(request, incident, exc)
    return redirect(_incident_page(incident))


@login_required
@require_POST
@permission_required("community.change_callout", raise_exception=True)
def entry_action(request, uuid, code):
    callout = _record(CallOut, request.user, uuid=uuid)
    entry = CallOutEntry.objects.filter(callout=callout, volunteer__code=code).first()
    if entry is None:
        raise Http404(_("记录不存在或不在您的管辖范围内"))
    try:
        callouts.act(entry, request.POST.get("action", ""), at=request.POST.get("at") or None)
    except FAILURES as exc:
        return _refused(request, callout.incident, exc)
    return redirect(_incident_page(callout.incident))


@login_required
def exam_list(request):
    papers = exams.open_papers(scope_to_user(ExamPaper.objects.filter(status="active"), request.user)) \
        if request.user.has_perm("community.view_exampaper") else ExamPaper.objects.none()
    mine = ExamAttempt.objects.filter(candidate=request.user).select_related("paper")[:50]
    return render(request, "community/exams.html", {"papers": papers, "attempts": mine})


@login_required
@require_POST
@permission_required("community.view_exampaper", raise_exception=True)
def exam_start(request, uuid):
    paper = _record(ExamPaper, request.user, uuid=uuid)
    if exams.is_reserved(paper):  # taken only through the app that gives it out (a services exam session)
        raise Http404(_("记录不存在或不在您的管辖范围内"))
    return redirect("community:attempt", uuid=exams.start(paper, request.user).uuid)


def _attempt(request, uuid):
    attempt = ExamAttempt.objects.filter(uuid=uuid, candidate=request.user).select_related("paper").first()
    if attempt is None:
        raise Http404(_("记录不存在"))
    return attempt


@login_required
def attempt_page(request, uuid):
    attempt = _attempt(request, uuid)
    return render(request, "community/attempt.html", {"attempt": attempt, "state": exams.state_of(attempt)})


@login_required
@require_POST
def attempt_submit(request, uuid):
    attempt = exams.submit(_attempt(request, uuid))
    return redirect("community:attempt", uuid=attempt.uuid)


def _document(content, fmt, stem):
    return file_response(content, documents.FORMATS[fmt][1], f"{stem}.{fmt}")


@login_required
def certificate(request, uuid, fmt="docx"):
    attempt = _attempt(request, uuid)
    if not attempt.passed:
        raise Http404(_("未通过考试，没有合格证书"))
    return _document(documents.certificate(attempt, fmt=fmt), fmt, f"{attempt.paper.code}-合格证书")


@login_required
@require_POST
@permission_required("community.change_volunteer", raise_exception=True)
def certificate_add(request, uuid):
    from .certificates import add_certificate

    volunteer = _record(Volunteer, request.user, uuid=uuid)
    try:
        add_certificate(volunteer, name=request.POST.get("name", ""), expiry=request.POST.get("expiry", ""))
    except FAILURES as exc:
        refuse(request, exc, form="certificate-form")
        context = {"record": volunteer, **review_panel(request.user, volunteer)}
        return render(request, "community/volunteer_step_page.html", context, status=400)
    return redirect("registry:community-volunteers-detail", uuid=volunteer.uuid)


@login_required
@permission_required("community.view_volunteer", raise_exception=True)
def service_hours(request, uuid, fmt="docx"):
    volunteer = _record(Volunteer, request.user, uuid=uuid)
    return _document(documents.service_hours(volunteer, fmt=fmt), fmt, f"{volunteer.code}-志愿服务时长证明")


@login_required
@permission_required("community.serve_as_volunteer", raise_exception=True)
def my_service_hours(request, fmt="docx"):
    from .mine import my_volunteer

    volunteer = my_volunteer(request.user)
    if volunteer is None:
        raise Http404(_("您的账号未关联志愿者登记"))
    return _document(documents.service_hours(volunteer, fmt=fmt), fmt, f"{volunteer.code}-志愿服务时长证明")


@login_required
@permission_required("community.serve_as_volunteer", raise_exception=True)
def mine(request, error=None, status=200):
    from .mine import my_entries, my_trainings, my_volunteer

    volunteer = my_volunteer(request.user)
    context = {"volunteer": volunteer, "error": error,
               "entries": list(my_entries(volunteer)) if volunteer else [],
               "trainings": list(my_trainings(volunteer)) if volunteer else [],
               "attempts": ExamAttempt.objects.filter(candidate=request.user).select_related("paper")[:20]}
    return render(request, "community/mine.html", context, status=status)


@login_required
@require_POST
@permission_required("community.serve_as_volunteer", raise_exception=True)
def mine_reply(request, uuid):
    from .mine import is_mine, my_volunteer, reply

    volunteer = my_volunteer(request.user)
    if volunteer is None or not is_mine(volunteer, uuid):
        raise Http404(_("记录不存在或不在您的管辖范围内"))
    try:
        reply(volunteer, uuid, request.POST.get("action", ""))
    except FAILURES as exc:
        refuse(request, exc, form=f"mine-reply-{uuid}")
        return mine(request, status=400)
    return redirect("community:mine")


def _rates(request):
    from .surveys import knowledge_rates

    year = request.GET.get("year", "")
    year = int(year) if year.isdigit() and 2000 <= int(year) <= 2100 else None
    return knowledge_rates(request.user, year)


@login_required
@permission_required("community.view_surveyresponse", raise_exception=True)
def survey_results(request):
    return render(request, "community/survey_results.html", {"rates": _rates(request)})


def _pct(value) -> str:
    return "—" if value is None else f"{value:g}%"


@login_required
@permission_required("community.view_surveyresponse", raise_exception=True)
def survey_results_xlsx(request):
    from yingji.core.xlsx import table_workbook

    rates = _rates(request)
    header = [_("乡镇（街道）"), _("受访公众"), _("掌握（公众）"), _("公众应急知识普及率"), _("受访学生"),
              _("掌握（学生）"), _("学生应急知识普及率"), _("是否达标")]
    rows = [[t["name"], t["public"]["total"], t["public"]["knows"], _pct(t["public"]["percent"]),
             t["student"]["total"], t["student"]["knows"], _pct(t["student"]["percent"]),
             _("达标") if t["meets"] else _("未达标")] for t in rates["townships"]]
    rows.append([_("合计"), rates["public"]["total"], rates["public"]["knows"], _pct(rates["public"]["percent"]),
                 rates["student"]["total"], rates["student"]["knows"], _pct(rates["student"]["percent"]), ""])
    title = _("%(y)s年应急知识普及率（问卷调查）") % {"y": rates["year"]}
    return file_response(table_workbook([(_("普及率"), title, header, rows)]),
                         "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                         f"knowledge-rates-{rates['year']}.xlsx")


@login_required
def officer_desk(request):
    """我的信息员工作: the signed-in officer's roster entry and their own patrol tasks (community/officer_desk.py)."""
    from .officer_desk import my_officer, my_patrol_tasks

    officer = my_officer(request.user)
    if officer is None:
        return render(request, "community/officer_desk.html", {"officer": None}, status=404)
    tasks = my_patrol_tasks(request.user)
    return render(request, "community/officer_desk.html", {
        "officer": officer, "open_tasks": [t for t in tasks if t.state != "done"],
        "done_tasks": [t for t in tasks if t.state == "done"][:20]})
