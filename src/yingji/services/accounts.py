"""An enterprise manages its own colleagues' accounts (一网通办: several people per enterprise, each their own login).

The principal account (主账户) of an enterprise is its earliest-bound active account (prevention's EnterpriseAccount,
no flag stored). It adds a colleague (an `enterprise` account bound to the same enterprise; an initial password it
sets, or one generated and shown once, either way meeting core.passwords and to be changed at first login), and
deactivates or reactivates one. It never touches another enterprise's accounts (404) nor deactivates itself.

Every save goes through core.accounts_services as the principal, so User.save() checks the rule again and the audit
names the principal: the rule is a delegation registered in core.accounts_rules.DELEGATIONS, which only grants while
one of the functions below runs (a context variable names the enterprise being managed).
"""

import contextvars
import re
from contextlib import contextmanager

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from yingji.core import accounts_rules, accounts_services
from yingji.core.accounts_rules import Change
from yingji.core.audit import record
from yingji.core.errors import DomainError, PermissionDeniedError
from yingji.core.models import User
from yingji.core.models.audit import AuditAction
from yingji.prevention.models import Enterprise, EnterpriseAccount
from yingji.prevention.models.base import ENTERPRISE_ROLE, bound_enterprise_id

from .enterprises import NotFoundError, bound_enterprise, colleagues

USERNAME = re.compile(r"^[A-Za-z0-9_.@+-]{3,40}$")
PHONE = re.compile(r"^1\d{10}$")
_managing: contextvars.ContextVar[int | None] = contextvars.ContextVar("services_managing", default=None)


def principal(enterprise: Enterprise) -> User | None:
    binding = EnterpriseAccount.objects.filter(enterprise=enterprise, user__is_active=True).order_by("pk").first()
    return binding.user if binding else None


def managed_enterprise(user) -> Enterprise | None:
    """The enterprise `user` manages the accounts of (None unless it is that enterprise's principal account)."""
    enterprise = bound_enterprise(user)
    if enterprise is None:
        return None
    first = principal(enterprise)
    return enterprise if first is not None and first.pk == user.pk else None


@contextmanager
def _managing_for(enterprise):
    token = _managing.set(enterprise.pk)
    try:
        yield
    finally:
        _managing.reset(token)


def _delegation(actor, target, change) -> bool:
    """core.accounts_rules.DELEGATIONS: inside one of this module's functions, the principal may create an
    `enterprise` account, and (de)activate or reset the password of an account bound to its own enterprise."""
    managed = _managing.get()
    if managed is None or getattr(actor, "role", None) != ENTERPRISE_ROLE or bound_enterprise_id(actor) != managed:
        return False
    if target.pk is None:
        return change in (Change.CREATE, Change.ROLE) and target.role == ENTERPRISE_ROLE and not target.is_superuser
    if change not in (Change.ACTIVATION, Change.PASSWORD) or target.role != ENTERPRISE_ROLE:
        return False
    return EnterpriseAccount.objects.filter(user_id=target.pk, enterprise_id=managed).exists()


def register() -> None:
    if _delegation not in accounts_rules.DELEGATIONS:
        accounts_rules.DELEGATIONS.append(_delegation)


def _manager(actor) -> Enterprise:
    enterprise = managed_enterprise(actor)
    if enterprise is None:
        raise PermissionDeniedError("not_enterprise_principal", _("只有本企业的主账户可以管理企业账户"))
    return enterprise


def manager_of(actor) -> Enterprise:
    """The enterprise whose accounts `actor` manages; 403 not_enterprise_principal unless it is the principal."""
    return _manager(actor)


def _check_password(password: str, user: User) -> None:
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise DomainError("password_invalid", "；".join(exc.messages), field="password") from None


def add_colleague(*, actor, username: str, name: str, phone: str = "", password: str = "") -> tuple[User, str]:
    """A new account for a colleague, bound to the principal's enterprise. Returns it and the initial password
    to show once (the one the principal set, or a generated one). Nothing is saved when any field is wrong."""
    enterprise = _manager(actor)
    username, name, phone = (username or "").strip(), (name or "").strip(), (phone or "").strip()
    if not USERNAME.match(username):
        raise DomainError("username_invalid", _("用户名须为3至40位字母、数字或 _ . @ + -"), field="username")
    if User.objects.filter(username__iexact=username).exists():
        raise DomainError("username_taken", _("该用户名已被使用"), field="username")
    if not name or len(name) > 30:
        raise DomainError("name_required", _("请填写姓名（不超过30字）"), field="name")
    if phone and not PHONE.match(phone):
        raise DomainError("phone_invalid", _("手机号码应为11位数字"), field="phone")
    fields = {"role": ENTERPRISE_ROLE, "first_name": name, "phone": phone, "region_id": actor.region_id,
              "organization_id": actor.organization_id}
    password = password or accounts_services.temporary_password()
    _check_password(password, User(username=username, **fields))
    with transaction.atomic(), _managing_for(enterprise):
        user = accounts_services.create_user(actor=actor, username=username, password=password, **fields)
        binding = EnterpriseAccount.objects.create(user=user, enterprise=enterprise)
        record(AuditAction.CREATE, model_label="prevention.EnterpriseAccount", object_id=binding.pk,
               object_repr=str(binding), after={"user": user.username, "enterprise": enterprise.code}, actor=actor)
    return user, password


def colleague(actor, uuid) -> User:
    enterprise = _manager(actor)
    found = colleagues(enterprise).filter(uuid=uuid, role=ENTERPRISE_ROLE).first()
    if found is None:
        raise NotFoundError("account_not_found", _("未找到该账户，或不是本企业的账户"), field="account")
    return found


def set_active(*, actor, uuid, active: bool) -> User:
    user = colleague(actor, uuid)
    if user.pk == actor.pk:
        raise DomainError("cannot_change_self", _("不能停用本人的账户"), field="account")
    with _managing_for(_manager(actor)):
        return accounts_services.set_active(actor=actor, user=user, active=active)


def reset_password(*, actor, uuid) -> tuple[User, str]:
    user = colleague(actor, uuid)
    if user.pk == actor.pk:
        raise DomainError("cannot_change_self", _("修改本人密码请使用“修改密码”页面"), field="account")
    with _managing_for(_manager(actor)):
        return user, accounts_services.reset_password(actor=actor, user=user)
