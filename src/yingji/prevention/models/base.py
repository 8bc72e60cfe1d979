"""What every prevention record shares: an enterprise account sees only its own enterprise's records."""

from django.core.exceptions import ValidationError
from django.db.models import Q

from yingji.standards.errors import StandardsError

ENTERPRISE_ROLE = "enterprise"


def bound_enterprise_id(user):
    """The enterprise an `enterprise` account is bound to (None when unbound); cached on the user object."""
    if not hasattr(user, "_prevention_enterprise_id"):
        from .enterprises import EnterpriseAccount

        user._prevention_enterprise_id = (
            EnterpriseAccount.objects.filter(user_id=user.pk).values_list("enterprise_id", flat=True).first())
    return user._prevention_enterprise_id


class EnterpriseScoped:
    """Mixin read by core.scoping: records of `enterprise_lookup` (the enterprise's id) for enterprise accounts."""

    enterprise_lookup = "enterprise_id"

    @classmethod
    def jurisdiction_narrowing(cls, user):
        if getattr(user, "role", None) != ENTERPRISE_ROLE or getattr(user, "is_superuser", False):
            return None
        return Q(**{cls.enterprise_lookup: bound_enterprise_id(user)}) if bound_enterprise_id(user) else Q(pk__in=[])


def field_error(exc: StandardsError, field: str | None = None) -> ValidationError:
    return ValidationError({field or exc.field: ValidationError(exc.message, code=exc.code)})
