"""JSON with bounds: no body larger than DATA_UPLOAD_MAX_MEMORY_SIZE, no nesting deeper than MAX_JSON_DEPTH, and no
NUL character in any text (PostgreSQL refuses to store one: a "\u0000" in a nested JSON value reached the database
past the serializers' own check and answered 500).

Python's json module recurses once per nesting level, so a body of 100,000 "[" characters ended in a
RecursionError (a 500). The depth is counted before parsing, on the raw text, in one pass over its brackets.
`JSONParser` is the API's default parser; page views that decode JSON posted in a form field use `loads`."""

import json
import re

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework import parsers
from rest_framework.utils import json as drf_json

from .errors import DomainError

MAX_JSON_DEPTH = 64  # plan content and GeoJSON need under 10
# A string (to its closing quote, or to the end when unterminated) or a bracket; possessive, so linear time.
_TOKENS = re.compile(r'"(?:[^"\\]++|\\.)*+"?|[\[\]{}]', re.DOTALL)


def check_depth(text: str, field: str | None = None) -> None:
    depth = 0
    for match in _TOKENS.finditer(text):
        token = match.group()
        if token[0] == '"':
            continue
        depth += 1 if token in "[{" else -1
        if depth > MAX_JSON_DEPTH:
            raise DomainError("json_too_deep", _("JSON 嵌套过深（最多 %(n)d 层）") % {"n": MAX_JSON_DEPTH}, field=field)


def loads(text: str, field: str | None = None):
    """json.loads with the depth bound; a syntax error still raises json.JSONDecodeError (a ValueError)."""
    check_depth(text, field)
    return json.loads(text)


class JSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        raw = stream.read(limit + 1)
        if len(raw) > limit:
            raise DomainError("body_too_large", _("请求内容过大（不超过 %(n)d KB）") % {"n": limit // 1024})
        try:
            text = raw.decode(parsers.get_encoding(parser_context or {}))
        except (UnicodeDecodeError, LookupError) as exc:
            raise parsers.ParseError(f"JSON parse error - {exc}") from exc
        check_depth(text)
        try:
            data = json.loads(text, parse_constant=drf_json.strict_constant if self.strict else None)
        except ValueError as exc:
            raise parsers.ParseError(f"JSON parse error - {exc}") from exc
        if "\\u0000" in text:  # only then is there anything to find
            refuse_nul(data)
        return data


def refuse_nul(value, path: str = "") -> None:
    """A DomainError naming the first place (dotted path) where a key or text holds a NUL character."""
    if isinstance(value, str):
        if "\x00" in value:
            raise DomainError("nul_character", _("文本中不能含有空字符（\\u0000）"), field=path or None)
    elif isinstance(value, dict):
        for key, item in value.items():
            refuse_nul(key, path)
            refuse_nul(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            refuse_nul(item, f"{path}.{index}" if path else str(index))


def refuse_nul_in_form(data) -> None:
    """The same for a form's fields (a QueryDict): its names and every value given for each."""
    for name, values in data.lists():
        refuse_nul(name)
        for value in values:
            refuse_nul(value, name)


class FormParser(parsers.FormParser):
    """Forms too: the PostgreSQL API fuzz sent a NUL character as a form field and two endpoints answered 500."""

    def parse(self, stream, media_type=None, parser_context=None):
        data = super().parse(stream, media_type, parser_context)
        refuse_nul_in_form(data)
        return data


class MultiPartParser(parsers.MultiPartParser):
    def parse(self, stream, media_type=None, parser_context=None):
        result = super().parse(stream, media_type, parser_context)
        refuse_nul_in_form(result.data)
        return result
