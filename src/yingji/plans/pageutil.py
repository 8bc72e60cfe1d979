"""Small helpers shared by the pages: an action view that turns domain errors into messages."""

import functools

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from yingji.core.errors import DomainError

FAILURES = (ValidationError, DomainError)


def message_of(exc) -> str:
    if isinstance(exc, DomainError):
        return exc.message
    return "；".join(exc.messages)


def action(view):
    """A POST-only page action: success → its message and redirect; a refused action → the error message
    and back to where the user was, with nothing changed (the services are atomic)."""

    @login_required
    @require_POST
    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        back = request.POST.get("next") or request.META.get("HTTP_REFERER") or "/"
        if not back.startswith("/") and "://" in back:
            back = "/" + back.split("://", 1)[1].split("/", 1)[-1]
        try:
            text = view(request, *args, **kwargs)
        except FAILURES as exc:
            messages.error(request, message_of(exc))
        else:
            if text:
                messages.success(request, text)
        return redirect(back)

    return wrapped
