"""Pages of the documents and orders: the panel on an inspection task (its 文书, 生成现场检查记录, 责令限期整改),
the order's page (deadline clock, linked hazards, 整改复查), a document's download, and the link from a hazard's
page to its order."""

from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from yingji.core.errors import DomainError
from yingji.core.refusals import refuse
from yingji.core.scoping import scope_to_user

from . import orders, publication
from .api_orders import download, issue_record
from .choices import ItemResult, PenaltyKind, TaskState
from .models import InspectionTask, IssuedDocument, RectificationOrder


def _found(model, request, uuid):
    record = scope_to_user(model.objects.all(), request.user).filter(uuid=uuid).first()
    if record is None:
        raise Http404
    return record


def task_panel(user, task, error=None) -> dict | None:
    if not user.has_perm("enforcement.view_inspectiontask"):
        return None
    has_findings = task.findings.filter(result=ItemResult.FAIL, hazard__isnull=False).exists()
    return {"task": task, "documents": task.documents.select_related("attachment").order_by("id"), "error": error,
            "order": task.orders.first(), "done": task.state == TaskState.DONE,
            "may_record": user.has_perm("enforcement.inspect_task"),
            "may_order": has_findings and user.has_perm("enforcement.add_rectificationorder"),
            "cases": task.cases.all(), "kinds": PenaltyKind.choices,
            "may_file": has_findings and user.has_perm("enforcement.add_penaltycase"),
            "publication_clock": publication.clock(task), "may_publish": user.has_perm(publication.PUBLISH)}


# The task panel's form each step is posted from (for a post that does not name it).
TASK_FORMS = {"task-order": "order-form", "task-case": "case-form", "task-record": "task-record",
              "task-publish": "task-publish"}


def task_refused(request, task, exc):
    """The task's panel again (400), the refusal beside the form that was posted."""
    refuse(request, exc, form=TASK_FORMS.get(getattr(request.resolver_match, "url_name", ""), ""))
    return render(request, "enforcement/task_error.html",
                  {**(task_panel(request.user, task) or {"task": task}), "error": exc}, status=400)


def _task_step(request, uuid, perm, step):
    if request.method != "POST":
        raise Http404
    if not request.user.has_perm(perm):
        raise PermissionDenied
    task = _found(InspectionTask, request, uuid)
    try:
        target = step(task)
    except DomainError as exc:
        return task_refused(request, task, exc)
    return redirect(target)


@login_required
def task_publish(request, uuid):
    """POST: publish the task's 双随机 result (公示), back to the task's page."""
    def step(task):
        publication.publish([task], actor=request.user)
        return reverse("registry:enforcement-tasks-detail", kwargs={"uuid": task.uuid})
    return _task_step(request, uuid, publication.PUBLISH, step)


@login_required
def task_record(request, uuid):
    """POST: issue the task's 现场检查记录, back to the task's page."""
    def step(task):
        issue_record(task, request.user)
        return reverse("registry:enforcement-tasks-detail", kwargs={"uuid": task.uuid})
    return _task_step(request, uuid, "enforcement.inspect_task", step)


@login_required
def task_order(request, uuid):
    """POST deadline, requirements: 责令限期整改, on to the order's page."""
    def step(task):
        order = orders.issue_order(task, actor=request.user, deadline=request.POST.get("deadline"),
                                   requirements=request.POST.get("requirements", ""))
        return reverse("enforcement:order", kwargs={"uuid": order.uuid})
    return _task_step(request, uuid, "enforcement.add_rectificationorder", step)


@login_required
@permission_required("enforcement.view_rectificationorder", raise_exception=True)
def order_page(request, uuid):
    order, error = _found(RectificationOrder, request, uuid), None
    if request.method == "POST":
        if not request.user.has_perm("enforcement.recheck_order"):
            raise PermissionDenied
        try:
            order = orders.recheck(order, actor=request.user, result=request.POST.get("result", ""),
                                   note=request.POST.get("note", ""), rechecked_on=request.POST.get("rechecked_on"))
        except DomainError as exc:
            error = exc
        else:
            return redirect("enforcement:order", uuid=order.uuid)
    return render(request, "enforcement/order.html", {
        "order": order, "clock": orders.clock_of(order), "hazards": order.hazards().order_by("code"),
        "documents": order.documents.select_related("attachment").order_by("id"), "error": error,
        "may_recheck": order.state == "ordered" and request.user.has_perm("enforcement.recheck_order")},
        status=400 if error else 200)


@login_required
@permission_required("enforcement.view_inspectiontask", raise_exception=True)
def document_download(request, uuid):
    return download(_found(IssuedDocument, request, uuid))


def hazard_links(user, hazard) -> list[tuple[str, str, str]]:
    """整改复查 on a hazard's page: the enforcement order it is under (or the task that found it)."""
    if not user.has_perm("enforcement.view_rectificationorder"):
        return []
    order = scope_to_user(RectificationOrder.objects.filter(task__findings__hazard=hazard), user).first()
    if order is not None:
        return [(_("执法整改复查"), reverse("enforcement:order", kwargs={"uuid": order.uuid}), "enforcement-order")]
    task = scope_to_user(InspectionTask.objects.filter(findings__hazard=hazard), user).first()
    if task is None:
        return []
    return [(_("执法检查任务"), reverse("registry:enforcement-tasks-detail", kwargs={"uuid": task.uuid}),
             "enforcement-task")]
