"""Entering a yearly value with its evidence file (core.attachments), all or nothing."""

from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yingji.core import attachments
from yingji.core.errors import DomainError, PermissionDeniedError

from .catalogue import BASELINE_YEAR, BY_CODE, ENTERED
from .models import IndicatorValue

EVIDENCE = "evidence"


def entry_of(code, source: str):
    """The catalogue entry of `code` whose values come from `source` (entered or computed); else a 400 on `code`."""
    entry = BY_CODE.get(str(code or ""))
    if entry is None:
        raise DomainError("unknown_indicator", _("没有这个指标"), field="code")
    if entry.source != source:
        if source == ENTERED:
            raise DomainError("not_entered", _("该指标由系统计算，不需填报"), field="code")
        raise DomainError("not_computed", _("该指标由部门填报，请在“指标填报与审核”中填报"), field="code")
    return entry


def _year(value) -> int:
    try:
        year = int(value)
    except (TypeError, ValueError):
        year = 0
    if not BASELINE_YEAR <= year <= timezone.localdate().year:
        raise DomainError("invalid_year", _("年度应在 %(a)s 至今年之间") % {"a": BASELINE_YEAR}, field="year")
    return year


def _number(value) -> Decimal:
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        number = None
    if number is None or not number.is_finite() or number < 0 or number >= Decimal("1e12"):
        raise DomainError("invalid_value", _("请填写不小于 0 的数值"), field="value")
    return number


def submit(*, actor, data, evidence) -> IndicatorValue:
    """A department's figure for an entered indicator and year, or the 2020 baseline of any indicator (computed
    ones included), with its evidence; waits for approval by the director role."""
    if not actor.has_perm("indicators.add_indicatorvalue"):
        raise PermissionDeniedError("permission_denied", _("没有填报指标数值的权限"))
    entry = BY_CODE.get(str(data.get("code") or ""))
    if entry is None:
        raise DomainError("unknown_indicator", _("没有这个指标"), field="code")
    year, value = _year(data.get("year")), _number(data.get("value"))
    if entry.source != ENTERED and year != BASELINE_YEAR:
        # A computed indicator's figure comes from the data; only its 2020 baseline may be entered (with evidence).
        raise DomainError("not_entered", _("该指标由系统计算，只需填报%(y)s年基线值") % {"y": BASELINE_YEAR},
                          field="code")
    if evidence is None:
        raise DomainError("evidence_required", _("请上传佐证材料"), field=EVIDENCE)
    try:
        with transaction.atomic():
            record = IndicatorValue.objects.create(code=entry.code, year=year, value=value, entered_by=actor,
                                                   note=str(data.get("note") or "")[:2000])
            attachments.attach(actor=actor, record=record, upload=evidence, kind=EVIDENCE, check_permission=False)
    except DomainError as error:
        if attachments.FIELD in error.fields:
            raise DomainError(error.code, error.message, field=EVIDENCE) from error
        raise
    return record
