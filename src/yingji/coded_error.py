"""The error base of the pure-Python packages (standards, geo): a code, a Chinese message, a field."""

from __future__ import annotations


class CodedError(ValueError):
    """``code`` is a stable English slug for programs, ``message`` readable Chinese for people,
    ``field`` names the offending input when there is one."""

    def __init__(self, code: str, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.field = field

    def __repr__(self) -> str:
        return f"{type(self).__name__}(code={self.code!r}, message={self.message!r}, field={self.field!r})"
