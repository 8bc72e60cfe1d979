"""What the login page and the token API add around authentication: rate limits and the lock message.

The lockout itself (an atomic count per account) is in core.auth.RoleBackend. The page login is also
limited per client address and per username, with the cache (DRF's sliding-window throttle), so spraying
many names from one address, or one name from many addresses, is slowed before any password is compared.
"""

import hashlib

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework.throttling import SimpleRateThrottle

from .timefmt import MINUTE, local_text


class _PageLoginThrottle(SimpleRateThrottle):
    def __init__(self, scope: str, rate: str, ident):
        self.scope, self.rate, self._ident = scope, rate, ident
        self.num_requests, self.duration = self.parse_rate(rate)

    def get_cache_key(self, request, view):
        ident = self._ident(self, request)
        return self.cache_format % {"scope": self.scope, "ident": ident} if ident else None


def _address(throttle, request):
    # The connection's address, as the audit log records it; X-Forwarded-For is the client's to write (a
    # reverse proxy in front sets REMOTE_ADDR, e.g. uvicorn --proxy-headers --forwarded-allow-ips).
    return request.META.get("REMOTE_ADDR") or None


def _username(throttle, request):
    name = (request.POST.get("username") or "").strip().lower()
    return hashlib.sha256(name.encode()).hexdigest() if name else None


def page_login_refusal(request) -> str | None:
    """A message when this address or this username has tried too often in the last minute."""
    throttles = (
        _PageLoginThrottle("login_page_address", settings.LOGIN_RATE_PER_ADDRESS, _address),
        _PageLoginThrottle("login_page_username", settings.LOGIN_RATE_PER_USERNAME, _username),
    )
    if all(throttle.allow_request(request, None) for throttle in throttles):
        return None
    return _("登录尝试过于频繁，请一分钟后再试。")


def lock_message(until) -> str:
    return _("该账户因连续登录失败已被锁定，请于 %(until)s 后再试，或联系安全管理员解锁。") % {
        "until": local_text(until, MINUTE)
    }
