"""The API's shared contract pieces: the one error shape (OpenAPI component "Error") and the check of a request
body against the serializer that documents it."""

import copy
import math

from django.http import QueryDict
from django.utils.translation import gettext as _
from rest_framework import serializers

from .errors import DomainError
from .validators import date_range_error

TEXT_FIELDS = (serializers.CharField, serializers.ChoiceField, serializers.UUIDField, serializers.DateTimeField,
               serializers.DateField)


class ErrorBodySerializer(serializers.Serializer):
    code = serializers.CharField(help_text="英文错误代码，如 invalid_time、permission_denied")
    message = serializers.CharField(help_text="给人看的中文说明")
    fields = serializers.DictField(child=serializers.ListField(child=serializers.CharField()),
                                   help_text="出错的字段 → 说明列表；与字段无关时为空")


class ErrorSerializer(serializers.Serializer):
    """Every API error: {"error": {"code", "message", "fields"}} (core.api_errors)."""

    error = ErrorBodySerializer()


class BoundedDateTimeField(serializers.DateTimeField):
    """A moment in validators.EARLIEST_YEAR..LATEST_YEAR, refused on its field before DRF makes it aware in the
    district's zone (year 1 overflows there, a 500)."""

    def enforce_timezone(self, value):
        error = date_range_error(value)
        if error is not None:
            raise serializers.ValidationError(error.message, code=error.code)
        return super().enforce_timezone(value)


class FieldsBuiltOnce:
    """Mixed into a ModelSerializer (before it): its fields are worked out from the model once per class and
    copied for each serializer, instead of being built afresh from the model's fields on every request (for an
    incident, 46 fields: 1.7 ms of the request's CPU against 0.5 ms to copy them). The copies are fresh, unbound
    fields, so what a serializer does with them stays its own."""

    def get_fields(self):
        built = type(self).__dict__.get("_fields_built_once")
        if built is None:
            built = super().get_fields()
            type(self)._fields_built_once = built
        return copy.deepcopy(built)


def error_responses(*statuses) -> dict:
    """OpenAPI responses for the given error statuses, all referencing the shared "Error" component."""
    return {code: ErrorSerializer for code in statuses}


# What most operations can answer: bad input, not logged in, no permission, unknown record, edit conflict.
ERRORS = error_responses(400, 401, 403, 404, 409)


def json_object(request) -> dict:
    """The request body as a dict; a JSON array or scalar is bad input, not a server error."""
    if not isinstance(request.data, dict):
        raise DomainError("malformed_request", _("请求体应为 JSON 对象"))
    return request.data


def body_of(request, serializer_class) -> dict:
    """The request body with each value given checked to be of the JSON kind its contract serializer declares
    (numbers sent for text become text). Whether values are present and make sense is left to the services,
    whose error codes and messages clients rely on."""
    data = json_object(request)
    return _object(serializer_class(), data.dict() if isinstance(data, QueryDict) else data, "")


def _object(serializer, data: dict, prefix: str) -> dict:
    result = dict(data)
    for name, field in serializer.fields.items():
        if result.get(name) is not None and not field.read_only:  # an absent or null value is the services' call
            result[name] = _value(field, result[name], prefix + name)
    return result


def _value(field, value, path: str):
    if not _fits(field, value):
        raise DomainError("invalid_type", _("%(f)s 的格式不正确：应为%(k)s") % {"f": path, "k": _kind_name(field)},
                          field=path.split(".")[0])
    if isinstance(field, serializers.ListField | serializers.ListSerializer):
        return [_value(field.child, item, f"{path}.{index}") for index, item in enumerate(value)]
    if isinstance(field, serializers.DictField):
        return {key: _value(field.child, item, f"{path}.{key}") for key, item in value.items()}
    if isinstance(field, serializers.Serializer):
        return _object(field, value, f"{path}.")
    if isinstance(field, TEXT_FIELDS) and not isinstance(value, str):
        return str(value)
    return value


def _fits(field, value) -> bool:
    if type(field) in (serializers.JSONField, serializers.ReadOnlyField):
        return True
    if value is None:  # inside a list or an object
        return False
    if isinstance(field, serializers.ListField | serializers.ListSerializer):
        return isinstance(value, list)
    if isinstance(field, serializers.DictField | serializers.Serializer):
        return isinstance(value, dict)
    if isinstance(field, serializers.IntegerField):
        return _is_number(value, int)
    if isinstance(field, serializers.FloatField | serializers.DecimalField):
        return _is_number(value, float)
    return not isinstance(value, list | dict)


def _kind_name(field) -> str:
    if isinstance(field, serializers.ListField | serializers.ListSerializer):
        return _("列表")
    if isinstance(field, serializers.DictField | serializers.Serializer):
        return _("对象")
    if isinstance(field, serializers.IntegerField):
        return _("整数")
    if isinstance(field, serializers.FloatField | serializers.DecimalField):
        return _("数字")
    return _("文本")


def _is_number(value, kind) -> bool:
    if isinstance(value, bool | list | dict):
        return False
    try:
        number = kind(value)
    except (TypeError, ValueError, OverflowError):
        return False
    return math.isfinite(number)
