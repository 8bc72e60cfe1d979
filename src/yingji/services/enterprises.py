"""Enterprise accounts (prevention's EnterpriseAccount: several accounts may be bound to one enterprise, each its own
login): the enterprise a user acts for, and the enterprise a request names, refused when it is not theirs."""

from django.utils.translation import gettext as _

from yingji.core.errors import DomainError
from yingji.core.scoping import scope_to_user
from yingji.prevention.models import Enterprise
from yingji.prevention.models.base import ENTERPRISE_ROLE, bound_enterprise_id


class NotFoundError(DomainError):
    """A record the user may not see answers as one that does not exist: 404 with a code."""

    status = 404


def bound_enterprise(user) -> Enterprise | None:
    if getattr(user, "role", None) != ENTERPRISE_ROLE:
        return None
    pk = bound_enterprise_id(user)
    return Enterprise.objects.filter(pk=pk).select_related("region").first() if pk else None


def enterprise_for(user, named=None) -> Enterprise:
    """The enterprise an application is for: an enterprise account's own (naming another is a 404 on `enterprise`);
    a bureau user names one in their reach by code or 统一社会信用代码."""
    own = bound_enterprise(user)
    named = str(named or "").strip()
    if own is not None:
        if named and named not in (own.code, own.credit_code):
            raise NotFoundError("enterprise_not_found", _("未找到该企业，或不是您的企业"), field="enterprise")
        return own
    if getattr(user, "role", None) == ENTERPRISE_ROLE:
        raise DomainError("account_not_bound", _("您的账户尚未绑定企业，请联系区应急管理局"), field="enterprise")
    if not named:
        raise DomainError("enterprise_required", _("请指定企业（编码或统一社会信用代码）"), field="enterprise")
    reach = scope_to_user(Enterprise.objects.all(), user)
    found = (reach.filter(code=named).first() or reach.filter(credit_code=named).first()) if len(named) <= 64 else None
    if found is None:
        raise NotFoundError("enterprise_not_found", _("未找到该企业，或不在您的管辖范围内"), field="enterprise")
    return found


def colleagues(enterprise):
    """The accounts bound to `enterprise` (several people, each their own login)."""
    from yingji.core.models import User

    return User.objects.filter(pk__in=enterprise.accounts.values("user_id")).order_by("username")
