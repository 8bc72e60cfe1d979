"""Every API error is JSON: {"error": {"code", "message", "fields"}} (DESIGN §5)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from .errors import DomainError, validation_error_fields

DRF_CODES = {
    exceptions.ParseError: ("malformed_request", "请求格式错误（JSON 无法解析）"),
    exceptions.NotAuthenticated: ("not_authenticated", "请先登录或提供有效的令牌"),
    exceptions.AuthenticationFailed: ("authentication_failed", "身份认证失败"),
    exceptions.PermissionDenied: ("permission_denied", "没有执行此操作的权限"),
    exceptions.NotFound: ("not_found", "记录不存在或不在您的管辖范围内"),
    exceptions.MethodNotAllowed: ("method_not_allowed", "不支持的请求方法"),
    exceptions.UnsupportedMediaType: ("unsupported_media_type", "不支持的内容类型"),
    exceptions.Throttled: ("throttled", "请求过于频繁，请稍后再试"),
    exceptions.NotAcceptable: ("not_acceptable", "无法提供所请求的格式"),
}


def error_response(code, message, fields=None, http_status=400, headers=None):
    return Response(
        {"error": {"code": code, "message": message, "fields": fields or {}}}, status=http_status, headers=headers
    )


def _flatten(detail):
    if isinstance(detail, dict):
        return {k: [str(m) for m in (v if isinstance(v, list) else [v])] for k, v in detail.items()}
    return {"non_field_errors": [str(m) for m in (detail if isinstance(detail, list) else [detail])]}


def exception_handler(exc, context):
    if isinstance(exc, DomainError):
        return error_response(exc.code, exc.message, exc.fields, exc.status)
    if isinstance(exc, ValidationError):
        code, message, fields = validation_error_fields(exc)
        return error_response(code, message, fields)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    if isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    if isinstance(exc, exceptions.ValidationError):
        fields = _flatten(exc.detail)
        codes = exc.get_codes()
        first_code = _first_code(codes) or "invalid"
        if first_code == "unique":
            first_code = "duplicate_code" if "code" in fields else "duplicate"
        message = "；".join(
            f"{name if name != 'non_field_errors' else ''}{'：' if name != 'non_field_errors' else ''}{msgs[0]}"
            for name, msgs in fields.items()
        )
        return error_response(first_code, message, fields)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    code, message = DRF_CODES.get(type(exc), (getattr(exc, "default_code", "error"), str(exc.detail)))
    headers = {k: v for k, v in response.headers.items() if k in {"WWW-Authenticate", "Retry-After", "Allow"}}
    return error_response(code, message, None, response.status_code or status.HTTP_400_BAD_REQUEST, headers)


def _first_code(codes):
    if isinstance(codes, dict):
        for value in codes.values():
            found = _first_code(value)
            if found:
                return found
    if isinstance(codes, list):
        for value in codes:
            found = _first_code(value)
            if found:
                return found
    if isinstance(codes, str):
        return codes
    return None
