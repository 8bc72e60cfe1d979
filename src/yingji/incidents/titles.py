"""Timeline titles: written in the district's language whoever acted (the timeline is the official record), shown
in the reader's.

    timeline.write(..., title=canonical(gettext_noop("状态：%(s)s"), s=incident.get_status_display))

builds the title under the district's language (LANGUAGE_CODE): the format and every parameter, a callable
parameter called there, so labels come out in Chinese even when an English-mode user acts. The title remembers its
format and parameters; the timeline keeps them in the entry's data (`title_source`), and `shown(entry)` translates
the format and each parameter that is a known text (a status, a grade, a step) for the reader. A title written
without `canonical`, or before it, is shown translated when it is itself a known text, else as it is.
"""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext


class CanonicalTitle(str):
    """The title text in the district's language, with the format and parameters it was made from."""

    source: dict

    def __new__(cls, text, msgid, params):
        title = super().__new__(cls, text)
        title.source = {"msgid": msgid, "params": params}
        return title


def _value(value):
    value = value() if callable(value) else value
    return value if isinstance(value, int | float) else str(value)


def canonical(msgid: str, **params) -> CanonicalTitle:
    with translation.override(settings.LANGUAGE_CODE):
        values = {name: _value(value) for name, value in params.items()}
        return CanonicalTitle(gettext(msgid) % values, msgid, values)


def _translated(value):
    return gettext(value) if isinstance(value, str) and value else value


def source_of(title) -> dict:
    """What the timeline keeps beside a title made by `canonical` (nothing for a plain string)."""
    return {"title_source": title.source} if isinstance(title, CanonicalTitle) else {}


def shown(entry) -> str:
    """The entry's title in the reader's language, where it can be told."""
    source = (entry.data or {}).get("title_source") if isinstance(entry.data, dict) else None
    if source:
        try:
            return gettext(source["msgid"]) % {name: _translated(v) for name, v in source["params"].items()}
        except (KeyError, TypeError, ValueError):
            return entry.title
    return _translated(entry.title)
