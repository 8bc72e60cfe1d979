"""Checks of incident input that need more than one field or the current time. Every failure names its
field and carries an English code; nothing is saved when any check fails."""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from yingji.core.validators import date_range_error, future_error
from yingji.standards import StandardsError, get_type

from .config import get_config
from .models import FIGURE_FIELDS

COUNT_FIELDS = tuple(name for name, _label in FIGURE_FIELDS)
DECIMAL_FIELDS = {"direct_loss_cny": _("直接经济损失"), "burnt_forest_ha": _("受害森林面积")}


def add_error(errors, field, message, code):
    errors.setdefault(field, []).append(ValidationError(message, code=code))


def check_type(code, errors):
    try:
        get_type(code)
    except StandardsError:
        add_error(errors, "type_code", _("未知的事件类型：%(c)s") % {"c": code or "（空）"}, "unknown_incident_type")


def check_times(occurred, received, now, errors, ended=None):
    tolerance = get_config().future_tolerance_seconds
    for field, value, label in (("occurred_at", occurred, _("发生时间")), ("received_at", received, _("接报时间")),
                                ("ended_at", ended, _("结束时间"))):
        # the future first: "2999" is better answered "not yet happened" than "out of range"
        error = (field != "ended_at" and future_error(value, label, now, tolerance)) or date_range_error(value, label)
        if error:
            add_error(errors, field, error.message, error.code)
    if occurred and received and received < occurred:
        add_error(errors, "received_at", _("接报时间不能早于发生时间"), "received_before_occurred")
    if ended is not None and occurred and ended < occurred:
        add_error(errors, "ended_at", _("结束时间不能早于发生时间"), "ended_before_occurred")


def clean_figures(data, errors) -> dict:
    """Whole, non-negative counts and non-negative amounts; returns the cleaned values present in data."""
    labels = dict(FIGURE_FIELDS)
    cleaned = {}
    for name in COUNT_FIELDS:
        if name in data and data[name] not in (None, ""):
            cleaned[name] = _number(data[name], name, str(labels[name]), errors, whole=True)
    for name, label in DECIMAL_FIELDS.items():
        if name in data:
            cleaned[name] = None if data[name] in (None, "") else _number(data[name], name, str(label), errors)
    return {k: v for k, v in cleaned.items() if k not in errors}


def _number(value, field, label, errors, whole=False):
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        add_error(errors, field, _("%(l)s必须是数字") % {"l": label}, "invalid_number")
        return None
    if not number.is_finite():
        add_error(errors, field, _("%(l)s必须是数字") % {"l": label}, "invalid_number")
    elif number < 0:
        add_error(errors, field, _("%(l)s不能为负数") % {"l": label}, "negative_value")
    elif whole and number != number.to_integral_value():
        add_error(errors, field, _("%(l)s必须是整数") % {"l": label}, "not_integer")
    else:
        return int(number) if whole else number
    return None


def raise_if(errors):
    if errors:
        raise ValidationError(errors)
