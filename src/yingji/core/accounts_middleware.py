"""Production mode: a user whose password an admin set must change it before doing anything else."""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _


class PasswordChangeRequiredMiddleware:
    """Sends such a signed-in user to 修改密码 (pages) or answers 403 password_change_required (API).
    The token API refuses such users a token, so API clients meet this only with a session."""

    ALLOWED = ("/static/", "/jsi18n/", "/i18n/", "/accounts/logout/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            settings.DEMO_MODE
            or user is None
            or not user.is_authenticated
            or not getattr(user, "must_change_password", False)
        ):
            return self.get_response(request)
        change_page = reverse("core:password-change")
        if request.path == change_page or request.path.startswith(self.ALLOWED):
            return self.get_response(request)
        message = _("请先修改管理员设置的初始密码")
        if request.path.startswith("/api/"):
            return JsonResponse(
                {"error": {"code": "password_change_required", "message": message, "fields": {}}}, status=403
            )
        return redirect(change_page)
