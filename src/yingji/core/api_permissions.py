from rest_framework.permissions import SAFE_METHODS, BasePermission

ACTION_BY_METHOD = {"POST": "add", "PUT": "change", "PATCH": "change", "DELETE": "delete"}


class ModelPermissions(BasePermission):
    """Authenticated, and the role grants the model permission for the method (view for reads)."""

    def has_permission(self, request, view):
        user = request.user
        if not (user and user.is_authenticated):
            return False
        model = getattr(getattr(view, "queryset", None), "model", None)
        if model is None:
            return True
        action = "view" if request.method in SAFE_METHODS else ACTION_BY_METHOD.get(request.method, "change")
        action = getattr(view, "required_action", {}).get(getattr(view, "action", None), action)
        return user.has_perm(f"{model._meta.app_label}.{action}_{model._meta.model_name}")
