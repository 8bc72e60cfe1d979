"""Small helpers shared by the pages: an action view that turns domain errors into messages, or into the page again
with the error beside the form that was refused."""

import functools
from contextlib import contextmanager

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from yingji.core.errors import DomainError, validation_error_fields
from yingji.core.refusals import refuse

FAILURES = (ValidationError, DomainError)


def message_of(exc) -> str:
    if isinstance(exc, DomainError):
        return exc.message
    return "；".join(exc.messages)


def as_domain_error(exc) -> DomainError:
    if isinstance(exc, DomainError):
        return exc
    code, message, fields = validation_error_fields(exc)
    return DomainError(code, message, fields=fields)


class Refused(Exception):
    """An action refused for one small form of a page (`form`, its key in the page): the page answers again with
    the error beside that form, what was typed kept."""

    def __init__(self, form: str, error: DomainError, **page):
        super().__init__(error.message)
        self.form, self.error, self.page = form, error, page


@contextmanager
def refused_as(form: str, **page):
    """Inside: a refusal of the service is a refusal of `form` (see `action(again=…)`)."""
    try:
        yield
    except FAILURES as exc:
        raise Refused(form, as_domain_error(exc), **page) from exc


def _back(request) -> str:
    back = request.POST.get("next") or request.META.get("HTTP_REFERER") or "/"
    if not back.startswith("/") and "://" in back:
        back = "/" + back.split("://", 1)[1].split("/", 1)[-1]
    return back


def action(view=None, *, again=None):
    """A POST-only page action: success → its message and redirect; a refused action → the error message
    and back to where the user was, with nothing changed (the services are atomic). With `again(request,
    refused)`, a `Refused` answers with the page again (400), the error beside its form."""
    if view is None:
        return functools.partial(action, again=again)

    @login_required
    @require_POST
    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            text = view(request, *args, **kwargs)
        except Refused as refused:
            if again is not None:
                return again(request, refused)
            messages.error(request, refuse(request, refused.error, keep=True).message)
        except FAILURES as exc:
            messages.error(request, refuse(request, exc, keep=True).message)
        else:
            if text:
                messages.success(request, text)
        return redirect(_back(request))

    return wrapped
