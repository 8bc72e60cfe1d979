import re
import time
import uuid

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login

from .context import acting


def _source(path: str) -> str:
    if path.startswith("/api/"):
        return "api"
    if path.startswith("/admin/"):
        return "admin"
    return "ui"


# A request id a proxy or client may choose: plain characters only, so it can never carry markup, line breaks or
# log-injection text into the audit log and the logs; anything else is replaced by our own.
SAFE_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")


def request_id_of(request) -> str:
    given = request.headers.get("X-Request-ID", "")
    return given if SAFE_REQUEST_ID.fullmatch(given) else uuid.uuid4().hex


class RequestContextMiddleware:
    """Gives each request an id (also returned as X-Request-ID) and the audit context."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = request_id_of(request)
        ip = request.META.get("REMOTE_ADDR", "")
        with acting(source=_source(request.path), request=request, request_id=request_id, ip=ip):
            response = self.get_response(request)
        response["X-Request-ID"] = request_id
        return response


class SessionIdleTimeoutMiddleware:
    """Logs a session user out after SESSION_IDLE_TIMEOUT_SECONDS without a request (等保 2.0)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and hasattr(request, "session"):
            now = time.time()
            last = request.session.get("last_seen", now)
            if now - last > settings.SESSION_IDLE_TIMEOUT_SECONDS:
                logout(request)
                if not request.path.startswith("/api/"):
                    return redirect_to_login(request.get_full_path())
            elif now - last > 60 or "last_seen" not in request.session:
                request.session["last_seen"] = now  # written at most once a minute
        return self.get_response(request)
