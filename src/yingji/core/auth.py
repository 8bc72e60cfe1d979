"""Authentication backend: password login with lockout, and role-based permissions."""

from django.apps import apps
from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.utils import timezone

from .roles import role_grants


class RoleBackend(ModelBackend):
    """Model permissions come from the user's role (yingji.core.roles), not from per-user grants."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        from .models import User

        user = User.objects.filter(username=username).first() if username else None
        if user is not None and user.is_locked():
            return None
        result = super().authenticate(request, username=username, password=password, **kwargs)
        if user is not None:
            user.record_login_attempt(
                success=result is not None,
                threshold=settings.LOGIN_LOCKOUT_THRESHOLD,
                lock_minutes=settings.LOGIN_LOCKOUT_MINUTES,
                now=timezone.now(),
            )
        return result

    def get_user(self, user_id):
        """The session's user with the home region, but not its boundary: scoping needs the region's path on
        every request, and the district's boundary is tens of kilobytes of JSON to decode each time."""
        from .models import User

        user = User._default_manager.select_related("region").defer("region__geometry").filter(pk=user_id).first()
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
