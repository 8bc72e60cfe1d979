"""The spatial import page (Shapefile .zip or GeoJSON) of the census's spatial registers: upload → preview and
field mapping → 校验 (every row checked, nothing kept) → 导入 (all or nothing). The uploaded file waits in the
media folder under a random token remembered in the user's session until it is imported or replaced. A delivery
of jobs.JOB_THRESHOLD features or more is checked and imported by the worker (census/jobs.py): the job's page
shows its counts and percentage, polling every JOB_POLL_SECONDS."""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from yingji.core.errors import DomainError
from yingji.core.refusals import refuse
from yingji.core.xlsx import ImportFailed

from . import jobs
from .models import ImportJob, JobState
from .registrations import DANGER_ZONES, EXPOSED_ASSETS, HAZARD_POINTS
from .spatial_import import (
    CRS_CHOICES,
    check_mapping,
    guess_mapping,
    import_delivery,
    read_delivery,
    target_fields,
)

KINDS = {r.plural: r for r in (EXPOSED_ASSETS, DANGER_ZONES, HAZARD_POINTS)}
SESSION_KEY = "census_spatial_imports"
MAX_UPLOAD = 50 * 1024 * 1024
JOB_POLL_SECONDS = 2


def _registry(request, kind):
    registry = KINDS.get(kind)
    if registry is None:
        raise Http404
    if not request.user.has_perm(registry.perm("add")):
        raise PermissionDenied
    return registry


@login_required
def upload_page(request, kind):
    registry = _registry(request, kind)
    context = {"registry": registry, "kind": kind, "crs_choices": CRS_CHOICES, "crs": "auto",
               "export_shapefile": reverse(f"api-census-{kind}-export-shapefile"),
               "export_geojson": reverse(f"api-census-{kind}-export-geojson"),
               "recent_jobs": ImportJob.objects.filter(user=request.user, kind=kind)[:5]}
    if request.method != "POST":
        return render(request, "census/import_upload.html", context)
    upload, crs = request.FILES.get("file"), request.POST.get("crs", "auto")
    context["crs"] = crs if crs in dict(CRS_CHOICES) else "auto"
    try:
        if upload is None:
            raise DomainError("file_required", _("请选择要导入的文件"), field="file")
        if upload.size > MAX_UPLOAD:
            raise DomainError("file_too_large", _("文件超过 50 MB"), field="file")
        content = upload.read()
        read_delivery(content, upload.name, context["crs"])
    except DomainError as exc:
        return render(request, "census/import_upload.html", {**context, "error": exc.message}, status=400)
    token = uuid.uuid4().hex
    path = default_storage.save(f"census-imports/{token}", ContentFile(content))
    pending = request.session.get(SESSION_KEY, {})
    for old in [t for t, item in pending.items() if item["kind"] == kind]:
        default_storage.delete(pending.pop(old)["path"])
    pending[token] = {"kind": kind, "path": path, "name": upload.name, "crs": context["crs"]}
    request.session[SESSION_KEY] = pending
    return redirect("census:import-map", kind=kind, upload=token)


@login_required
def mapping_page(request, kind, upload):
    registry = _registry(request, kind)
    token = upload
    item = request.session.get(SESSION_KEY, {}).get(token)
    if item is None or item["kind"] != kind:
        messages.warning(request, _("上传的文件已失效，请重新上传"))
        return redirect("census:import", kind=kind)
    try:
        with default_storage.open(item["path"], "rb") as handle:
            delivery = read_delivery(handle.read(), item["name"], item["crs"])
    except (OSError, DomainError):  # the file was removed meanwhile (another tab imported it)
        messages.warning(request, _("上传的文件已失效，请重新上传"))
        return redirect("census:import", kind=kind)
    fields = target_fields(registry)
    mapping = guess_mapping(registry, delivery.columns)
    context = {"registry": registry, "kind": kind, "item": item, "delivery": delivery, "count": len(delivery.features),
               "preview": delivery.preview(), "list_url": registry.list_url,
               "as_job": len(delivery.features) >= jobs.JOB_THRESHOLD}
    status = 200
    if request.method == "POST":
        mapping = {f.name: request.POST.get(f"map_{f.name}", "") for f in fields}
        check_only = request.POST.get("action") != "import"
        try:
            check_mapping(registry, delivery, mapping)
            if context["as_job"]:
                job = jobs.start(kind, request.user, filename=item["name"], path=item["path"], crs=item["crs"],
                                 mapping=mapping, check_only=check_only)
                _forget(request, token)  # the job owns the file now
                return redirect("census:import-job", uuid=job.uuid)
            result = import_delivery(registry, delivery, mapping, request.user, check_only=check_only)
        except ImportFailed as exc:
            context.update(error=exc.message, row_errors=exc.errors[:500], error_count=len(exc.errors))
            status = 400
        except DomainError as exc:
            refuse(request, exc, form="spatial-map-form")  # each refused choice marked beside its select
            status = 400
        else:
            if check_only:
                context.update(checked=result)
            else:
                default_storage.delete(item["path"])
                _forget(request, token)
                messages.success(request, _("导入成功：新增 %(c)d 条，更新 %(u)d 条") % {
                    "c": result["created"], "u": result["updated"]})
                return redirect(registry.list_url)
    context["rows"] = [{"field": f, "column": mapping.get(f.name, ""), "required": not f.blank and not f.has_default()
                        and f.name not in ("code", "region")} for f in fields]
    context["action_url"] = reverse("census:import-map", kwargs={"kind": kind, "upload": token})
    return render(request, "census/import_map.html", context, status=status)


def _forget(request, token) -> None:
    pending = request.session.get(SESSION_KEY, {})
    pending.pop(token, None)
    request.session[SESSION_KEY] = pending


@login_required
def job_page(request, uuid):
    """A background import's counts and percentage (its importer only); `?live=1` is the part the page polls."""
    job = get_object_or_404(ImportJob, uuid=uuid, user=request.user)
    registry = _registry(request, job.kind)
    if request.method == "POST":  # 导入 after a check-only job passed: the same file, the same mapping
        if not (job.check_only and job.state == JobState.DONE):
            raise Http404
        started = ImportJob.objects.filter(user=request.user, path=job.path, check_only=False).first()
        if started is not None:  # 导入 pressed twice: the one import
            return redirect("census:import-job", uuid=started.uuid)
        try:
            again = jobs.start(job.kind, request.user, filename=job.filename, path=job.path, crs=job.crs,
                               mapping=job.mapping, check_only=False)
        except DomainError as exc:  # drawn under the 导入 button of the page it goes back to
            refuse(request, exc, keep=True, form="import-job-import")
            return redirect("census:import-job", uuid=job.uuid)
        return redirect("census:import-job", uuid=again.uuid)
    context = {"job": job, "registry": registry, "saved": jobs.saved_so_far(job), "percent": jobs.percent(job),
               "poll_seconds": JOB_POLL_SECONDS, "list_url": registry.list_url,
               "live_url": reverse("census:import-job", kwargs={"uuid": job.uuid}) + "?live=1"}
    template = "census/_import_job.html" if request.GET.get("live") == "1" else "census/import_job.html"
    return render(request, template, context)
