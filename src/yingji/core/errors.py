"""Domain errors: a Chinese message for people, an English code for machines, and the field."""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError


class DomainError(Exception):
    status = 400

    def __init__(self, code: str, message: str, field: str | None = None, fields: dict | None = None):
        super().__init__(message)
        self.code, self.message = code, message
        self.fields = fields or ({field: [message]} if field else {})


class PermissionDeniedError(DomainError):
    status = 403


class ConflictError(DomainError):
    status = 409


def validation_error_fields(exc: ValidationError) -> tuple[str, str, dict]:
    """Turn a Django ValidationError into (code, message, {field: [messages]})."""
    if hasattr(exc, "error_dict"):
        fields = {
            ("non_field_errors" if name == NON_FIELD_ERRORS else name): [str(m) for e in errors for m in e.messages]
            for name, errors in exc.error_dict.items()
        }
        first = next(iter(exc.error_dict.values()))[0]
        code = first.code or "invalid"
        message = "；".join(f"{msgs[0]}" for msgs in fields.values())
    else:
        fields, first = {}, exc.error_list[0]
        code, message = first.code or "invalid", "；".join(exc.messages)
    if code == "unique":
        code = "duplicate_code" if "code" in fields else "duplicate"
    return code, message, fields
