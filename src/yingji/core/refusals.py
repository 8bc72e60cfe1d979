"""A refused small form, drawn beside the form that was posted (issue 14 §3).

A page often has many small forms (steps, reasons, toggles). The form renderer names each with a key
(`{% form_refusal refusal "reason" %}` writes it as the hidden field `yj_form`), so a view needs to know nothing
about the page's forms:

    except DomainError as exc:
        refuse(request, exc)                      # the page is drawn again (400): the error beside its form
        refuse(request, exc, keep=True)           # the view redirects: the page it goes to draws it

and the template of each small form asks for its own refusal (`{% refusal_for "minutes" as refusal %}`), which is
empty unless that very form was posted and refused. What was typed is kept in `refusal.data`.
A kept refusal lives in the session until the next page that draws a small form, at most KEPT_FOR seconds.
"""

import time

from django.core.exceptions import ValidationError

from .errors import DomainError, validation_error_fields

FORM_KEY = "yj_form"
SESSION_KEY = "yj_refusal"
KEPT_FOR = 120
NOT_KEPT = ("csrfmiddlewaretoken", "password", "submission_key")


def as_domain_error(exc) -> DomainError:
    """A DomainError for a service's DomainError or a model's ValidationError (its fields kept)."""
    if isinstance(exc, DomainError):
        return exc
    if isinstance(exc, ValidationError):
        code, message, fields = validation_error_fields(exc)
        return DomainError(code, message, fields=fields)
    return DomainError("invalid", str(exc))


class FormRefusal:
    """The refusal of one form of a page, or an empty one (falsy) for every other form."""

    def __init__(self, key: str = "", error: DomainError | None = None, data: dict | None = None):
        self.key, self.error, self.data = key, error, data or {}

    def __bool__(self) -> bool:
        return self.error is not None

    @property
    def fields(self) -> dict:
        return self.error.fields if self.error is not None else {}

    @property
    def message(self) -> str:
        return self.error.message if self.error is not None else ""

    def __str__(self) -> str:
        return self.message


def _typed(post) -> dict:
    return {name: post.get(name) for name in post if not any(word in name for word in NOT_KEPT)}


def refuse(request, exc, *, keep: bool = False, form: str = "") -> DomainError:
    """Record `exc` as the refusal of the form the request posted (its `yj_form`, else `form`: the one form an
    endpoint serves, for a post that does not name it); with keep, for the page the view redirects to."""
    error = as_domain_error(exc)
    post = getattr(request, "POST", {})
    refusal = FormRefusal(post.get(FORM_KEY) or form, error, _typed(post))
    request.yj_refusal = refusal
    session = getattr(request, "session", None)
    if keep and session is not None and refusal.key:
        session[SESSION_KEY] = {"key": refusal.key, "code": str(error.code), "message": str(error.message),
                                "fields": {k: [str(m) for m in v] for k, v in error.fields.items()},
                                "data": refusal.data, "at": time.time()}
    return error


def current(request) -> FormRefusal | None:
    """The refusal of this request, or the one a redirect kept for it (taken once)."""
    if request is None:
        return None
    if not hasattr(request, "yj_refusal"):
        session = getattr(request, "session", None)
        kept = session.pop(SESSION_KEY, None) if session is not None and SESSION_KEY in session else None
        refusal = None
        if kept and time.time() - kept.get("at", 0) <= KEPT_FOR:
            refusal = FormRefusal(kept["key"], DomainError(kept["code"], kept["message"], fields=kept["fields"]),
                                  kept["data"])
        request.yj_refusal = refusal
    return request.yj_refusal


def refusal_of(request, key: str) -> FormRefusal:
    refusal = current(request)
    return refusal if refusal is not None and key and refusal.key == key else FormRefusal(key)
