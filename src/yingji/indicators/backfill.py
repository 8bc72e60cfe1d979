"""补录: a computed indicator's figure for a past year (2020 up to last year) that the worker never recorded —
the years before the platform ran — entered by the director role with where it comes from (统计年报, 台账…).
It is that year's IndicatorSnapshot of the district or a township, marked with who entered it and the source;
the history, the evaluations and the ranking read it like a recorded one. A figure the worker recorded is never
overwritten; an earlier back-fill may be corrected. Each one is written to the audit log with the figure
before it (docs/indicators.md)."""

from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yingji.core import audit
from yingji.core.errors import ConflictError, DomainError, PermissionDeniedError
from yingji.core.models import Region, RegionLevel
from yingji.core.models.audit import AuditAction
from yingji.core.scoping import scope_to_user

from .catalogue import BASELINE_YEAR, COMPUTED
from .models import IndicatorSnapshot
from .services import entry_of
from .status import MET, NO_DATA, NOT_MET

PERMISSION = "indicators.add_indicatorsnapshot"


def _year(value) -> int:
    try:
        year = int(value)
    except (TypeError, ValueError):
        year = 0
    if not BASELINE_YEAR <= year < timezone.localdate().year:
        message = _("补录年度应在 %(a)s 年至去年之间（本年度由系统计算）") % {"a": BASELINE_YEAR}
        raise DomainError("invalid_year", message, field="year")
    return year


def _number(value, field, required=True):
    if value in (None, "") and not required:
        return None
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        number = None
    if number is None or not number.is_finite() or number < 0 or number >= Decimal("1e12"):
        raise DomainError("invalid_value", _("请填写不小于 0 的数值"), field=field)
    return float(number)


def regions(user):
    """The district and the townships the user may back-fill (in reach)."""
    places = Region.objects.filter(level__in=(RegionLevel.DISTRICT, RegionLevel.TOWNSHIP)).defer("geometry")
    return scope_to_user(places, user).order_by("level", "code")


def backfill(*, actor, data) -> IndicatorSnapshot:
    if not actor.has_perm(PERMISSION):
        raise PermissionDeniedError("permission_denied", _("没有补录历史指标数值的权限"))
    entry, year = entry_of(data.get("code"), COMPUTED), _year(data.get("year"))
    region = regions(actor).filter(code=str(data.get("region") or "")).first()
    if region is None:
        raise DomainError("invalid_region", _("请选择区或您管辖范围内的乡镇（街道）"), field="region")
    value = _number(data.get("value"), "value")
    of = _number(data.get("of"), "of", required=False)
    source = str(data.get("source") or "").strip()
    if not source:
        raise DomainError("source_required", _("请填写数据来源（如统计年报、原始台账）"), field="source")
    if len(source) > 200:
        raise DomainError("too_long", _("内容不能超过 %(n)s 字") % {"n": 200}, field="source")
    meets = entry.target.meets(value)
    state = NO_DATA if meets is None else (MET if meets else NOT_MET)
    with transaction.atomic():
        shot = IndicatorSnapshot.objects.select_for_update().filter(indicator=entry.code, year=year,
                                                                    region=region).first()
        if shot is not None and shot.entered_by_id is None and shot.value is not None:
            raise ConflictError("recorded", _("该年度已有系统记录的数值，不能补录覆盖"), field="year")
        before = None if shot is None else {"value": shot.value, "of": shot.of, "status": shot.status,
                                            "source": shot.source, "entered_by": shot.entered_by_id}
        shot = shot or IndicatorSnapshot(indicator=entry.code, year=year, region=region)
        shot.value, shot.of, shot.status, shot.source = value, of, state, source
        shot.entered_by, shot.computed_at = actor, timezone.now()
        shot.save()
        audit.record(AuditAction.CREATE if before is None else AuditAction.UPDATE,
                     model_label=IndicatorSnapshot._meta.label, object_id=shot.pk,
                     object_repr=f"{entry.code} · {year} · {region.name}（补录）", before=before,
                     after={"value": value, "of": of, "status": state, "source": source, "entered_by": actor.pk},
                     actor=actor)
    return shot


def backfilled(user, limit=50):
    """The back-filled figures of the regions in the user's reach, latest first."""
    return (IndicatorSnapshot.objects.filter(entered_by__isnull=False, region__in=regions(user))
            .select_related("region", "entered_by").order_by("-computed_at")[:limit])
