"""Helpers of the duty pages: permission checks, and running a service with its errors shown, never a 500."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect

from yingji.core.errors import DomainError
from yingji.core.refusals import refuse


def needs(permission):
    def decorate(view):
        @login_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.has_perm(permission):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorate


def attempt(request, action, success: str, back: str):
    """Run a service call from a POST: a success message, or the service's error message, then redirect; a refusal is
    kept for the page it goes back to, which draws it beside the form that was posted (core/refusals.py)."""
    try:
        action()
    except (DomainError, ValidationError) as exc:
        messages.error(request, refuse(request, exc, keep=True).message)
    else:
        messages.success(request, success)
    return redirect(back)


def form_errors(form) -> str:
    return "；".join(f"{form.fields[name].label if name in form.fields else ''}：{errors[0]}".lstrip("：")
                     for name, errors in form.errors.items())
