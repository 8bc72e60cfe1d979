"""Jurisdiction scoping: a user sees and edits only their region's subtree (DESIGN §1)."""

from django.utils.translation import gettext as _

from .errors import PermissionDeniedError
from .models.regions import Region


def scope_to_user(queryset, user):
    if getattr(user, "is_superuser", False):
        return queryset
    region = getattr(user, "region", None)
    if region is None:
        return queryset.none()
    if queryset.model is Region:
        return queryset.filter(path__startswith=region.path)
    field = getattr(queryset.model, "region_field", "region")
    return queryset.filter(**{f"{field}__path__startswith": region.path})


def user_can_reach(user, region) -> bool:
    if getattr(user, "is_superuser", False):
        return True
    home = getattr(user, "region", None)
    return bool(home is not None and region is not None and region.path.startswith(home.path))


def ensure_in_jurisdiction(user, region, field="region"):
    if user is None or region is None:
        return  # shell and system jobs act for the whole platform; a missing region fails validation
    if not user_can_reach(user, region):
        raise PermissionDeniedError("outside_jurisdiction", _("该区域不在您的管辖范围内"), field=field)
