"""Authentication backend: password login with an atomic lockout, and role-based permissions."""

from django.apps import apps
from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.utils import timezone

from .roles import role_grants


class RoleBackend(ModelBackend):
    """Model permissions come from the user's role (yingji.core.roles), not from per-user grants."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        """The lock is checked and the attempt counted in one UPDATE before the password is compared, so
        parallel attempts can neither lose counts nor slip past a lock. A refusal because of the lock is
        noted on the request (`login_locked_until`) for the login page and the token API to say so."""
        from .models import User

        username = username if username is not None else kwargs.get(User.USERNAME_FIELD)
        if username is None or password is None:
            return None
        user = User._default_manager.filter(username=username).first()
        if user is None:
            User().set_password(password)  # as slow as a real check, so the time taken reveals no names
            return None
        now, threshold = timezone.now(), settings.LOGIN_LOCKOUT_THRESHOLD
        attempt = user.begin_login_attempt(now=now)
        if attempt is not None and attempt > threshold:
            user.lock(now=now)  # more attempts arrived at once than the threshold allows: no more guesses
            attempt = None
        if attempt is None:
            _note_lock(request, user.locked_until)
            return None
        success = user.check_password(password) and self.user_can_authenticate(user)
        if user.end_login_attempt(attempt=attempt, success=success, threshold=threshold, now=now):
            return user
        if success:
            _note_lock(request, user.locked_until)
        return None

    def get_user(self, user_id):
        """The session's user with the home region, but not its boundary: scoping needs the region's path on
        every request, and the district's boundary is tens of kilobytes of JSON to decode each time. The
        organization comes along: what a user writes to a timeline carries its name."""
        from .models import User

        user = (User._default_manager.select_related("region", "organization")
                .defer("region__geometry", "organization__geometry").filter(pk=user_id).first())
        return user if user is not None and self.user_can_authenticate(user) else None

    def has_perm(self, user_obj, perm, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous:
            return False
        if user_obj.is_superuser:
            return True
        return role_grants(user_obj.role, perm)

    def get_all_permissions(self, user_obj, obj=None):
        return set()  # permissions are patterns; use has_perm

    def has_module_perms(self, user_obj, app_label):
        if not user_obj.is_active or user_obj.is_anonymous:
            return False
        if user_obj.is_superuser:
            return True
        models = apps.get_app_config(app_label).get_models()
        return any(
            role_grants(user_obj.role, f"{app_label}.{action}_{model._meta.model_name}")
            for model in models
            for action in ("view", "add", "change")
        )


def _note_lock(request, until) -> None:
    if request is not None:
        request.login_locked_until = until
