"""Spatial imports as background jobs (models/jobs.py): a delivery of JOB_THRESHOLD features or more is not imported
inside the request (the page and the API hand it to the worker, `yingji worker`, through the step
`census.import_jobs`), so the import page can show a real percentage.

A job runs in two passes, all or nothing as every import: 校验 checks the features CHUNK at a time (each chunk saved
and rolled back, the `checked` count committed after it, so the page sees it grow); if any row failed the job ends
未通过 with the row errors (the first 500) and nothing is kept. Otherwise 保存 saves every feature in one
transaction; its count is only in the cache while that transaction runs (shown when the cache is shared, e.g.
Redis; else the page shows 保存中 without a figure), and on the row at the end."""

from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yingji.core.context import acting
from yingji.core.errors import DomainError
from yingji.core.xlsx import RelatedByCode

from .models import ImportJob, JobState
from .spatial_import import check_mapping, read_delivery, save_features

JOB_THRESHOLD = 2000  # features: at and above this, an import is a job of the worker
CHUNK = 500  # features checked per committed step
MAX_ERRORS_KEPT = 500


def kinds() -> dict:
    from .registrations import DANGER_ZONES, EXPOSED_ASSETS, HAZARD_POINTS

    return {r.plural: r for r in (EXPOSED_ASSETS, DANGER_ZONES, HAZARD_POINTS)}


def saving_key(job) -> str:
    return f"census-import-job-{job.pk}-saved"


def saved_so_far(job) -> int:
    """The saved count while the job's saving transaction runs (from the cache), else the row's."""
    if job.state == JobState.SAVING:
        return cache.get(saving_key(job), job.saved)
    return job.saved


def start(kind: str, user, *, filename: str, path: str, crs: str, mapping: dict, check_only: bool) -> ImportJob:
    return ImportJob.objects.create(kind=kind, user=user, filename=filename, path=path, crs=crs,
                                    mapping=mapping, check_only=check_only)


def run_pending(now=None) -> int:
    """The worker step: run the oldest queued job (one per call; the loop calls again while work was done)."""
    with transaction.atomic():
        job = ImportJob.objects.select_for_update(skip_locked=True).filter(state=JobState.QUEUED).order_by(
            "id").first()
        if job is None:
            return 0
        ImportJob.objects.filter(pk=job.pk).update(state=JobState.CHECKING, started_at=timezone.now())
    job.refresh_from_db()
    run(job)
    return 1


def _update(job, **values) -> None:
    for name, value in values.items():
        setattr(job, name, value)
    ImportJob.objects.filter(pk=job.pk).update(**values)


def _fail(job, message: str, errors=()) -> None:
    errors = list(errors)
    _update(job, state=JobState.FAILED, message=message, errors=[e.as_dict() for e in errors[:MAX_ERRORS_KEPT]],
            error_count=len(errors), finished_at=timezone.now())


def run(job: ImportJob) -> ImportJob:
    registry = kinds().get(job.kind)
    user = job.user
    try:
        if registry is None or not user.has_perm(registry.perm("add")):
            raise DomainError("permission_denied", _("没有导入该登记表的权限"))
        with default_storage.open(job.path, "rb") as handle:
            delivery = read_delivery(handle.read(), job.filename, job.crs)
        check_mapping(registry, delivery, job.mapping)
    except DomainError as exc:
        _fail(job, exc.message)
        return job
    except OSError:
        _fail(job, _("上传的文件已失效，请重新上传"))
        return job
    features = list(enumerate(delivery.features, 1))
    _update(job, state=JobState.CHECKING, total=len(features), checked=0, saved=0)
    related, seen, errors = RelatedByCode(), {}, []
    for begin in range(0, len(features), CHUNK):
        with acting(source="import", user=user), transaction.atomic():
            errors += save_features(registry, features[begin:begin + CHUNK], job.mapping, user, related, seen,
                                    {"created": 0, "updated": 0})
            transaction.set_rollback(True)
        _update(job, checked=min(begin + CHUNK, len(features)))
    if errors:
        _fail(job, _("校验未通过：共 %(n)d 处错误，未保存任何数据") % {"n": len(errors)}, errors)
        return job
    if job.check_only:
        _update(job, state=JobState.DONE, message=_("校验通过：%(n)d 个要素均可导入（未保存）") % {"n": len(features)},
                finished_at=timezone.now())
        return job
    _update(job, state=JobState.SAVING)
    counts = {"created": 0, "updated": 0}
    key = saving_key(job)
    with acting(source="import", user=user), transaction.atomic():
        errors = save_features(registry, features, job.mapping, user, RelatedByCode(), {}, counts,
                               saved=lambda n: cache.set(key, n, 3600))
        if errors:  # changed between the passes (another import, an edit): still nothing is kept
            transaction.set_rollback(True)
    cache.delete(key)
    if errors:
        _fail(job, _("导入失败：共 %(n)d 处错误，未保存任何数据") % {"n": len(errors)}, errors)
        return job
    default_storage.delete(job.path)
    _update(job, state=JobState.DONE, saved=len(features), created=counts["created"], updated=counts["updated"],
            message=_("导入成功：新增 %(c)d 条，更新 %(u)d 条") % {"c": counts["created"], "u": counts["updated"]},
            finished_at=timezone.now())
    return job


def percent(job: ImportJob) -> float:
    return job.percent_with(saved_so_far(job))


def job_json(job: ImportJob) -> dict:
    return {"uuid": str(job.uuid), "kind": job.kind, "filename": job.filename, "state": job.state,
            "state_label": str(job.get_state_display()), "check_only": job.check_only, "total": job.total,
            "checked": job.checked, "saved": saved_so_far(job), "percent": percent(job), "created": job.created,
            "updated": job.updated, "message": job.message, "error_count": job.error_count, "errors": job.errors,
            "created_at": job.created_at.isoformat(),
            "finished_at": job.finished_at.isoformat() if job.finished_at else None}
