"""Situation reports: drafting, validation, the effect of sending, and the township roll-up."""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yingji.core import submissions
from yingji.core.errors import ConflictError, DomainError, PermissionDeniedError
from yingji.core.models import RegionLevel
from yingji.core.scoping import ensure_in_jurisdiction

from . import clocks, grading
from .choices import EDITABLE_REPORT_STATUSES, ReportKind, ReportStatus
from .config import get_config
from .locate import district, township_of
from .models import SituationReport
from .reportfields import figures_for, texts_for

FILED = (ReportStatus.PENDING, ReportStatus.SIGNED, ReportStatus.SENT)
# Incident figure ← report figure, with the factor from the report's unit.
INCIDENT_FROM_REPORT = {
    "dead": ("dead", 1), "missing": ("missing", 1), "injured": ("injured", 1),
    "serious_injured": ("serious_injured", 1), "affected": ("affected", 1), "evacuated": ("relocated", 1),
    "direct_loss_cny": ("direct_loss_wan", 10_000),
}


def home_township(user):
    """The township a township-level user files for; None for district users (who may file for any)."""
    return township_of(getattr(user, "region", None))


def _report_region(actor, region):
    own = home_township(actor)
    if own is not None and region is not None and region != own:
        raise PermissionDeniedError(
            "not_own_township", _("乡镇用户只能填报本乡镇（%(t)s）的报告") % {"t": own.name}, field="region"
        )
    region = region or own or district()
    if region.level not in (RegionLevel.DISTRICT, RegionLevel.TOWNSHIP):
        raise DomainError("invalid_region", _("报告应按区县或乡镇（街道）填报"), field="region")
    return region


def _check_chain(incident, kind, region):
    reports = incident.reports.filter(region=region)
    if kind == ReportKind.INITIAL and reports.filter(kind=kind).exists():
        raise DomainError("initial_exists", _("该区域已有初报，请填写续报"), field="kind")
    if kind != ReportKind.INITIAL and not reports.filter(kind=ReportKind.INITIAL).exists():
        raise DomainError("initial_missing", _("请先填写初报"), field="kind")
    if kind == ReportKind.VERIFICATION:
        if reports.filter(kind=kind).exists():
            raise DomainError("verification_exists", _("该区域已有核报"), field="kind")
        if incident.ended_at is None:
            raise DomainError("process_not_ended", _("灾害过程结束（事件已稳定）后才能核报"), field="kind")


def create_report(incident, *, actor, kind, data=None, region=None, now=None, is_demo=False) -> SituationReport:
    now = now or timezone.now()
    data = data or {}
    if not actor.has_perm("incidents.add_situationreport"):
        raise PermissionDeniedError("permission_denied", _("您没有填报灾情/事故报告的权限"))
    if kind not in ReportKind.values:
        raise DomainError("invalid_kind", _("报告类别应为初报、续报或核报"), field="kind")
    if not incident.is_active:
        raise DomainError("incident_closed", _("事件已结束，不能再填报"), field="kind")
    region = _report_region(actor, region)
    ensure_in_jurisdiction(actor, region)
    _check_chain(incident, kind, region)
    report = SituationReport(
        incident=incident, kind=kind, region=region, author=actor, is_demo=is_demo,
        number=incident.reports.filter(region=region, kind=kind).count() + 1,
        issuer=data.get("issuer") or _issuer(actor, region),
        as_of=data.get("as_of") or now,
        figures=starting_figures(incident, region),
    )
    report.title = data.get("title") or _title(report)
    with transaction.atomic():
        _fill(report, data)
        validate_report(report)
        report.save()
        submissions.store_pending(report)
    return report


def update_report(report, *, actor, data, expected_version=None) -> SituationReport:
    if not actor.has_perm("incidents.change_situationreport"):
        raise PermissionDeniedError("permission_denied", _("您没有修改报告的权限"))
    _report_region(actor, report.region)
    ensure_in_jurisdiction(actor, report.region)
    with transaction.atomic():
        current = SituationReport.objects.select_for_update().get(pk=report.pk)
        if expected_version is not None and current.version != expected_version:
            raise ConflictError("edit_conflict", _("该报告已被他人修改，请刷新后重试"), field="version")
        if current.status not in EDITABLE_REPORT_STATUSES:
            raise DomainError("report_locked", _("报告已提交签发，不能再修改"), field="status")
        for name in ("title", "issuer", "as_of"):
            if data.get(name):
                setattr(current, name, data[name])
        _fill(current, data)
        validate_report(current)
        current.save()
    return current


def _fill(report, data):
    figures = dict(report.figures)
    figures.update({k: _stored(v) for k, v in (data.get("figures") or {}).items()})
    report.figures = figures
    texts = dict(report.texts)
    texts.update({k: str(v) for k, v in (data.get("texts") or {}).items()})
    report.texts = texts
    if "explanation" in data:
        report.explanation = (data.get("explanation") or "").strip()


def validate_report(report) -> None:
    """Numbers well formed; cumulative figures neither fall nor jump without a written explanation."""
    errors, values = {}, {}
    allowed = {f.key: f for f in figures_for(report.incident.type_code)}
    for key, value in report.figures.items():
        if key not in allowed:
            errors[f"figures.{key}"] = ValidationError(_("未知的数据项：%(k)s") % {"k": key}, code="unknown_figure")
            continue
        number = _number(value)
        if number is None:
            errors[f"figures.{key}"] = ValidationError(_("%(l)s必须是数字") % {"l": allowed[key].label},
                                                       code="invalid_number")
        elif number < 0:
            errors[f"figures.{key}"] = ValidationError(_("%(l)s不能为负数") % {"l": allowed[key].label},
                                                       code="negative_value")
        else:
            values[key] = number
    if errors:
        raise ValidationError(errors)
    previous = latest_filed(report.incident, report.region, before=report)
    if previous is None or report.explanation:
        return
    _check_changes(values, previous, allowed)


def _check_changes(values, previous, allowed):
    cfg = get_config()
    fell, jumped = [], []
    for key, value in values.items():
        before = _number(previous.figures.get(key)) or Decimal(0)
        if value < before:
            fell.append(f"{allowed[key].label} {before}→{value}")
        elif value - before >= Decimal(str(cfg.report_jump_min)) and value > before * Decimal(
            1 + cfg.report_jump_ratio
        ):
            jumped.append(f"{allowed[key].label} {before}→{value}")
    if fell:
        raise ValidationError(
            {"explanation": ValidationError(_("累计数据不能减少，除非说明原因：%(f)s") % {"f": "；".join(fell)},
                                            code="figure_decreased")}
        )
    if jumped:
        raise ValidationError(
            {"explanation": ValidationError(_("数据变化幅度过大，请填写说明：%(f)s") % {"f": "；".join(jumped)},
                                            code="figure_jump")}
        )


def _stored(value):
    number = _number(value)
    if number is None or isinstance(value, bool):
        return value
    return int(number) if number == number.to_integral_value() else float(number)


def _number(value):
    if value in (None, ""):
        return Decimal(0)
    if isinstance(value, bool):
        return None
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def latest_filed(incident, region, before=None):
    reports = incident.reports.filter(region=region, status__in=FILED)
    if before is not None and before.pk:
        reports = reports.exclude(pk=before.pk).filter(created__lte=before.created)
    return reports.order_by("-created", "-id").first()


def on_sent(report, *, now) -> None:
    """A district report sent upward meets its clocks and brings the incident's figures up to date."""
    if report.region.level != RegionLevel.DISTRICT:
        return
    clocks.meet_with(report, now=now)
    incident = report.incident
    for field, (key, factor) in INCIDENT_FROM_REPORT.items():
        if key in report.figures and report.figures[key] not in (None, ""):
            value = _number(report.figures[key]) * factor
            setattr(incident, field, value if field == "direct_loss_cny" else int(value))
    incident.save()
    grading.regrade(incident, now=now)
    clocks.sync(incident, now=now)


def starting_figures(incident, region) -> dict:
    """What a new report starts from (the form shows it filled in): the region's latest filed report, else the
    figures already on the incident."""
    previous = latest_filed(incident, region)
    return dict(previous.figures) if previous else _figures_from_incident(incident)


def _figures_from_incident(incident) -> dict:
    keys = {f.key for f in figures_for(incident.type_code)}
    values = {key: _number(getattr(incident, field)) / factor
              for field, (key, factor) in INCIDENT_FROM_REPORT.items()}
    return {k: float(v) if k == "direct_loss_wan" else int(v) for k, v in values.items() if k in keys}


def _issuer(actor, region):
    organization = getattr(actor, "organization", None)
    return organization.name if organization else f"{region.name}"


def _title(report) -> str:
    prefix = report.region.name if report.region.level == RegionLevel.TOWNSHIP else ""
    return f"{prefix}关于{report.incident.name}的{report.kind_label}"


def rollup(incident) -> dict:
    """The latest filed report of each township, and the district total of their figures."""
    rows = []
    townships = {r.region for r in incident.reports.select_related("region").filter(
        region__level=RegionLevel.TOWNSHIP, status__in=FILED)}
    for township in sorted(townships, key=lambda r: r.code):
        rows.append((township, latest_filed(incident, township)))
    total = {}
    for _township, report in rows:
        for key, value in report.figures.items():
            total[key] = (total.get(key) or Decimal(0)) + (_number(value) or Decimal(0))
    return {"rows": rows, "total": total, "fields": figures_for(incident.type_code)}


def texts_of(report):
    return [(label, report.texts.get(key, "")) for key, label in texts_for(report.incident.type_code)]
