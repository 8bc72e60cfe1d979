"""Plan pages: the dashboard (overdue 备案, evaluation, drills), a plan with its versions, the diff, the
draft editor, the capability check, the original document; "my tasks" and the list of responses."""

from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from yingji.channels.inbox import in_app_messages
from yingji.core.errors import DomainError
from yingji.core.scoping import scope_to_user

from . import capability, documents, editor, tasks, versions
from .choices import ENDED, VersionStatus
from .content import defined_levels
from .models import Plan, PlanVersion, Response
from .pageutil import action, message_of

VIEW = "plans.view_plan"


def plan_rows(user, today):
    rows = []
    for plan in scope_to_user(Plan.objects.select_related("organization"), user).order_by("code"):
        flags = []
        if plan.filing_overdue(today):
            flags.append(_("逾期未备案"))
        if plan.evaluation_due and plan.evaluation_due < today:
            flags.append(_("评估已逾期"))
        if plan.next_drill_due and plan.next_drill_due < today:
            flags.append(_("演练已逾期"))
        rows.append({"plan": plan, "flags": flags})
    return rows


@login_required
@permission_required(VIEW, raise_exception=True)
def dashboard(request):
    today = timezone.localdate()
    rows = plan_rows(request.user, today)
    return render(request, "plans/dashboard.html", {"rows": rows, "today": today,
                                                    "overdue": [r for r in rows if r["flags"]]})


def _plan(request, uuid):
    return get_object_or_404(scope_to_user(Plan.objects.select_related("organization", "region"), request.user),
                             uuid=uuid)


@login_required
@permission_required(VIEW, raise_exception=True)
def plan_detail(request, uuid):
    plan = _plan(request, uuid)
    version = plan.current_version()
    level = request.GET.get("level") or (defined_levels(version.content)[-1] if version else "")
    check = capability.check(version, level) if version and level in defined_levels(version.content) else None
    return render(request, "plans/plan_detail.html", {
        "plan": plan, "version": version, "versions": plan.versions.order_by("-number"), "check": check,
        "levels": defined_levels(version.content) if version else [], "level": level,
        "draft": plan.versions.filter(status=VersionStatus.DRAFT).first(),
        "can_edit": request.user.has_perm("plans.change_planversion"),
    })


@login_required
@permission_required(VIEW, raise_exception=True)
def version_diff(request, uuid, number):
    plan = _plan(request, uuid)
    new = get_object_or_404(PlanVersion, plan=plan, number=number)
    against = request.GET.get("against")
    old = get_object_or_404(PlanVersion, plan=plan, number=int(against) if str(against or "").isdigit()
                            else number - 1)
    return render(request, "plans/diff.html", {"plan": plan, "old": old, "new": new,
                                               "rows": versions.diff(old, new)})


@login_required
@permission_required("plans.change_planversion", raise_exception=True)
def edit_draft(request, uuid):
    """The structured editor. It always writes a draft: a published version is never changed."""
    plan = _plan(request, uuid)
    source = plan.versions.filter(status=VersionStatus.DRAFT).first() or plan.current_version()
    content, errors, result, status = source.content if source else {}, {}, "", 200
    if request.method == "POST":
        text = request.POST.get("content", "")
        try:
            result = editor.save(actor=request.user, plan=plan, text=text, note=request.POST.get("note", ""),
                                 publish=bool(request.POST.get("publish")))
        except (DomainError, ValidationError) as exc:
            result, status = message_of(exc), 400
            errors = getattr(exc, "fields", None) or {"content": [result]}
            content = _parsed_or(text, content)
        else:
            source = plan.versions.order_by("-number").first()
            content = source.content
    return render(request, "plans/edit.html", {
        "plan": plan, "source": source, "content": content, "errors": errors, "options": editor.options(),
        "result": result, "failed": status == 400}, status=status)


def _parsed_or(text, fallback):
    try:
        return editor.parse(text)
    except DomainError:
        return fallback


@action
def upload_document(request, uuid):
    plan = _plan(request, uuid)
    documents.attach(plan, actor=request.user, upload=request.FILES.get("document"))
    return _("已上传预案原文")


@login_required
@permission_required(VIEW, raise_exception=True)
def download_document(request, uuid):
    plan = _plan(request, uuid)
    if not plan.document:
        raise Http404
    return FileResponse(plan.document.open("rb"), as_attachment=True, filename=plan.document.name.rsplit("/", 1)[-1])


@login_required
@permission_required("plans.change_task", raise_exception=True)
def my_tasks(request):
    return render(request, "plans/my_tasks.html", my_tasks_context(request.user))


def my_tasks_context(user, refused=None) -> dict:
    return {"tasks": tasks.my_tasks(user), "now": timezone.now(), "inbox": in_app_messages(user.username),
            "refused": refused, "next_page": reverse("plans:my-tasks")}


@login_required
@permission_required("plans.view_response", raise_exception=True)
def responses(request):
    active = scope_to_user(Response.objects.exclude(level=ENDED).select_related("incident", "plan"), request.user)
    return render(request, "plans/responses.html", {"responses": active})
